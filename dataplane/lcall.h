/*
 * Calls run on a given lcore at a point of its loop where it holds no
 * frame and is in the middle of nothing (a quiescent point): the way
 * other threads (the main lcore reloading, the telemetry threads
 * asking) reach state that only that lcore may touch, without a lock on
 * the packet path.  An lcore that serves calls pays one relaxed load a
 * loop while nobody calls.
 */
#ifndef SHMIB_DP_LCALL_H
#define SHMIB_DP_LCALL_H

#include <stdbool.h>

typedef void lcall_fn(void *arg);

/* Runs FN(ARG) on LCORE and returns 0 once it has run; -1 when LCORE
 * did not take the call within TIMEOUT_MS (it is not serving calls:
 * stopped, or not started).  Any thread; callers queue. */
int lcall_run(unsigned lcore, lcall_fn *fn, void *arg, unsigned timeout_ms);

/* From LCORE's loop, at its quiescent point: runs the pending call. */
void lcall_serve_slow(unsigned lcore);

extern void *lcall_pending[];

static inline void lcall_serve(unsigned lcore)
{
	if (__builtin_expect(__atomic_load_n(&lcall_pending[lcore],
					     __ATOMIC_RELAXED) != 0, 0))
		lcall_serve_slow(lcore);
}

#endif
