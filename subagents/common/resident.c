/* Resident pages (see resident.h). */
#include <stdlib.h>
#include <string.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#include "subagents/common/core.h"
#include "subagents/common/resident.h"

static size_t cost(const struct shm_seg *s)
{
	size_t n = shm_seg_pages(s);

	return n ? n : 1;
}

static struct shm_seg **slot(struct resident *r, size_t i)
{
	return &r->ring[(r->head + i) % r->cap];
}

/* Drops the N oldest loaded segments, a batch at a time. */
static void drop_oldest(struct resident *r, size_t n)
{
	struct shm_seg *batch[RESIDENT_DROP];
	size_t k = 0;

	for (; n && r->count; n--) {
		batch[k] = *slot(r, 0);
		r->pages -= cost(batch[k++]);
		r->head = (r->head + 1) % r->cap;
		r->count--;
		if (k == RESIDENT_DROP) {
			shm_segs_drop(batch, k);
			k = 0;
		}
	}
	shm_segs_drop(batch, k);
	if (!r->count) {
		r->head = 0;
		r->window = 1;
		r->expect = NULL;
	}
}

/* Drops the oldest segments until NEED more pages fit, RESIDENT_DROP
 * at least: a large batch is what makes a drop cheap. */
static void make_room(struct resident *r, size_t need)
{
	size_t n = 0, pages = r->pages;

	if (r->budget == RESIDENT_ALL || pages + need <= r->budget)
		return;
	while (n < r->count && (pages + need > r->budget || n < RESIDENT_DROP))
		pages -= cost(*slot(r, n++));
	drop_oldest(r, n);
}

/* Room for N more in the ring: with a budget there always is (each
 * segment holds a page of it at least); without, the ring grows. */
static bool fits(struct resident *r, size_t n)
{
	size_t cap = r->cap ? r->cap : RESIDENT_WINDOW;
	struct shm_seg **v;

	if (r->count + n <= r->cap)
		return true;
	while (cap < r->count + n)
		cap *= 2;
	if (!(v = calloc(cap, sizeof *v)))
		return false;
	for (size_t i = 0; i < r->count; i++)
		v[i] = *slot(r, i);
	free(r->ring);
	r->ring = v;
	r->cap = cap;
	r->head = 0;
	return true;
}

typedef struct shm_seg *seg_at_fn(const void *base, size_t i);

static void need(struct resident *r, seg_at_fn *at, const void *base, size_t n)
{
	struct shm_seg *batch[RESIDENT_WINDOW];
	size_t k = 0, i, more = 0;

	if (!n || shm_seg_loaded(at(base, 0)))
		return;
	r->window = at(base, 0) != r->expect ? 1 :
		    r->window < RESIDENT_WINDOW / 2 ? r->window * 2 : RESIDENT_WINDOW;
	/* A batch fits the budget: segments are small (SHM_DATA_MAX is a
	 * quarter of it), but a window of large ones would not. */
	for (i = 0; i < n && i < r->window; i++) {
		struct shm_seg *s = at(base, i);

		if (shm_seg_loaded(s))
			continue;
		if (k && r->budget != RESIDENT_ALL && more + cost(s) > r->budget)
			break;
		batch[k++] = s;
		more += cost(s);
	}
	r->expect = i < n ? at(base, i) : NULL;
	make_room(r, more);
	if (!fits(r, k))        /* out of memory: read unloaded, as faults */
		return;
	shm_segs_load(batch, k);
	for (i = 0; i < k; i++) {
		*slot(r, r->count++) = batch[i];
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

/* A turn of the drop once idle: a batch, so no turn takes long. */
static void drain(void *arg)
{
	struct resident *r = arg;

	drop_oldest(r, RESIDENT_DROP);
	if (!r->count)
		turns_off(&r->drain);
}

int resident_start(struct agent *a)
{
	struct resident *r = &a->resident;

	*r = (struct resident){ .budget = a->opt.resident_pages, .window = 1 };
	turns_init(&r->drain, drain, r);
	if (r->budget == RESIDENT_ALL)
		return 0;
	r->cap = r->budget;
	return (r->ring = calloc(r->cap, sizeof *r->ring)) ? 0 : -1;
}

void resident_segs(struct agent *a, struct shm_seg *const *segs, size_t n)
{
	need(&a->resident, seg_at, segs, n);
}

void resident_rows(struct agent *a, const struct row *rows, size_t n)
{
	need(&a->resident, row_at, rows, n);
}

void resident_forget(struct agent *a, struct shm_seg *const *segs, size_t n)
{
	struct resident *r = &a->resident;
	struct shm_seg **v = n && r->count ? malloc(n * sizeof *v) : NULL;
	size_t kept = 0;

	if (!v) {
		if (n && r->count)      /* out of memory: the slow way */
			drop_oldest(r, r->count);
		return;
	}
	memcpy(v, segs, n * sizeof *v);
	qsort(v, n, sizeof *v, seg_addr_cmp);
	for (size_t i = 0; i < r->count; i++) {
		struct shm_seg *s = *slot(r, i);

		if (bsearch(&s, v, n, sizeof *v, seg_addr_cmp))
			r->pages -= cost(s);
		else
			*slot(r, kept++) = s;
	}
	r->count = kept;
	r->expect = NULL;
	free(v);
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
	if (a->resident.count)
		turns_on(&a->resident.drain);
}

void resident_touched(struct agent *a)
{
	struct resident *r = &a->resident;

	turns_off(&r->drain);           /* busy again: what is loaded stays */
	if (r->alarm) {
		r->touched = true;
		return;
	}
	r->touched = false;
	r->alarm = snmp_alarm_register(RESIDENT_IDLE_SEC, 0, idle_check, a);
}

void resident_stop(struct agent *a)
{
	struct resident *r = &a->resident;

	if (r->alarm)
		snmp_alarm_unregister(r->alarm);
	turns_fini(&r->drain);
	free(r->ring);
	*r = (struct resident){ .budget = RESIDENT_ALL };
}
