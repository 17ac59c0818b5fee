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

/* One line when what is served changes, not at every rebuild. */
static void summary(struct agent *a)
{
	char now[sizeof a->summary];
	size_t n = 0;

	n += snprintf(now, sizeof now, "serving %zu segments:", a->index->nsegs);
	for (size_t t = 0; t < a->tables.n && n < sizeof now; t++)
		n += snprintf(now + n, sizeof now - n, " %s %zu rows%s", a->tables.v[t].def->name,
			      a->index->rows[t].n, t + 1 < a->tables.n ? "," : "");
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
	struct shm_seg **dead;
	size_t ndead;
	struct index *x, *old = a->index;

	a->rebuild = false;
	segset_scan(&a->segs, a->opt.shmem_dir, &dead, &ndead);
	x = index_build(a, &a->segs);
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
	if (x && ndead)
		resident_drop_all(a);   /* it may hold some of them */
	for (size_t i = 0; x && i < ndead; i++)
		shm_seg_close(dead[i]);
	free(dead);
	notes_commit(&a->notes);
	a->started = true;
}

void agent_update(struct agent *a, bool force)
{
	bool files = watch_files(a);

	if (force || files || a->rebuild || segset_stale(&a->segs, a->opt.shmem_dir))
		rebuild(a);
}

static int reload_ifmap(struct agent *a, const char *path, void *arg)
{
	char err[512];
	struct ifmap *m = ifmap_load(path, err, sizeof err);

	(void)arg;
	if (!m) {
		snmp_log(LOG_ERR, "%s; keeping the previous map (%zu interfaces)\n", err,
			 ifmap_count(a->ifmap));
		return -1;
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
	a->segs = (struct segset){ .accept = accept_segment, .arg = a, .log = snmp_log };
	a->ifmap = ifmap_new();
	a->changed = calloc(a->tables.n + 1, sizeof *a->changed);
	if (!a->ifmap || !a->changed || watch_new(a) || notify_new(a))
		return -1;
	if (a->opt.ifindex && agent_watch_file(a, a->opt.ifindex, reload_ifmap, NULL))
		return -1;
	if (a->def->init && a->def->init(a))
		return -1;
	rebuild(a);
	if (a->in_snmpd)
		uptime_in_snmpd(a);
	if (session_start(a))
		return -1;
	watch_start(a);
	notify_start(a);
	return 0;
}

void agent_free(struct agent *a)
{
	if (!a)
		return;
	resident_stop(a);
	knobs_stop(a);
	notify_free(a);
	session_stop(a);
	watch_free(a);
	index_free(a->index, a->tables.n);
	segset_free(&a->segs);
	tables_free(&a->tables);
	notes_free(&a->notes);
	ifmap_free(a->ifmap);
	free(a->changed);
	if (a->def->fini)
		a->def->fini(a);
	free(a);
}
