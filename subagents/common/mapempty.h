/*
 * An empty ifindex map while the map in force has entries.  Editors
 * and config tools often truncate a file and write it again a moment
 * later; taking the empty file would drop every row and bring them
 * back (and log every interface twice).  So an empty map replacing a
 * non-empty one is held back like a bad map, with one log line, and
 * taken only when it is still empty more than one check interval
 * after it was first seen: an operator can still clear the map.
 */
#ifndef SHMIB_MAPEMPTY_H
#define SHMIB_MAPEMPTY_H

#include <stdbool.h>
#include <stdint.h>

struct agent;
struct ifmap;

/* Whether the map M just read from PATH is to be held back now (the
 * previous one stays; the caller asks for PATH again at the next
 * check).  Logs when it holds one back and when it takes it. */
bool mapempty_hold(struct agent *a, const char *path, const struct ifmap *m);

#endif
