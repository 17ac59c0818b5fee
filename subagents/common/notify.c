/*
 * Notifications (see notify.h): the definitions resolved, the status
 * poll and the per-row state carried over rebuilds.
 */
#include <stdlib.h>
#include <string.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include "subagents/common/core.h"
#include "subagents/common/notify.h"
#include "subagents/common/notify_conf.h"
#include "subagents/common/resident.h"
#include "subagents/common/uptime.h"
#include "subagents/common/values.h"

struct notify {
	struct watched *w;
	size_t n;
	bool started;           /* notify_start was called */
	unsigned timer;         /* the poll's alarm, 0 while none */
	/* the names of the segments signalled since the first signal of
	 * this scan (a rescan meanwhile may reopen them), and the alarm
	 * that ends it (0 while none) */
	char **pending;
	size_t npending, cap;
	unsigned settle;
};

static void schedule(struct agent *a);

/* ---- Definitions -------------------------------------------------- */

static int fail(const struct agent_notify *d, const char *what, const char *name)
{
	snmp_log(LOG_ERR, "notifications of %s: %s %s\n", d->table, what, name);
	return -1;
}

/* The column NAME of W's table. */
static int column(struct agent *a, const struct watched *w, const char *name,
		  size_t *col)
{
	const struct mib_object *m = mib_lookup(name);
	int c = m ? table_column(&a->tables.v[w->table], m) : -1;

	if (c < 0)
		return fail(w->def, "no such column:", name);
	*col = c;
	return 0;
}

/* A notification and its OBJECTS ("ifIndex,ifAdminStatus,...") as
 * columns of W's table. */
static int kind(struct agent *a, const struct watched *w, const char *name,
		struct nkind *k)
{
	char objs[256], *save = NULL;

	k->mib = mib_lookup(name);
	if (!k->mib || k->mib->type != MIB_NOTIFICATION)
		return fail(w->def, "no such notification in the catalogue:", name);
	snprintf(objs, sizeof objs, "%s", k->mib->table);
	for (char *o = strtok_r(objs, ",", &save); o; o = strtok_r(NULL, ",", &save)) {
		if (k->nvars == NOTIFY_VARS_MAX)
			return fail(w->def, "too many objects in", name);
		if (column(a, w, o, &k->col[k->nvars++]))
			return -1;
	}
	return 0;
}

static int resolve(struct agent *a, const struct agent_notify *d, struct watched *w)
{
	w->def = d;
	for (w->table = 0; w->table < a->tables.n; w->table++)
		if (!strcmp(a->tables.v[w->table].def->name, d->table))
			break;
	if (w->table == a->tables.n)
		return fail(d, "not a table of", a->def->name);
	if (column(a, w, d->status, &w->status_col) ||
	    kind(a, w, d->down, &w->kind[KIND_DOWN]) ||
	    kind(a, w, d->up, &w->kind[KIND_UP]))
		return -1;
	w->enable = knob_get(a, d->enable, false);
	w->rate = d->rate ? knob_get(a, d->rate, true) : NULL;
	return w->enable && (w->rate || !d->rate) ? 0 : -1;
}

int notify_new(struct agent *a)
{
	struct notify *nf = calloc(1, sizeof *nf);
	size_t n = 0;

	if (!nf)
		return -1;
	a->notify = nf;
	while (a->def->notifications && a->def->notifications[n].table)
		n++;
	if (!(nf->w = calloc(n + 1, sizeof *nf->w)))
		return -1;
	for (; nf->n < n; nf->n++)
		if (resolve(a, &a->def->notifications[nf->n], &nf->w[nf->n]))
			return -1;
	return 0;
}

/* ---- Rows --------------------------------------------------------- */

static bool in(uint32_t set, int32_t v)
{
	return v >= 0 && v < 32 && (set & AGENT_STATE(v));
}

