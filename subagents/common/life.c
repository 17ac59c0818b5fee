/*
 * An agent's life, the same as a daemon and as a module inside snmpd:
 * start, the rebuilds of the instance index (here and only here,
 * agent_update), stop.  Everything the agent registers with net-snmp
 * (handlers, alarms, the inotify fd, .conf directives, callbacks) is
 * registered by agent_start and released by agent_free.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include "subagents/common/build.h"
#include "subagents/common/core.h"
#include "subagents/common/handler.h"
#include "subagents/common/ifmap.h"
#include "subagents/common/mapempty.h"
#include "subagents/common/notify.h"
#include "subagents/common/resident.h"
#include "subagents/common/session.h"
#include "subagents/common/turns.h"
#include "subagents/common/uptime.h"
#include "subagents/common/watch.h"

static void step(void *arg);

struct agent *agent_new(const struct agent_def *def, const char *conf_type)
{
	struct agent *a = calloc(1, sizeof *a);

	if (!a)
		return NULL;
	a->def = def;
	a->conf_type = conf_type;
	options_default(&a->opt, false);
	turns_init(&a->steps, step, a);
	return a;
}

void agent_summary(struct agent *a, char *buf, size_t bufsz)
{
	size_t n = 0;

	n += snprintf(buf, bufsz, "serving %zu segments:", a->index->nsegs);
	for (size_t t = 0; t < a->tables.n && n < bufsz; t++)
		n += snprintf(buf + n, bufsz - n, " %s %zu rows%s", a->tables.v[t].def->name,
			      a->index->rows[t].n, t + 1 < a->tables.n ? "," : "");
}

/* One line when what is served changes, not at every rebuild. */
static void summary(struct agent *a)
{
	char now[sizeof a->summary];

	agent_summary(a, now, sizeof now);
	if (strcmp(now, a->summary))
		snmp_log(LOG_INFO, "%s\n", now);
	memcpy(a->summary, now, sizeof a->summary);
}

static void mark_changes(struct agent *a, const struct index *old)
{
	for (size_t t = 0; old && a->started && t < a->tables.n; t++)
		if (rows_differ(&old->rows[t], &a->index->rows[t], a->tables.v[t].nindex))
			a->changed[t] = uptime_now_cs();
}

/* Segments out of the set (scan, source) that the index in force may
 * still refer to: closed once a new index is in force.  Out of memory
 * to keep them, they stay open for good (pages stay mapped, nothing
 * refers to a closed segment). */
static void keep_dead(struct agent *a, struct shm_seg *const *v, size_t n)
{
	struct shm_seg **d;

	if (!n)
		return;
	d = reallocarray(a->dead, a->ndead + n, sizeof *d);
	if (!d) {
		snmp_log(LOG_ERR, "out of memory: %zu segments that left stay mapped\n", n);
		return;
	}
	memcpy(d + a->ndead, v, n * sizeof *v);
	a->dead = d;
	a->ndead += n;
}

/* Closes segments that left, from the last (10,000 unmaps take far
 * longer than a step); true when none is left. */
static bool close_some(struct agent *a, struct budget *b)
{
	while (a->ndead) {
		shm_seg_close(a->dead[--a->ndead]);
		if (budget_spent(b))
			return false;
	}
	free(a->dead);
	a->dead = NULL;
	return true;
}

static void close_dead(struct agent *a)
{
	struct budget none = { 0 };

	resident_forget(a, a->dead, a->ndead);
	close_some(a, &none);
}

/* A rebuild in steps on the agent's loop (snmpd's, for a module): the
 * rescan, the new index, the state of its rows for notifications, then
 * once it is in force the segments that left closed; STEP_NS at most
 * each step, one a turn of the loop (turns.h), so requests are served
 * between two; the index in force serves until the new one is
 * complete.  What asks for a rebuild meanwhile is done after it. */
#define STEP_NS 2000000

struct rebuild {
	struct segscan *scan;           /* until the scan is complete */
	struct ibuild *build;           /* then until the index is built */
	struct index *built;            /* then, while notify prepares */
	struct nprep *prep;
	bool closing;                   /* in force: closing what left */
	unsigned steps;
	uint64_t started_ns, longest_ns;
};

