/*
 * Watching for changes: inotify on the shm directory and on the
 * directories of the watched files (editors and writers replace files
 * by rename, so the directory is watched, not the file), registered
 * with net-snmp's select loop; an event triggers a check 100 ms later
 * (a burst of events, one check).  An event in the shm directory
 * (IN_CREATE, IN_MOVED_TO, IN_DELETE, IN_MOVED_FROM, IN_CLOSE_WRITE,
 * IN_ATTRIB) makes that check a rescan; other events only re-stat the
 * watched files.  Except one: IN_ATTRIB alone on the data file of a
 * served segment whose inode and size did not change is its writer
 * signalling a status change (shm.h): that segment's rows are checked
 * for notifications at once (notify_signalled), with no rescan.
 *
 * The --check-interval timer is the fallback.  While inotify watches
 * the shm directory it stats the watched files and the directory
 * alone (its mtime and ctime: 10,000 segments idle cost nothing);
 * every segment's files are stat'ed only while the directory is not
 * watched (inotify unavailable, directory missing or moved away).  A
 * queue overflow (IN_Q_OVERFLOW: events were lost) and a watch set up
 * anew are followed by a full rescan.  A missing shm directory is
 * waited for.
 */
#ifndef SHMIB_WATCH_H
#define SHMIB_WATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct agent;

int watch_new(struct agent *a);
/* Hooks the inotify fd and the timer into net-snmp's loop. */
void watch_start(struct agent *a);
/* The next check, which is due: in USEC or later, not sooner, however
 * many events come meanwhile. */
void watch_check_after(struct agent *a, uint64_t usec);
/* Re-reads changed files; true if one of them is now in force. */
bool watch_files(struct agent *a);
/* Re-reads every watched file, changed or not; how many there are. */
size_t watch_reread(struct agent *a);
void watch_free(struct agent *a);

#endif