/* The status of row S in SEG now; the last one if it cannot be read
 * (the segment's data file shrank: the rescan it calls for drops or
 * reopens the segment). */
static int32_t load(struct agent *a, const struct shm_seg *seg,
		    const struct nrow *s)
{
	uint64_t x;
	int32_t y;

	if (s->gone)
		return OWNER_GONE_STATUS;
	if (s->len == 4 ? shm_get_i32(seg, s->status, &y, NULL) :
			  shm_get_u64(seg, s->status, &x, NULL)) {
		agent_rebuild_soon(a);
		return s->last;
	}
	if (s->len == 4)
		return y;
	return (int64_t)x > INT32_MAX ? INT32_MAX :
	       (int64_t)x < INT32_MIN ? INT32_MIN : (int32_t)x;
}

/* Where row J of the index keeps its status, and the status now;
 * nothing for a row whose segment disables its notifications. */
static void locate(struct agent *a, const struct watched *w,
		   const struct rows *r, size_t j, struct nrow *s)
{
	const struct cell *c = &r->v[j].cells[w->status_col];
	const struct shm_obj *o;

	/* A polled row is read four times a second: its page stays mapped,
	 * outside the budget (resident.h), or each poll would load it. */
	if (shm_seg_signals(r->v[j].seg))
		resident_rows(a, &r->v[j], r->n - j);
	if (!c->obj || knob_off_in(w->enable, r->v[j].seg))
		return;
	o = shm_seg_obj(r->v[j].seg, c->obj - 1);
	s->status = o;
	s->len = o->length;
	s->gone = r->v[j].gone;
	s->last = load(a, r->v[j].seg, s);
	s->downed = in(w->def->down_states, s->last);
	s->polled = !shm_seg_signals(r->v[j].seg);
}

static int idx_cmp(const uint32_t *x, const uint32_t *y, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		if (x[i] != y[i])
			return x[i] < y[i] ? -1 : 1;
	return 0;
}

/* New state for W's rows in the index in force; rows that OLD had keep
 * their last status (both arrays are sorted by index). */
static void carry(struct agent *a, struct watched *w, const struct index *old)
{
	const struct rows *r = &a->index->rows[w->table];
	const struct rows *o = old ? &old->rows[w->table] : NULL;
	unsigned ni = a->tables.v[w->table].nindex;
	struct nrow *v = calloc(r->n + 1, sizeof *v);
	size_t i = 0;

	if (!v) {
		snmp_log(LOG_ERR, "out of memory: status changes of %s not followed\n",
			 w->def->table);
		r = NULL;
	}
	for (size_t j = 0; r && j < r->n; j++) {
		int c = 1;

		while (o && i < w->n && (c = idx_cmp(o->v[i].idx, r->v[j].idx, ni)) < 0)
			i++;
		/* The same segment: where its status is and what it was are
		 * known; reading it again would touch every row's page at
		 * every rebuild, all in the step that puts the index in force. */
		if (c == 0 && o->v[i].seg == r->v[j].seg && w->rows[i].status &&
		    !knob_off_in(w->enable, r->v[j].seg)) {
			v[j] = w->rows[i];
			v[j].gone = r->v[j].gone;
			continue;
		}
		locate(a, w, r, j, &v[j]);
		if (c == 0 && v[j].status && w->rows[i].status) {
			v[j].last = w->rows[i].last;
			v[j].downed = w->rows[i].downed;
		}
	}
	free(w->rows);
	w->rows = v;
	w->n = r ? r->n : 0;
}

void notify_rebuilt(struct agent *a, const struct index *old)
{
	struct notify *nf = a->notify;

	for (size_t i = 0; nf && i < nf->n; i++) {
		carry(a, &nf->w[i], old);
		if (nf->w[i].rate)
			knob_find_rate(nf->w[i].rate, a->index);
	}
	schedule(a);
}

/* ---- The poll ----------------------------------------------------- */

/* Takes the new status V of row S: the notification it calls for, or
 * -1 for none. */