static void swap_in(struct agent *a, struct index *x, struct nprep *prep)
{
	struct index *old = a->index;

	a->index = x;
	mark_changes(a, old);
	notify_rebuilt(a, prep);
	index_free(old, a->tables.n);
	summary(a);
	resident_forget(a, a->dead, a->ndead);  /* closed in the next steps */
	a->started = true;
	handler_release(a);
}

/* The scan complete: the set in force, and an index of it begun. */
static bool begin_build(struct agent *a)
{
	const struct agent_source *src = a->def->source;
	struct shm_seg *const *extra = NULL, *const *xdead = NULL;
	struct shm_seg **dead;
	size_t ndead, nextra = 0, nxdead = 0;

	segscan_commit(a->job->scan, &dead, &ndead);
	a->job->scan = NULL;
	keep_dead(a, dead, ndead);
	free(dead);
	if (src) {
		extra = src->segs(a, &nextra, &xdead, &nxdead);
		keep_dead(a, xdead, nxdead);
	}
	return (a->job->build = ibuild_begin(a, &a->segs, extra, nextra));
}

/* One step: 0 while there is more to do, 1 when the new index is in
 * force and what left is closed, -1 when out of memory. */
static int work(struct agent *a, struct budget *b)
{
	struct rebuild *r = a->job;
	int rc;

	if (r->closing)
		return close_some(a, b);
	if (r->scan)
		return !segscan_step(r->scan, b) ? 0 : begin_build(a) ? 0 : -1;
	if (r->build) {
		if ((rc = ibuild_step(a, r->build, b)) <= 0)
			return rc;
		r->built = ibuild_finish(r->build);
		r->build = NULL;
		return (r->prep = notify_prepare(a, r->built)) ? 0 : -1;
	}
	if ((rc = notify_prepare_step(a, r->prep, b)) > 0) {
		swap_in(a, r->built, r->prep);
		r->built = NULL;
		r->closing = true;
		return 0;
	}
	return rc;
}

static void stop_job(struct agent *a)
{
	struct rebuild *r = a->job;

	if (!r)
		return;
	turns_off(&a->steps);
	if (r->scan)
		segscan_abort(r->scan);
	ibuild_abort(a, r->build);
	index_free(r->built, a->tables.n);
	notify_prepare_free(a, r->prep);
	free(r);
	a->job = NULL;
}

/* The job's last step, begun at T0: what waited for the new index. */
static void end_job(struct agent *a, bool built, uint64_t t0)
{
	struct rebuild *r = a->job;
	uint64_t took, started_ns;

	notes_commit(&a->notes);
	if (!built) {
		snmp_log(LOG_ERR, "out of memory building the index; serving the previous one\n");
		a->rebuild = true;      /* tried again at the next check */
	} else if (a->owner_changed) {  /* rows served as down, or up again */
		a->owner_changed = false;
		owner_report(a);
		notify_check_every(a);
	}
	took = budget_now_ns() - t0;
	agent_log(LOG_DEBUG, "rebuild %s: %u steps over %.1f ms, the longest %.2f ms",
		  built ? "in force" : "failed", r->steps, (budget_now_ns() - r->started_ns) / 1e6,
		  (took > r->longest_ns ? took : r->longest_ns) / 1e6);
	started_ns = r->started_ns;
	stop_job(a);
	if (!built)
		handler_release(a);     /* with what is in force */
	/* Asked for during this one: after a pause as long as it took, so
	 * that a writer publishing many segments gets the CPU and the
	 * directory, and one rebuild takes in many of its segments. */
	if (built && a->recheck) {
		a->recheck = false;
		watch_check_after(a, (budget_now_ns() - started_ns) / 1000);
	}
}

static void step(void *arg)
{
	struct agent *a = arg;
	struct rebuild *r = a->job;
	uint64_t t0 = budget_now_ns(), took;
	struct budget b = { .until_ns = t0 + STEP_NS };
	int rc;

	r->steps++;
	rc = work(a, &b);
	if (rc) {
		end_job(a, rc > 0, t0);
		return;
	}
	took = budget_now_ns() - t0;
	if (took > r->longest_ns)
		r->longest_ns = took;
}

static void rebuild(struct agent *a)
{
	struct rebuild *r;

	a->rebuild = false;
	if (a->job)
		return;
	r = calloc(1, sizeof *r);
	if (!r || !(r->scan = segscan_begin(&a->segs, a->opt.shmem_dir))) {
		free(r);
		snmp_log(LOG_ERR, "out of memory rescanning; serving the previous index\n");
		a->rebuild = true;
		return;
	}
	r->started_ns = budget_now_ns();
	a->job = r;
	turns_on(&a->steps);
}

