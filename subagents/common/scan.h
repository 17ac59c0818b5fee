/*
 * The scanner: the set of segments in the shm directory, by name.
 *
 * A rescan lists the DIR/NAME.index files, keeps every open segment whose files did
 * not change (shm_seg_changed), opens new and replaced ones and drops
 * vanished ones.  A segment that fails to open is logged once, with
 * the reader's message (file and line), and not retried until one of
 * its files changes.  Segments dropped or replaced are handed back to
 * the caller, who closes them once no index refers to them.
 */
#ifndef SHMIB_SCAN_H
#define SHMIB_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include "shm/shm.h"

struct filesig {                /* what a cheap stat compares */
	ino_t ino;
	off_t size;
	struct timespec mtime, ctime;
};

struct segent {
	char *name;
	struct shm_seg *seg;            /* NULL: the segment is bad */
	struct filesig idx, data;       /* of a bad segment */
};

/* Which segments a scan opens, and where it logs: the set's owner
 * fills these in (the subagent core with its agent's filter and
 * agent_log, shmib-exporter with its own), so the scanner needs no
 * SNMP library.  ACCEPT NULL accepts every segment.  LOG gets one line
 * without a trailing newline, with names from the directory in it (the
 * owner escapes them); LOG_DEBUG is a trace (the core's "shmib" debug
 * token). */
typedef bool (*segset_accept_fn)(void *arg, const char *segment);
typedef void (*segset_log_fn)(int priority, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

struct segset {
	segset_accept_fn accept;
	void *arg;                      /* of accept */
	segset_log_fn log;
	struct segent *v;               /* sorted by name */
	size_t n;
	struct filesig dir;             /* of the directory at the last scan */
	int dir_errno;                  /* why it could not be listed, or 0 */
	bool watched;                   /* inotify reports every change */
};

/* Rescans DIR.  Segments to close afterwards go into *DEAD (malloc'd,
 * *NDEAD entries).  Returns true if a segment was opened or dropped. */
bool segset_scan(struct segset *s, const char *dir, struct shm_seg ***dead,
		 size_t *ndead);

/* How long a step of work may run: until UNTIL_NS on the monotonic
 * clock (budget_now_ns), or to the end when 0.  A step asks
 * budget_spent after each item. */
struct budget {
	uint64_t until_ns;
	unsigned calls;
};
uint64_t budget_now_ns(void);
bool budget_spent(struct budget *b);

/* segset_scan in steps, for a loop that must not block: begin, steps
 * until one returns true, then commit, which puts the new set in force
 * and returns what segset_scan returns.  Until the commit S stays as
 * the last scan left it (segset_find, segset_stale); abort instead
 * closes what the steps opened and leaves S so.  Begin returns NULL
 * when out of memory (nothing changed). */
struct segscan;
struct segscan *segscan_begin(struct segset *s, const char *dir);
bool segscan_step(struct segscan *j, struct budget *b);
bool segscan_commit(struct segscan *j, struct shm_seg ***dead, size_t *ndead);
void segscan_abort(struct segscan *j);

/* A quick check (stats only) whether a rescan would find a change:
 * every segment's files, or only the directory's mtime and ctime when
 * inotify watches it (WATCHED, set by watch.c; what changes the
 * segments without a directory event, an in-place write or truncate
 * of a data file, is then left to the events). */
bool segset_stale(const struct segset *s, const char *dir);

/* The open segment NAME of the last scan; NULL if none (or bad). */
struct shm_seg *segset_find(const struct segset *s, const char *name);

/* Orders pointers to segments by address (qsort, bsearch): sets of
 * open segments looked up by identity. */
int seg_addr_cmp(const void *x, const void *y);

/* Closes every segment; the owner's accept and log stay. */
void segset_free(struct segset *s);

/* Stat signature of PATH; zero when it does not exist. */
struct filesig filesig(const char *path);
bool filesig_eq(struct filesig a, struct filesig b);

#endif
