/* Resident pages (see resident.h).  One agent per process: the state
 * is this file's. */
#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#include "subagents/common/core.h"
#include "subagents/common/resident.h"

/* The loaded segments, oldest first from head: a ring that cannot
 * overflow, since each holds a page of the budget at least. */
static struct shm_seg *ring[RESIDENT_PAGES];
static size_t head, count, pages;

static size_t window = 1;
static const struct shm_seg *expect;    /* where the last batch ended */

static unsigned alarm_reg;              /* 0: no drop pending */
static bool touched;                    /* since the alarm was armed */

static size_t cost(const struct shm_seg *s)
{
	size_t n = shm_seg_pages(s);

	return n ? n : 1;
}

/* Drops the oldest segments until NEED more pages fit, RESIDENT_DROP
 * at least: a large batch is what makes a drop cheap. */
static void make_room(size_t need)
{
	struct shm_seg *drop[RESIDENT_PAGES];
	size_t n = 0;

	if (pages + need <= RESIDENT_PAGES)
		return;
	while (count && (pages + need > RESIDENT_PAGES || n < RESIDENT_DROP)) {
		drop[n] = ring[head];
		pages -= cost(drop[n++]);
		head = (head + 1) % RESIDENT_PAGES;
		count--;
	}
	shm_segs_drop(drop, n);
}

typedef struct shm_seg *seg_at_fn(const void *base, size_t i);

static void need(seg_at_fn *at, const void *base, size_t n)
{
	struct shm_seg *batch[RESIDENT_WINDOW];
	size_t k = 0, i, more = 0;

	if (!n || shm_seg_loaded(at(base, 0)))
		return;
	window = at(base, 0) != expect ? 1 :
		 window < RESIDENT_WINDOW / 2 ? window * 2 : RESIDENT_WINDOW;
	/* A batch fits the budget: segments are small (SHM_DATA_MAX is a
	 * quarter of it), but a window of large ones would not. */
	for (i = 0; i < n && i < window; i++) {
		struct shm_seg *s = at(base, i);

		if (shm_seg_loaded(s))
			continue;
		if (k && more + cost(s) > RESIDENT_PAGES)
			break;
		batch[k++] = s;
		more += cost(s);
	}
	expect = i < n ? at(base, i) : NULL;
	make_room(more);
	shm_segs_load(batch, k);
	for (i = 0; i < k; i++) {
		ring[(head + count++) % RESIDENT_PAGES] = batch[i];
		pages += cost(batch[i]);
	}
}

static struct shm_seg *seg_at(const void *base, size_t i)
{
	return ((struct shm_seg *const *)base)[i];
}

static struct shm_seg *row_at(const void *base, size_t i)
{
	return ((const struct row *)base)[i].seg;
}

void resident_segs(struct agent *a, struct shm_seg *const *segs, size_t n)
{
	(void)a;
	need(seg_at, segs, n);
}

void resident_rows(struct agent *a, const struct row *rows, size_t n)
{
	(void)a;
	need(row_at, rows, n);
}

/* The loaded ones only: the status polls of segments that cannot
 * signal keep their pages mapped on purpose (notify.c). */
void resident_drop_all(struct agent *a)
{
	(void)a;
	make_room(RESIDENT_PAGES);      /* no room for a whole budget: all go */
	head = 0;
	window = 1;
	expect = NULL;
}

static void idle_check(unsigned reg, void *arg)
{
	struct agent *a = arg;

	(void)reg;
	alarm_reg = 0;
	if (touched) {                  /* still busy: look again later */
		resident_touched(a);
		return;
	}
	resident_drop_all(a);
}

void resident_touched(struct agent *a)
{
	if (alarm_reg) {
		touched = true;
		return;
	}
	touched = false;
	alarm_reg = snmp_alarm_register(RESIDENT_IDLE_SEC, 0, idle_check, a);
}
