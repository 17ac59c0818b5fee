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
#include "subagents/common/ifmap.h"
#include "subagents/common/mapempty.h"
#include "subagents/common/notify.h"
#include "subagents/common/resident.h"
#include "subagents/common/session.h"
#include "subagents/common/uptime.h"
#include "subagents/common/watch.h"

struct agent *agent_new(const struct agent_def *def, const char *conf_type)
{
	struct agent *a = calloc(1, sizeof *a);

	if (!a)
		return NULL;
	a->def = def;
	a->conf_type = conf_type;
	options_default(&a->opt);
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

static void rebuild(struct agent *a)
{
	const struct agent_source *src = a->def->source;
	struct shm_seg *const *extra = NULL, *const *xdead = NULL;
	struct shm_seg **dead;
	size_t ndead, nextra = 0, nxdead = 0;
	struct index *x, *old = a->index;

	a->rebuild = false;
	segset_scan(&a->segs, a->opt.shmem_dir, &dead, &ndead);
	if (src)
		extra = src->segs(a, &nextra, &xdead, &nxdead);
	x = index_build(a, &a->segs, extra, nextra);
	if (x) {
		a->index = x;
		mark_changes(a, old);
		notify_rebuilt(a, old);
		index_free(old, a->tables.n);
		summary(a);
	} else {
		snmp_log(LOG_ERR, "out of memory building the index; serving the previous one\n");
	}
	/* Closed only now: the old index referred to them until here.
	 * Out of memory keeps the old index: its dead segments stay open. */
	if (x && (ndead || nxdead))
		resident_drop_all(a);   /* it may hold some of them */
	for (size_t i = 0; x && i < ndead; i++)
		shm_seg_close(dead[i]);
	for (size_t i = 0; x && i < nxdead; i++)
		shm_seg_close(xdead[i]);
	free(dead);
	notes_commit(&a->notes);
	a->started = true;
}

void agent_update(struct agent *a, bool force)
{
	bool files = watch_files(a);
	bool owner = owner_probe(a);

	if (force || files || owner || a->rebuild || segset_stale(&a->segs, a->opt.shmem_dir))
		rebuild(a);
	if (owner) {    /* rows served as down, or up again: rows_sort too */
		owner_report(a);
		notify_check_every(a);
	}
}

/* Between checks of the directory: a writer killed while nothing else
 * happens is seen within OWNER_PROBE_SEC. */
static void owner_tick(unsigned reg, void *arg)
{
	struct agent *a = arg;

	(void)reg;
	if (owner_probe(a)) {
		rebuild(a);
		owner_report(a);
		notify_check_every(a);
	}
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
	if (tables_init(&a->tables, a->def))
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
	rebuild(a);
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
	segset_free(&a->segs);
	tables_free(&a->tables);
	notes_free(&a->notes);
	ifmap_free(a->ifmap);
	free(a->changed);
	free(a);
}
