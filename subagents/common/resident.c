/* Resident pages (see resident.h). */
#include <stdlib.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#include "subagents/common/core.h"
#include "subagents/common/resident.h"

static size_t cost(const struct shm_seg *s)
{
	size_t n = shm_seg_pages(s);

	return n ? n : 1;
}

/* Drops the oldest segments until NEED more pages fit, RESIDENT_DROP
 * at least: a large batch is what makes a drop cheap. */
static void make_room(struct resident *r, size_t need)
{
	size_t n = 0;

	if (r->pages + need <= r->budget)
		return;
	while (r->count && (r->pages + need > r->budget || n < RESIDENT_DROP)) {
		r->drop[n] = r->ring[r->head];
		r->pages -= cost(r->drop[n++]);
		r->head = (r->head + 1) % r->budget;
		r->count--;
	}
	shm_segs_drop(r->drop, n);
}

typedef struct shm_seg *seg_at_fn(const void *base, size_t i);

static void need(struct resident *r, seg_at_fn *at, const void *base, size_t n)
{
	struct shm_seg *batch[RESIDENT_WINDOW];
	size_t k = 0, i, more = 0;

	if (r->budget == RESIDENT_ALL || !n || shm_seg_loaded(at(base, 0)))
		return;
	r->window = at(base, 0) != r->expect ? 1 :
		    r->window < RESIDENT_WINDOW / 2 ? r->window * 2 : RESIDENT_WINDOW;
	/* A batch fits the budget: segments are small (SHM_DATA_MAX is a
	 * quarter of it), but a window of large ones would not. */
	for (i = 0; i < n && i < r->window; i++) {
		struct shm_seg *s = at(base, i);

		if (shm_seg_loaded(s))
			continue;
		if (k && more + cost(s) > r->budget)
			break;
		batch[k++] = s;
		more += cost(s);
	}
	r->expect = i < n ? at(base, i) : NULL;
	make_room(r, more);
	shm_segs_load(batch, k);
	for (i = 0; i < k; i++) {
		r->ring[(r->head + r->count++) % r->budget] = batch[i];
		r->pages += cost(batch[i]);
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

int resident_start(struct agent *a)
{
	struct resident *r = &a->resident;

	r->budget = a->opt.resident_pages;
	r->window = 1;
	if (r->budget == RESIDENT_ALL)
		return 0;
	r->ring = calloc(r->budget, sizeof *r->ring);
	r->drop = calloc(r->budget, sizeof *r->drop);
	return r->ring && r->drop ? 0 : -1;
}

void resident_segs(struct agent *a, struct shm_seg *const *segs, size_t n)
{
	need(&a->resident, seg_at, segs, n);
}

void resident_rows(struct agent *a, const struct row *rows, size_t n)
{
	need(&a->resident, row_at, rows, n);
}

/* The loaded ones only: the status polls of segments that cannot
 * signal keep their pages mapped on purpose (notify.c). */
void resident_drop_all(struct agent *a)
{
	struct resident *r = &a->resident;

	if (r->budget == RESIDENT_ALL)
		return;
	make_room(r, r->budget);        /* no room for a whole budget: all go */
	r->head = 0;
	r->window = 1;
	r->expect = NULL;
}

static void idle_check(unsigned reg, void *arg)
{
	struct agent *a = arg;

	(void)reg;
	a->resident.alarm = 0;
	if (a->resident.touched) {      /* still busy: look again later */
		resident_touched(a);
		return;
	}
	resident_drop_all(a);
}

void resident_touched(struct agent *a)
{
	struct resident *r = &a->resident;

	if (r->alarm) {
		r->touched = true;
		return;
	}
	r->touched = false;
	r->alarm = snmp_alarm_register(RESIDENT_IDLE_SEC, 0, idle_check, a);
}

void resident_stop(struct agent *a)
{
	if (a->resident.alarm)
		snmp_alarm_unregister(a->resident.alarm);
	a->resident.alarm = 0;
	resident_drop_all(a);
	free(a->resident.ring);
	free(a->resident.drop);
	a->resident.ring = a->resident.drop = NULL;
	a->resident.budget = RESIDENT_ALL;
}
