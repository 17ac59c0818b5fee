/*
 * The runtime state of an agent, shared by the core's modules (not by
 * agent definitions: they see agent.h only).
 *
 * The state changes in one place, the rebuild in life.c: the scanner
 * updates the set of open segments, a new instance index is built
 * from it off to the side, swapped in, and only then are the segments
 * closed that no row refers to any more.  The rebuild runs in steps of
 * a few milliseconds on the agent's loop, requests answered between
 * them from the index in force.  Requests, in the same thread, always
 * see one complete index (an empty one until the first is built).
 */
#ifndef SHMIB_CORE_H
#define SHMIB_CORE_H

#include "subagents/common/agent.h"
#include "subagents/common/index.h"
#include "subagents/common/notes.h"
#include "subagents/common/notify_conf.h"
#include "subagents/common/options.h"
#include "subagents/common/owner.h"
#include "subagents/common/resident.h"
#include "subagents/common/scan.h"
#include "subagents/common/turns.h"

struct watch;
struct notify;
struct subtree;

/* Everything an agent holds: two agents in one process (two modules
 * inside snmpd) share nothing. */
struct agent {
	const struct agent_def *def;
	const char *conf_type;          /* where its .conf directives are read */
	struct options opt;
	struct ifmap *ifmap;
	struct segset segs;
	struct tables tables;           /* static table layouts */
	struct index *index;            /* in force; never NULL once started */
	struct rebuild *job;            /* a rebuild under way, or NULL */
	struct turns steps;             /* its steps, one a turn of the loop */
	struct netsnmp_delegated_cache_s **held;  /* requests waiting for */
	size_t nheld;                   /* the first index (handler.c) */
	struct shm_seg **dead;          /* out of the set, to close once a */
	size_t ndead;                   /* new index is in force */
	int64_t *changed;               /* per table, see agent_table_changed */
	int64_t base_cs;                /* UNIX time of the master's sysUpTime 0 */
	struct notes notes;
	struct watch *watch;
	struct notify *notify;
	struct owner owner;             /* of the shm directory's lock */
	struct knobs knobs;
	struct resident resident;
	void *source_state;             /* agent_source_state */
	struct subtree **subtrees;      /* registered (session.c) */
	size_t nsubtrees;
	bool in_snmpd;                  /* a module, not an AgentX daemon */
	bool conf_kept;                 /* snmpd frees its directives itself */
	bool rebuild;                   /* a rebuild is due */
	bool recheck;                   /* a check came during a rebuild */
	bool owner_changed;             /* to report once rebuilt */
	bool started;                   /* the first index is built */
	int64_t ifmap_empty_since;      /* ms, an empty map held back (mapempty.h) */
	char summary[512];              /* the last "serving ..." line */
	uint8_t strbuf[SHM_OCTETSTR_MAX + 1];   /* a string value being sent */
};

/* An agent of DEF with the default options; its .conf directives
 * are read from CONF_TYPE's files (NULL: the application's). */
struct agent *agent_new(const struct agent_def *def, const char *conf_type);

/* Loads, scans, registers; -1 (logged) on error: agent_free() then
 * releases what was set up. */
int agent_start(struct agent *a);
void agent_free(struct agent *a);

/* Rescans if something changed (or FORCE) and rebuilds the index. */
void agent_update(struct agent *a, bool force);

/* "serving N segments: ifTable N rows, ..." into BUF. */
void agent_summary(struct agent *a, char *buf, size_t bufsz);

#endif