/* Requests held for the first index (handler.c) get it even when the
 * agent stops before it is complete (two SIGHUPs of snmpd in a row):
 * the rest of the job is done at once. */
static void complete_for_held(struct agent *a)
{
	struct budget none = { 0 };

	while (a->nheld && a->job && !a->started && work(a, &none) == 0)
		;
}

void agent_update(struct agent *a, bool force)
{
	bool files, owner;

	if (a->job) {           /* looked at again once it is done */
		a->rebuild |= force;
		a->recheck = true;
		return;
	}
	files = watch_files(a);
	owner = owner_probe(a);
	a->owner_changed |= owner;
	if (force || files || owner || a->rebuild || segset_stale(&a->segs, a->opt.shmem_dir))
		rebuild(a);
}

/* Between checks of the directory: a writer killed while nothing else
 * happens is seen within OWNER_PROBE_SEC. */
static void owner_tick(unsigned reg, void *arg)
{
	struct agent *a = arg;

	(void)reg;
	if (!owner_probe(a))
		return;
	a->owner_changed = true;
	if (a->job)
		a->recheck = a->rebuild = true;
	else
		rebuild(a);
}

static int reload_ifmap(struct agent *a, const char *path, void *arg)
{
	struct shmib_err err;
	struct ifmap *m = ifmap_load(path, &err);

	(void)arg;
	if (m && a->def->check_ifmap && a->def->check_ifmap(a, m, path, &err)) {
		ifmap_free(m);
		m = NULL;
	}
	if (!m) {
		agent_log(LOG_ERR, "%s; keeping the previous map (%zu interfaces)", err.msg,
			  ifmap_count(a->ifmap));
		return -1;
	}
	if (mapempty_hold(a, path, m)) {
		ifmap_free(m);
		return 1;
	}
	ifmap_free(a->ifmap);
	a->ifmap = m;
	snmp_log(LOG_INFO, "%s: %zu interfaces\n", path, ifmap_count(m));
	return 0;
}

static bool accept_segment(void *arg, const char *name)
{
	struct agent *a = arg;

	return !a->def->accept || a->def->accept(a, name);
}

int agent_start(struct agent *a)
{
	if (tables_init(&a->tables, a->def) || resident_start(a))
		return -1;
	a->segs = (struct segset){ .accept = accept_segment, .arg = a, .log = agent_log };
	a->ifmap = ifmap_new();
	a->changed = calloc(a->tables.n + 1, sizeof *a->changed);
	if (!a->ifmap || !a->changed || watch_new(a) || notify_new(a))
		return -1;
	if (a->def->source && a->def->source->start(a))
		return -1;
	if (a->opt.ifindex && agent_watch_file(a, a->opt.ifindex, reload_ifmap, NULL))
		return -1;
	if (a->def->init && a->def->init(a))
		return -1;
	owner_probe(a);
	if (!(a->index = index_empty(&a->tables)))
		return -1;
	rebuild(a);             /* in steps: requests are answered meanwhile */
	if (a->in_snmpd)
		uptime_in_snmpd(a);
	if (session_start(a))
		return -1;
	watch_start(a);
	notify_start(a);
	a->owner.timer = snmp_alarm_register(OWNER_PROBE_SEC, SA_REPEAT, owner_tick, a);
	return 0;
}

void agent_free(struct agent *a)
{
	if (!a)
		return;
	complete_for_held(a);
	stop_job(a);
	turns_fini(&a->steps);
	handler_release(a);
	resident_stop(a);
	knobs_stop(a);
	if (a->owner.timer)
		snmp_alarm_unregister(a->owner.timer);
	notify_free(a);
	if (a->def->fini)       /* while net-snmp still logs */
		a->def->fini(a);
	session_stop(a);
	if (a->def->source)
		a->def->source->stop(a);
	watch_free(a);
	index_free(a->index, a->tables.n);
	close_dead(a);
	segset_free(&a->segs);
	tables_free(&a->tables);
	notes_free(&a->notes);
	ifmap_free(a->ifmap);
	free(a->changed);
	free(a);
}
