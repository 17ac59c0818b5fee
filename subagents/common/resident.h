/*
 * Resident pages: what the mapped segments add to the agent's RSS.
 *
 * Every segment the agent reads costs a page of its resident set for
 * as long as the page stays mapped: 40 MB for 10,000 interfaces,
 * although the data lives in the page cache whether we map it or not.
 * Before reading a segment, code that reads many (requests, rebuilds,
 * notification checks, sums) calls resident_segs or resident_rows with
 * the segments it is likely to read next, in order.  A segment not
 * loaded is loaded together with up to a window of the next ones, in
 * one batch (shm_segs_load); the window doubles while reads go on where
 * the last batch ended (a walk) and falls back to one segment when they
 * jump (single GETs).
 *
 * With a budget (--resident-pages N; RESIDENT_PAGES, the daemon's
 * default) at most N pages stay loaded: when the budget is full, the
 * oldest loaded segments are dropped, RESIDENT_DROP at a time
 * (shm_segs_drop).  A walk reads one column of every row before the
 * next column, so at 10,000 rows nothing stays loaded from one column
 * to the next: every varbind costs a share of a batched load and drop,
 * small beside an AgentX round trip but not beside snmpd's own tables
 * (figures in NOTES.md).  Without (--resident-pages all, a module's
 * default), every page read stays loaded while requests come.
 * Either way, once the agent has been idle for RESIDENT_IDLE_SEC, the
 * pages of every loaded segment are dropped, a batch a turn of the
 * loop (turns.h): between walks the agent's RSS is what it needs
 * itself.
 *
 * Loading is advice: a read of a segment that is not loaded faults its
 * page in, correctly; the budget is only as exact as the callers are.
 * One reader stays outside on purpose: the status poll of segments
 * that cannot signal (notify.h) reads them four times a second, so
 * their pages stay mapped (a page each) rather than cycle.
 */
#ifndef SHMIB_RESIDENT_H
#define SHMIB_RESIDENT_H

#include <stdbool.h>
#include <stddef.h>

#include "subagents/common/turns.h"

#define RESIDENT_IDLE_SEC 1
#define RESIDENT_PAGES    1024  /* the daemon's default: 4 MB of 4 kB pages */
#define RESIDENT_PAGES_MIN 256  /* a segment maps SHM_DATA_MAX at most */
#define RESIDENT_PAGES_MAX (1u << 20)   /* 4 GB: a number beyond is a typo */
#define RESIDENT_ALL      0     /* --resident-pages all: no budget */
#define RESIDENT_PAGES_MODULE RESIDENT_ALL      /* a module's default */
#define RESIDENT_WINDOW   256   /* most segments loaded at once */
#define RESIDENT_DROP     512   /* fewest dropped at once */

struct agent;
struct row;
struct shm_seg;

/* An agent's loaded segments, oldest first from head: a ring of CAP
 * slots, BUDGET with a budget (it cannot overflow, since each segment
 * holds a page of the budget at least), grown as needed without. */
struct resident {
	struct shm_seg **ring;
	size_t cap;
	size_t budget;                  /* pages; RESIDENT_ALL: none */
	size_t head, count, pages;
	size_t window;                  /* segments the next batch loads */
	const struct shm_seg *expect;   /* where the last batch ended */
	unsigned alarm;                 /* 0: no idle check pending */
	bool touched;                   /* since the alarm was armed */
	struct turns drain;             /* the drop once idle */
};

/* Sets up A's budget from its options: 0, or -1 (out of memory). */
int resident_start(struct agent *a);

/* About to read SEGS[0]; SEGS[1..N) will likely be read next. */
void resident_segs(struct agent *a, struct shm_seg *const *segs, size_t n);

/* The same for the segments of ROWS[0..N) of a table. */
void resident_rows(struct agent *a, const struct row *rows, size_t n);

/* Segments were read (a request, a rebuild): arms the idle drop. */
void resident_touched(struct agent *a);

/* SEGS (N) are about to be closed: no longer counted (closing them
 * unmaps their pages). */
void resident_forget(struct agent *a, struct shm_seg *const *segs, size_t n);

/* Cancels the idle drop and frees the ring (the agent stops: its
 * segments are closed next). */
void resident_stop(struct agent *a);

#endif
