/*
 * Id files in force and the index allocator (see names.h).  The agent
 * has one thread, so this module keeps its state in statics.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#include "subagents/pseudowire/idfile.h"
#include "subagents/pseudowire/names.h"

struct ids {
	const char *what;       /* for messages */
	const char *path;
	struct idlist list;
};

static struct ids ids[IDX_KINDS] = {
	[IDX_PW] = { .what = "pseudowire" },
	[IDX_VPLS] = { .what = "VPLS" },
};
static struct indexstate *state;
static struct agent *agent;
static unsigned retry;                  /* the alarm saving again, or 0 */
static char failed[sizeof ((struct shmib_err *)0)->msg];   /* why, as logged */

static void save_state(void);

static void retry_save(unsigned reg, void *arg)
{
	(void)reg, (void)arg;
	save_state();
}

/* An allocation that is not in the file could go to another name
 * after a restart: its row is withheld (names_index) until a save
 * succeeds, tried again at each check interval.  Logged once per
 * reason. */
static void save_failed(const struct shmib_err *err)
{
	unsigned every = agent_check_interval(agent);

	if (strcmp(err->msg, failed)) {
		snmp_log(LOG_ERR, "%s; rows of new indices are withheld until a save "
			 "succeeds (tried every %us)\n", err->msg, every);
		snprintf(failed, sizeof failed, "%s", err->msg);
	}
	if (!retry)
		retry = snmp_alarm_register(every, SA_REPEAT, retry_save, NULL);
}

static void allocate(enum idx_kind kind);

/* A state file that could not be read is read again before anything
 * is saved (the allocations made meanwhile were never served: they are
 * made anew, after those of the file, whose rows can be served now). */
static int load_state(struct shmib_err *err)
{
	if (indexstate_load(state, err) < 0 && indexstate_unreadable(state))
		return -1;
	for (int k = 0; k < IDX_KINDS; k++)
		allocate(k);
	agent_rebuild_soon(agent);
	return 0;
}

static void save_state(void)
{
	struct shmib_err err;

	if (indexstate_unreadable(state) && load_state(&err) < 0)
		return save_failed(&err);
	if (indexstate_save(state, &err) < 0)
		return save_failed(&err);
	if (retry)
		snmp_alarm_unregister(retry);
	retry = 0;
	if (failed[0]) {
		snmp_log(LOG_INFO, "%s: saved; the rows withheld are served\n",
			 names_state_file());
		failed[0] = '\0';
		agent_rebuild_soon(agent);
	}
}

/* Gives every listed name its index; logs what was new. */
static void allocate(enum idx_kind kind)
{
	const struct idlist *l = &ids[kind].list;
	uint32_t first = indexstate_next(state, kind), n = 0;

	for (size_t i = 0; i < l->n; i++) {
		if (indexstate_find(state, kind, l->names[i]))
			continue;
		if (indexstate_get(state, kind, l->names[i]))
			n++;
		else
			agent_log(LOG_ERR, "%s: no %s index left for %s: not served",
				  ids[kind].path, ids[kind].what, l->names[i]);
	}
	if (n)
		snmp_log(LOG_INFO, "%s: %u new %s indices from %u\n",
			 ids[kind].path, n, ids[kind].what, first);
}

static int reload(struct agent *a, const char *path, void *arg)
{
	struct ids *s = arg;
	enum idx_kind kind = s - ids;
	struct idlist l;
	struct shmib_err err;

	(void)a;
	if (idfile_load(path, &l, &err) < 0) {
		agent_log(LOG_ERR, "%s; the previous list (%zu names) stays in force",
			  err.msg, s->list.n);
		return -1;
	}
	idlist_free(&s->list);
	s->list = l;
	snmp_log(LOG_INFO, "%s: %zu %s names\n", path, l.n, s->what);
	allocate(kind);
	save_state();
	return 0;
}

int names_init(struct agent *a, const char *state_file,
	       const char *vpls_ids, const char *pseudowire_ids)
{
	struct shmib_err err;

	agent = a;
	state = indexstate_new(state_file);
	if (!state) {
		snmp_log(LOG_ERR, "out of memory\n");
		return -1;
	}
	/* An unreadable file is said by the first save_state(). */
	if (indexstate_load(state, &err) < 0 && !indexstate_unreadable(state))
		agent_log(LOG_WARNING, "%s", err.msg);
	ids[IDX_VPLS].path = vpls_ids;
	ids[IDX_PW].path = pseudowire_ids;
	for (int k = 0; k < IDX_KINDS; k++)
		if (agent_watch_file(a, ids[k].path, reload, &ids[k]) < 0)
			return -1;
	/* A corrupt state file is written anew even if no id file has
	 * a new name. */
	save_state();
	return 0;
}

uint32_t names_index(enum idx_kind kind, const char *name)
{
	if (!idlist_has(&ids[kind].list, name))
		return 0;
	return indexstate_saved(state, kind, name);
}

bool names_withheld(enum idx_kind kind, const char *name)
{
	return idlist_has(&ids[kind].list, name) && indexstate_find(state, kind, name) &&
	       !indexstate_saved(state, kind, name);
}

const char *names_state_file(void)
{
	return indexstate_path(state);
}

bool names_listed(struct agent *a, const char *name)
{
	(void)a;
	return idlist_has(&ids[IDX_PW].list, name) ||
	       idlist_has(&ids[IDX_VPLS].list, name);
}

uint32_t names_next(enum idx_kind kind)
{
	return indexstate_next(state, kind);
}

const char *names_file(enum idx_kind kind)
{
	return ids[kind].path;
}

/* At stop: one last try, and what could not be saved said. */
static void save_at_stop(void)
{
	struct shmib_err err;
	size_t n;

	if (retry)
		snmp_alarm_unregister(retry);
	retry = 0;
	failed[0] = '\0';
	if (state && indexstate_save(state, &err) < 0 && (n = indexstate_unsaved(state)))
		snmp_log(LOG_ERR, "%s; %zu new index allocation%s not saved: never "
			 "served, they are made again at the next start\n", err.msg, n,
			 n == 1 ? " was" : "s were");
}

void names_free(void)
{
	save_at_stop();
	for (int k = 0; k < IDX_KINDS; k++)
		idlist_free(&ids[k].list);
	indexstate_free(state);
	state = NULL;
}
