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

/* The column NAME of table T, or -1. */
static int column_in(struct agent *a, size_t t, const char *name)
{
	const struct mib_object *m = mib_lookup(name);

	return m ? table_column(&a->tables.v[t], m) : -1;
}

/* The column NAME of W's table. */
static int column(struct agent *a, const struct watched *w, const char *name,
		  size_t *col)
{
	int c = column_in(a, w->table, name);

	if (c < 0)
		return fail(w->def, "no such column:", name);
	*col = c;
	return 0;
}

/* Varbind NAME of K: a column of W's table, else of a table with as
 * many index arcs (an AUGMENTS of it, or a twin indexed alike). */
static int var(struct agent *a, const struct watched *w, const char *name,
	       struct nkind *k)
{
	unsigned n = a->tables.v[w->table].nindex;
	int c = column_in(a, w->table, name);
	size_t t = w->table;

	for (size_t i = 0; c < 0 && i < a->tables.n; i++)
		if (a->tables.v[i].nindex == n && (c = column_in(a, i, name)) >= 0)
			t = i;
	if (c < 0)
		return fail(w->def, "no such column:", name);
	k->table[k->nvars] = t;
	k->col[k->nvars++] = c;
	return 0;
}

/* A notification and its OBJECTS ("ifIndex,ifAdminStatus,...");
 * nothing for NAME NULL. */
static int kind(struct agent *a, const struct watched *w, const char *name,
		struct nkind *k)
{
	char objs[256], *save = NULL;

	if (!name)
		return 0;
	k->mib = mib_lookup(name);
	if (!k->mib || k->mib->type != MIB_NOTIFICATION)
		return fail(w->def, "no such notification in the catalogue:", name);
	snprintf(objs, sizeof objs, "%s", k->mib->table);
	for (char *o = strtok_r(objs, ",", &save); o; o = strtok_r(NULL, ",", &save)) {
		if (k->nvars == NOTIFY_VARS_MAX)
			return fail(w->def, "too many objects in", name);
		if (var(a, w, o, k))
			return -1;
	}
	return 0;
}

