/*
 * Whether the writer of a segment still runs (shm.h, "Ownership").
 *
 * The holder of the shm directory's lock is probed (shm_dir_holder:
 * one open and one F_OFD_GETLK) before every check of the directory
 * (inotify events: a dying writer's lock file raises IN_CLOSE_WRITE)
 * and every OWNER_PROBE_SEC besides.  A segment that carries
 * "_X_writer" with an id other than the holder's (none when nobody
 * holds the lock) is "gone": its rows are served with every
 * ...OperStatus column at OWNER_GONE_STATUS, so the notifications'
 * status poll sees them go down (linkDown, pwDown, cpwVcDown), and a
 * row of a live segment wins over one of a gone segment with the same
 * index.  Segments without "_X_writer" (Snabb's) are never gone.  A
 * lock file that cannot be read leaves every segment live (logged).
 */
#ifndef SHMIB_OWNER_H
#define SHMIB_OWNER_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "mibs/catalogue.h"
#include "shm/shm.h"

#define OWNER_PROBE_SEC   1
#define OWNER_GONE_STATUS 2     /* down(2) in every OperStatus served */

struct agent;

struct owner {
	pid_t pid;
	uint64_t id;            /* of the holder, 0: nobody holds the lock */
	bool known;             /* the lock file could be probed */
	int err;                /* errno of the last failed probe, logged */
	pid_t gone_pid;         /* the holder that went, until reported */
	uint64_t gone_id;
	unsigned timer;         /* the probe's alarm (life.c), 0 if none */
};

/* Probes the lock; true (after one log line) when the holder changed. */
bool owner_probe(struct agent *a);

/* After the rebuild that follows a change: logs the rows a writer
 * that went away left, if any. */
void owner_report(struct agent *a);

/* The id SEG was written under (its "_X_writer"), 0 if none. */
uint64_t owner_writer_of(const struct shm_seg *seg);

/* Whether a segment written under WRITER has lost its writer. */
bool owner_gone(const struct agent *a, uint64_t writer);

/* Whether MIB is a status column a gone writer's rows serve as down. */
bool owner_status_column(const struct mib_object *mib);

#endif