static int edge(const struct agent_notify *d, struct nrow *s, int32_t v)
{
	int32_t was = s->last;

	s->last = v;
	if (v == d->not_present) {
		s->downed = false;
		return -1;
	}
	if (in(d->down_states, v)) {
		s->downed = true;
		return in(d->down_states, was) || was == d->not_present ? -1 : KIND_DOWN;
	}
	if (in(d->up_states, v) && !in(d->up_states, was) && s->downed) {
		s->downed = false;
		return KIND_UP;
	}
	return -1;
}

struct range {
	int kind;               /* -1: none pending */
	size_t first, last;
};

static void flush(struct agent *a, const struct watched *w, struct range *p,
		  int64_t now_cs)
{
	if (p->kind >= 0 && (!w->rate || knob_allow(w->rate, now_cs)))
		notify_send(a, w, &w->kind[p->kind], p->first, p->last);
	p->kind = -1;
}

/* Whether row J extends the range P: the next row, the next index. */
static bool extends(struct agent *a, const struct watched *w,
		    const struct range *p, int kind, size_t j)
{
	const struct row *x = &a->index->rows[w->table].v[p->last];
	const struct row *y = x + 1;
	unsigned n = a->tables.v[w->table].nindex;

	return w->def->range && p->kind == kind && p->last + 1 == j &&
	       !idx_cmp(x->idx, y->idx, n - 1) && x->idx[n - 1] + 1 == y->idx[n - 1];
}

/* The rows a check reads: with SEGS (sorted), those of the segments
 * whose writers signalled; else the polled ones, or all of them while
 * no signal can arrive (the shm directory is not watched). */
struct pick {
	struct shm_seg *const *segs;
	size_t n;
	bool all;
};

static int by_addr(const void *x, const void *y)
{
	uintptr_t p = (uintptr_t)*(struct shm_seg *const *)x;
	uintptr_t q = (uintptr_t)*(struct shm_seg *const *)y;

	return p < q ? -1 : p > q;
}

static bool picked(const struct pick *pk, const struct nrow *s,
		   const struct shm_seg *seg)
{
	if (!pk->segs)
		return pk->all || s->polled;
	return bsearch(&seg, pk->segs, pk->n, sizeof *pk->segs, by_addr) != NULL;
}

static void check_rows(struct agent *a, struct watched *w, int64_t now_cs,
		       const struct pick *pk)
{
	const struct rows *r = &a->index->rows[w->table];
	struct range p = { -1, 0, 0 };

	for (size_t j = 0; j < w->n; j++) {
		struct nrow *s = &w->rows[j];
		int32_t v;
		int k;

		if (!s->status || !picked(pk, s, r->v[j].seg))
			continue;
		if (!s->polled)
			resident_rows(a, &r->v[j], r->n - j);
		if ((v = load(a, r->v[j].seg, s)) == s->last)
			continue;
		k = edge(w->def, s, v);
		if (k < 0 || !knob_enabled(w->enable, r->v[j].seg))
			continue;
		if (extends(a, w, &p, k, j)) {
			p.last = j;
			continue;
		}
		flush(a, w, &p, now_cs);
		p = (struct range){ k, j, j };
	}
	flush(a, w, &p, now_cs);
}

static void check_all(struct agent *a, const struct pick *pk)
{
	struct notify *nf = a->notify;
	int64_t now = uptime_now_cs();

	for (size_t i = 0; i < nf->n; i++) {
		if (nf->w[i].rate)
			knob_tick(nf->w[i].rate, now);
		check_rows(a, &nf->w[i], now, pk);
	}
}

void notify_check_every(struct agent *a)
{
	struct pick pk = { .all = true };

	if (!a->notify || !a->notify->started || !a->index)
		return;
	check_all(a, &pk);
	resident_touched(a);
}

