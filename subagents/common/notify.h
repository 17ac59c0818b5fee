/*
 * Notifications: linkDown/linkUp, pwDown/pwUp, ... sent through the
 * master agent (an AgentX Notify-PDU; snmpd forwards it to its trap
 * sinks) when the status column of a served row changes.
 *
 * Detection is by signal or by poll, both independent of the rescan.
 * A segment that keeps "_X_seqlock" is written by a writer that
 * touches its data file's mtime at the end of each status change
 * (shm.h): inotify's IN_ATTRIB on it (watch.h) checks that segment's
 * rows, and nothing reads them otherwise (no CPU, no resident pages
 * while idle): the segments signalled within NOTIFY_SETTLE_USEC of a
 * first signal are checked together, as one scan, so that rows a
 * writer changes one after the other in one pass are grouped into
 * ranges whatever the timing of inotify's reads.  Rows of segments without it (Snabb's writer)
 * are polled every NOTIFY_POLL_USEC: one aligned load of the status
 * object per row, through pointers into the mapped segments that are
 * set up at each rebuild; every row is polled while the shm directory
 * is not watched (no signal can arrive).  The status
 * seen when a row first appears — at start-up, or a segment or map
 * change that adds a row — is where that row starts: nothing is sent
 * for it.  A segment replaced under the same row keeps the row's last
 * status, so a change across the replacement is sent.
 *
 * When (struct agent_notify, for the status values of each pair):
 *   down  the status enters the down set from a state outside it,
 *         other than not_present;
 *   up    the status enters the up set from outside it, after a down
 *         (one sent, or the row was down when it appeared);
 *   entering not_present forgets the down: nothing follows.
 * A definition without `up` sends `down` at every change of the
 * status other than into or out of not_present (vplsStatusChanged).
 * A fill level (struct agent_level) is polled as the status HIGH/LOW
 * it gives: down (vplsFwdFullAlarmRaised) when it rises to the high
 * watermark, up (...Cleared) when it falls to the low one after; a
 * row whose writer is gone keeps its last level.
 * For IF-MIB that is RFC 2863's linkDown/linkUp (down set {down},
 * up set everything but down and notPresent); for PW-STD-MIB pwDown
 * (down and lowerLayerDown) and pwUp "given that pwDown was issued".
 *
 * A row whose segment sets its enable object to false(2) when the
 * segment is (re)published is not polled at all, so that segments
 * that want no notifications (Snabb's interfaces) cost nothing and
 * their pages are not kept resident (resident.h); the enable object
 * is otherwise read when a change is found.
 *
 * Then the row's enable object must be on (notify_conf.h), and the
 * rate limit, if any, must allow one more.  With `range`, rows
 * changing alike in one poll whose indexes are contiguous go as one
 * notification whose first half of varbinds is the first row's, the
 * rest the last row's (pwDown's two pwOperStatus); else the varbinds
 * are the row's.  Varbinds are sysUpTime.0 (the master's), the
 * snmpTrapOID.0 and the notification's OBJECTS from the catalogue,
 * values as a GET would give them (the status as polled).
 */
#ifndef SHMIB_NOTIFY_H
#define SHMIB_NOTIFY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "subagents/common/agent.h"

#define NOTIFY_POLL_USEC 250000
#define NOTIFY_SETTLE_USEC 50000        /* a scan of signalled segments */
#define NOTIFY_VARS_MAX  4

struct agent;
struct index;
struct knob;

/* A row's polled status. */
struct nrow {
	const struct shm_obj *status;   /* in the row's segment; NULL: none */
	int32_t last;           /* at the last poll */
	uint8_t len;            /* 4 or 8 bytes */
	bool downed;            /* down since the last up: an up is due */
	bool polled;            /* the segment does not signal changes */
	bool gone;              /* its writer is gone: down (owner.h) */
};

/* One notification of a pair and where its varbinds come from:
 * columns of the watched table or of one with the same index. */
struct nkind {
	const struct mib_object *mib;
	size_t table[NOTIFY_VARS_MAX];
	size_t col[NOTIFY_VARS_MAX];
	size_t nvars;
};

enum { KIND_DOWN, KIND_UP, KINDS };

struct watched {
	const struct agent_notify *def;
	size_t table;
	size_t status_col;              /* SIZE_MAX: a level (agent.h) */
	struct nkind kind[KINDS];
	struct knob *enable, *rate;     /* rate NULL: no limit */
	struct nrow *rows;              /* as the index's rows of the table */
	size_t n;
};

/* Resolves the agent's notifications against the catalogue and its
 * tables; registers their .conf directives.  Before the first rebuild
 * and before net-snmp reads the .conf.  -1 (logged) on a definition
 * error. */
int notify_new(struct agent *a);

/* The state of the rows of a new index X (notify.c), prepared in steps
 * before X is put in force: prepare (NULL when out of memory), steps
 * until one returns 1 (-1: out of memory), then, with X in force and
 * the index it replaced not yet freed, notify_rebuilt, which carries
 * each row's status over by index.  Free in every case. */
struct nprep;
struct budget;
struct nprep *notify_prepare(struct agent *a, const struct index *x);
int notify_prepare_step(struct agent *a, struct nprep *p, struct budget *b);
void notify_rebuilt(struct agent *a, struct nprep *p);
void notify_prepare_free(struct agent *a, struct nprep *p);

/* Checks the rows of SEGS (N, reordered), whose writers signalled a
 * status change, with those of the other segments signalled within
 * NOTIFY_SETTLE_USEC. */
void notify_signalled(struct agent *a, struct shm_seg **segs, size_t n);

/* Checks every row at once (the writer of some went away or came). */
void notify_check_every(struct agent *a);

/* Starts the status poll (it runs while there are rows to poll). */
void notify_start(struct agent *a);
void notify_free(struct agent *a);

/* Sends notification K of W for rows FIRST..LAST (notify_send.c). */
void notify_send(struct agent *a, const struct watched *w,
		 const struct nkind *k, size_t first, size_t last);

#endif
