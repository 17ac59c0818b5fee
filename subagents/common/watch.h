/*
 * Watching for changes: inotify on the shm directory and on the
 * directories of the watched files (editors and writers replace files
 * by rename, so the directory is watched, not the file), registered
 * with net-snmp's select loop; an event triggers a check 100 ms later
 * (a burst of events, one check).  The --check-interval timer runs
 * the same check as a fallback.  The check only stats: a watched file
 * is re-read when its stat changed, the shm directory rescanned when
 * segset_stale() says so.  A missing shm directory is waited for.
 */
#ifndef SHMIB_WATCH_H
#define SHMIB_WATCH_H

#include <stdbool.h>

struct agent;

int watch_new(struct agent *a);
/* Hooks the inotify fd and the timer into net-snmp's loop. */
void watch_start(struct agent *a);
/* Re-reads changed files; true if one of them is now in force. */
bool watch_files(struct agent *a);
void watch_free(struct agent *a);

#endif
