/*
 * See lcall.h.  One slot an lcore, a mutex a slot so that callers
 * queue; the caller spins (sleeping) on its own call's done flag.  A
 * call not taken in time is taken back with a compare-and-swap, so it
 * can never run after its caller has given up on it.
 */
#include <pthread.h>
#include <stdint.h>

#include <rte_cycles.h>
#include <rte_lcore.h>

#include "dataplane/lcall.h"

#define POLL_US 100

struct lcall {
	lcall_fn *fn;
	void *arg;
	int done;
};

void *lcall_pending[RTE_MAX_LCORE];
static pthread_mutex_t slot_lock[RTE_MAX_LCORE];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void init_locks(void)
{
	for (unsigned i = 0; i < RTE_MAX_LCORE; i++)
		pthread_mutex_init(&slot_lock[i], NULL);
}

static int wait_done(unsigned lcore, struct lcall *c, unsigned timeout_ms)
{
	void *expected = c;

	for (uint64_t waited = 0; waited < (uint64_t)timeout_ms * 1000; waited += POLL_US) {
		if (__atomic_load_n(&c->done, __ATOMIC_ACQUIRE))
			return 0;
		rte_delay_us_sleep(POLL_US);
	}
	if (__atomic_compare_exchange_n(&lcall_pending[lcore], &expected, NULL,
					false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		return -1;
	/* Taken just now: it runs to the end. */
	while (!__atomic_load_n(&c->done, __ATOMIC_ACQUIRE))
		rte_delay_us_sleep(POLL_US);
	return 0;
}

int lcall_run(unsigned lcore, lcall_fn *fn, void *arg, unsigned timeout_ms)
{
	struct lcall c = { fn, arg, 0 };
	int rc;

	if (lcore >= RTE_MAX_LCORE)
		return -1;
	pthread_once(&once, init_locks);
	pthread_mutex_lock(&slot_lock[lcore]);
	__atomic_store_n(&lcall_pending[lcore], &c, __ATOMIC_RELEASE);
	rc = wait_done(lcore, &c, timeout_ms);
	pthread_mutex_unlock(&slot_lock[lcore]);
	return rc;
}

void lcall_serve_slow(unsigned lcore)
{
	struct lcall *c = __atomic_exchange_n(&lcall_pending[lcore], NULL,
					      __ATOMIC_ACQ_REL);

	if (!c)
		return;
	c->fn(c->arg);
	__atomic_store_n(&c->done, 1, __ATOMIC_RELEASE);
}