static int resolve(struct agent *a, const struct agent_notify *d, struct watched *w)
{
	w->def = d;
	w->status_col = SIZE_MAX;
	for (w->table = 0; w->table < a->tables.n; w->table++)
		if (!strcmp(a->tables.v[w->table].def->name, d->table))
			break;
	if (w->table == a->tables.n)
		return fail(d, "not a table of", a->def->name);
	if (!d->status == !d->level)
		return fail(d, "needs a status column or a level, not both:", d->down);
	if ((d->status && column(a, w, d->status, &w->status_col)) ||
	    kind(a, w, d->down, &w->kind[KIND_DOWN]) ||
	    kind(a, w, d->up, &w->kind[KIND_UP]))
		return -1;
	w->enable = d->enable ? knob_get(a, d->enable, false) : NULL;
	w->rate = d->rate ? knob_get(a, d->rate, true) : NULL;
	return (w->enable || !d->enable) && (w->rate || !d->rate) ? 0 : -1;
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

/* The status of a level row (agent.h) whose count is COUNT: HIGH from
 * the high watermark until the low one, as S was in between. */
static int32_t level(const struct agent_level *l, const struct shm_seg *seg,
		     const struct nrow *s, uint32_t count)
{
	uint32_t cap, high, low;
	uint64_t pct = (uint64_t)count * 100;

	if (!agent_seg_u32(seg, l->capacity, &cap) || !cap ||
	    !agent_seg_u32(seg, l->high, &high) || !agent_seg_u32(seg, l->low, &low))
		return AGENT_LEVEL_NONE;
	if (pct >= (uint64_t)high * cap)
		return AGENT_LEVEL_HIGH;
	if (pct <= (uint64_t)low * cap)
		return AGENT_LEVEL_LOW;
	return s->last == AGENT_LEVEL_HIGH ? AGENT_LEVEL_HIGH : AGENT_LEVEL_LOW;
}

/* The status of row S of W in SEG now; the last one if it cannot be
 * read (the segment's data file shrank: the rescan it calls for drops
 * or reopens the segment). */
static int32_t load(struct agent *a, const struct watched *w,
		    const struct shm_seg *seg, const struct nrow *s)
{
	uint64_t x;
	int32_t y;

	/* A gone writer's oper statuses are down (owner.h); its fill level
	 * is stale, not high; other columns are as it left them. */
	if (s->gone && w->def->level)
		return s->last;
	if (s->gone && owner_status_column(a->tables.v[w->table].cols[w->status_col].mib))
		return OWNER_GONE_STATUS;
	if (s->len == 4 ? shm_get_i32(seg, s->status, &y, NULL) :
			  shm_get_u64(seg, s->status, &x, NULL)) {
		agent_rebuild_soon(a);
		return s->last;
	}
	if (w->def->level)
		return level(w->def->level, seg, s, s->len == 4 ? (uint32_t)y : (uint32_t)x);
	if (s->len == 4)
		return y;
	return (int64_t)x > INT32_MAX ? INT32_MAX :
	       (int64_t)x < INT32_MIN ? INT32_MIN : (int32_t)x;
}

/* The object polled for row J: its status column's, or its level's
 * count; NULL if the segment has none. */
static const struct shm_obj *polled_obj(const struct watched *w,
					const struct row *r)
{
	const struct cell *c;

	if (w->def->level)
		return shm_seg_find(r->seg, w->def->level->count);
	c = &r->cells[w->status_col];
	return c->obj ? shm_seg_obj(r->seg, c->obj - 1) : NULL;
}

/* Where row J of the index keeps its status, and the status now;
 * nothing for a row whose segment disables its notifications. */
static void locate(struct agent *a, const struct watched *w,
		   const struct rows *r, size_t j, struct nrow *s)
{
	const struct shm_obj *o = polled_obj(w, &r->v[j]);

	/* A polled row is read four times a second: its page stays mapped,
	 * outside the budget (resident.h), or each poll would load it. */
	if (shm_seg_signals(r->v[j].seg))
		resident_rows(a, &r->v[j], r->n - j);
	if (!o || (o->length != 4 && o->length != 8) ||
	    knob_off_in(w->enable, r->v[j].seg))
		return;
	s->status = o;
	s->len = o->length;
	s->gone = r->v[j].gone;
	s->last = load(a, w, r->v[j].seg, s);
	s->downed = in(w->def->down_states, s->last);
	s->polled = !shm_seg_signals(r->v[j].seg);
}

/* ---- A new index ----------------------------------------------- */

/* The state of a new index's rows is prepared in steps while the index
 * in force still serves: a row new to the index has its status read,
 * a page each (40 ms for 10,000 new rows here, far too long for the one
 * step that puts the index in force).  What rows in force know (their
 * last status) may still change until then, so it is taken over only
 * in notify_rebuilt, by the row it was matched with. */
#define NO_ROW SIZE_MAX

struct pending {                /* of one watched table */
	struct nrow *v;
	size_t *from;           /* the row in force it matched, or NO_ROW */
	bool *same;             /* the same segment: take over all its state */
};

struct nprep {
	const struct index *x;
	struct pending *p;
	const struct shm_seg **rate;    /* per watched table, found so far */
	size_t t, j, i, k;      /* watched table, new row, row in force, segment */
};

struct nprep *notify_prepare(struct agent *a, const struct index *x)
{
	struct notify *nf = a->notify;
	struct nprep *p = calloc(1, sizeof *p);

	if (!p || !nf)
		return p;
	p->x = x;
	p->p = calloc(nf->n + 1, sizeof *p->p);
	p->rate = calloc(nf->n + 1, sizeof *p->rate);
	if (!p->p || !p->rate) {
		notify_prepare_free(a, p);
		return NULL;
	}
	return p;
}

void notify_prepare_free(struct agent *a, struct nprep *p)
{
	for (size_t t = 0; p && p->p && a->notify && t < a->notify->n; t++) {
		free(p->p[t].v);
		free(p->p[t].from);
		free(p->p[t].same);
	}
	if (p) {
		free(p->p);
		free(p->rate);
	}
	free(p);
}

/* Row P->j of watched table W: matched with the rows in force (both
 * sorted by index), its status read if its segment is new there. */
static void prepare_row(struct agent *a, const struct watched *w, struct nprep *p,
			struct pending *q)
{
	const struct rows *r = &p->x->rows[w->table];
	const struct rows *o = &a->index->rows[w->table];
	unsigned ni = a->tables.v[w->table].nindex;
	size_t j = p->j;
	int c = 1;

	while (p->i < w->n && (c = idx_cmp(o->v[p->i].idx, r->v[j].idx, ni)) < 0)
		p->i++;
	q->from[j] = c == 0 ? p->i : NO_ROW;
	/* The same segment: where its status is and what it was are
	 * known; reading it again would touch every row's page at every
	 * rebuild. */
	q->same[j] = c == 0 && o->v[p->i].seg == r->v[j].seg && w->rows[p->i].status &&
		     !knob_off_in(w->enable, r->v[j].seg);
	if (!q->same[j])
		locate(a, w, r, j, &q->v[j]);
}

/* The next piece of work; 1 when all is prepared, -1 when out of
 * memory. */
static int prepare_one(struct agent *a, struct nprep *p)
{
	struct notify *nf = a->notify;
	const struct watched *w = &nf->w[p->t];
	struct pending *q = &p->p[p->t];
	size_t n = p->x->rows[w->table].n;

	if (!q->v) {
		q->v = calloc(n + 1, sizeof *q->v);
		q->from = calloc(n + 1, sizeof *q->from);
		q->same = calloc(n + 1, sizeof *q->same);
		if (!q->v || !q->from || !q->same)
			return -1;
	}
	if (p->j < n) {
		prepare_row(a, w, p, q);
		p->j++;
	} else if (w->rate && !p->rate[p->t] && p->k < p->x->nsegs) {
		if (shm_seg_find(p->x->segs[p->k], w->rate->name))
			p->rate[p->t] = p->x->segs[p->k];
		p->k++;
	} else if (++p->t < nf->n) {
		p->j = p->i = p->k = 0;
	} else {
		return 1;
	}
	return 0;
}

int notify_prepare_step(struct agent *a, struct nprep *p, struct budget *b)
{
	int rc = 0;

	if (!a->notify || !a->notify->n)
		return 1;
	while (!(rc = prepare_one(a, p)))
		if (budget_spent(b))
			return 0;
	return rc;
}

/* W's rows as P prepared them, with what the rows in force knew. */
static void take(struct watched *w, struct pending *q, const struct rows *r)
{
	for (size_t j = 0; j < r->n; j++) {
		const struct nrow *was = q->from[j] == NO_ROW ? NULL : &w->rows[q->from[j]];

		if (q->same[j]) {
			q->v[j] = *was;
			q->v[j].gone = r->v[j].gone;
		} else if (was && q->v[j].status && was->status) {
			q->v[j].last = was->last;
			q->v[j].downed = was->downed;
		}
	}
	free(w->rows);
	w->rows = q->v;
	w->n = r->n;
	q->v = NULL;
}

void notify_rebuilt(struct agent *a, struct nprep *p)
{
	struct notify *nf = a->notify;

	for (size_t t = 0; nf && t < nf->n; t++) {
		take(&nf->w[t], &p->p[t], &a->index->rows[nf->w[t].table]);
		if (nf->w[t].rate)
			nf->w[t].rate->seg = p->rate[t];
	}
	schedule(a);
}

/* ---- The poll ----------------------------------------------------- */

/* Takes the new status V of row S: the notification it calls for, or
 * -1 for none. */
static int edge(const struct watched *w, struct nrow *s, int32_t v)
{
	const struct agent_notify *d = w->def;
	int32_t was = s->last;

	s->last = v;
	if (!w->kind[KIND_UP].mib)      /* one notification for any change */
		return v == d->not_present || was == d->not_present ? -1 : KIND_DOWN;
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

static bool picked(const struct pick *pk, const struct nrow *s,
		   const struct shm_seg *seg)
{
	if (!pk->segs)
		return pk->all || s->polled;
	return bsearch(&seg, pk->segs, pk->n, sizeof *pk->segs, seg_addr_cmp) != NULL;
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
		if ((v = load(a, w, r->v[j].seg, s)) == s->last)
			continue;
		k = edge(w, s, v);
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

	qsort(segs, n, sizeof *segs, seg_addr_cmp);
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