static void tick(unsigned reg, void *arg)
{
	struct agent *a = arg;
	struct pick pk = { .all = !a->segs.watched };

	(void)reg;
	check_all(a, &pk);
}

static void check_signalled(struct agent *a, struct shm_seg **segs, size_t n)
{
	struct pick pk = { segs, n, false };

	qsort(segs, n, sizeof *segs, by_addr);
	check_all(a, &pk);
	resident_touched(a);    /* the pages read go again once idle */
}

static void forget_pending(struct notify *nf)
{
	for (size_t i = 0; i < nf->npending; i++)
		free(nf->pending[i]);
	nf->npending = 0;
}

/* The end of a scan: the rows of every segment signalled in it, as
 * open now. */
static void settled(unsigned reg, void *arg)
{
	struct agent *a = arg;
	struct notify *nf = a->notify;
	struct shm_seg **segs = calloc(nf->npending + 1, sizeof *segs);
	size_t n = 0;

	(void)reg;
	nf->settle = 0;
	for (size_t i = 0; segs && i < nf->npending; i++)
		if ((segs[n] = segset_find(&a->segs, nf->pending[i])))
			n++;
	if (!segs)
		snmp_log(LOG_ERR, "out of memory: status changes not checked\n");
	else if (a->index)
		check_signalled(a, segs, n);
	free(segs);
	forget_pending(nf);
}

/* A writer changes several rows one segment after the other (the
 * dataplane's publish, an uplink going down), and the signals may
 * reach us in several reads: a scan gathers them for
 * NOTIFY_SETTLE_USEC from the first, so rows that changed together go
 * as one range whatever the timing of the reads. */
void notify_signalled(struct agent *a, struct shm_seg **segs, size_t n)
{
	struct notify *nf = a->notify;
	struct timeval tv = { 0, NOTIFY_SETTLE_USEC };

	if (!nf || !nf->started || !a->index)
		return;
	if (nf->npending + n > nf->cap) {
		size_t cap = (nf->npending + n) * 2;
		char **p = reallocarray(nf->pending, cap, sizeof *p);

		if (!p) {       /* checked now, alone */
			check_signalled(a, segs, n);
			return;
		}
		nf->pending = p;
		nf->cap = cap;
	}
	for (size_t i = 0; i < n; i++)
		if ((nf->pending[nf->npending] = strdup(shm_seg_name(segs[i]))))
			nf->npending++;
	if (!nf->settle)
		nf->settle = snmp_alarm_register_hr(tv, 0, settled, a);
}

/* The poll runs while there are rows to poll: an agent with nothing
 * to serve, or whose segments all signal, wakes up for nothing. */
static void schedule(struct agent *a)
{
	struct notify *nf = a->notify;
	struct timeval tv = { 0, NOTIFY_POLL_USEC };
	size_t rows = 0;

	if (!nf || !nf->started)
		return;
	for (size_t i = 0; i < nf->n; i++)
		for (size_t j = 0; j < nf->w[i].n; j++)
			rows += nf->w[i].rows[j].status &&
				(nf->w[i].rows[j].polled || !a->segs.watched);
	if (rows && !nf->timer)
		nf->timer = snmp_alarm_register_hr(tv, SA_REPEAT, tick, a);
	else if (!rows && nf->timer) {
		snmp_alarm_unregister(nf->timer);
		nf->timer = 0;
	}
}

void notify_start(struct agent *a)
{
	if (!a->notify)
		return;
	a->notify->started = true;
	schedule(a);
}

void notify_free(struct agent *a)
{
	struct notify *nf = a->notify;

	if (!nf)
		return;
	if (nf->timer)
		snmp_alarm_unregister(nf->timer);
	if (nf->settle)
		snmp_alarm_unregister(nf->settle);
	forget_pending(nf);
	free(nf->pending);
	for (size_t i = 0; i < nf->n; i++)
		free(nf->w[i].rows);
	free(nf->w);
	free(nf);
	a->notify = NULL;
}
