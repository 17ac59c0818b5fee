/*
 * The dataplane owns its segment directory (shm.h, "Ownership"): the
 * lock is taken before anything is written, so a second dataplane on
 * the same directory stops at once naming the first one's pid; a
 * starting dataplane removes the segments a dead one left; and a
 * directory removed under a running dataplane (rm -rf) is noticed,
 * created again and every segment republished into it.
 */
#ifndef SHMIB_DP_OWNER_H
#define SHMIB_DP_OWNER_H

#include <stdbool.h>

struct dp;

/* Before detaching: creates DIR if missing and locks it.  -1 after an
 * error on stderr. */
int owner_take(const char *dir);

/* After detaching (the pid changed) and with logging open: writes the
 * pid, removes leftover segments. */
void owner_started(void);

/* Once the segments are published: checks every second that the
 * directory is still there, else recreates it and republishes DP's
 * segments. */
int owner_watch(struct dp *dp);

/* Stops the check; releases the lock, removing the lock file (and the
 * directory when it was created by this start and the start FAILED). */
void owner_release(bool failed);

#endif
