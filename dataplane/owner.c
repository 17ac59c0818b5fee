/*
 * Ownership of the segment directory; see owner.h.
 */
#include <stdio.h>

#include <rte_cycles.h>
#include <rte_lcore.h>
#include <rte_timer.h>

#include "dataplane/ifseg.h"
#include "dataplane/l2vpn/l2vpn.h"
#include "dataplane/log.h"
#include "dataplane/owner.h"
#include "dataplane/setup.h"

#define DIR_MODE 0750
#define CHECK_MS 1000

static struct shm_dirlock *lock;
static struct rte_timer check_timer;
static bool timer_on;

int owner_take(const char *dir)
{
	struct shmib_err err;

	lock = shm_dirlock_take(dir, DIR_MODE, &err);
	if (!lock) {
		fprintf(stderr, "shmib-dataplane: error: %s\n", err.msg);
		return -1;
	}
	return 0;
}

void owner_started(void)
{
	struct shmib_err err;
	int n;

	if (shm_dirlock_publish(lock, &err) < 0)
		dp_log(LOG_WARNING, "%s", err.msg);
	n = shm_dirlock_sweep(lock);
	if (n)
		dp_log(LOG_INFO, "removed %d segment%s of a dataplane that is gone",
		       n, n == 1 ? "" : "s");
}

static int republish(struct dp *dp)
{
	struct shmib_err err;
	int n = 0, k;

	for (unsigned i = 0; i < dp->nports; i++, n++)
		if (ifseg_republish(dp->port[i].seg, &err) < 0)
			return dp_log(LOG_ERR, "port %s: %s", dp->port[i].conf->name,
				      err.msg), -1;
	k = l2vpn_republish();
	return k < 0 ? -1 : n + k;
}

/* The directory (or its lock file) went away: once noticed, logged
 * once; tried again each second until it works. */
static void check(struct rte_timer *t, void *arg)
{
	static bool failing;
	struct dp *dp = arg;
	struct shmib_err err;
	int n;

	(void)t;
	if (shm_dirlock_intact(lock))
		return;
	if (!failing)
		dp_log(LOG_WARNING, "%s was removed: creating it again and republishing",
		       dp->cfg->shmem_dir);
	if (shm_dirlock_retake(lock, DIR_MODE, &err) < 0) {
		if (!failing)
			dp_log(LOG_ERR, "%s", err.msg);
		failing = true;
		return;
	}
	n = republish(dp);
	failing = n < 0;
	if (n >= 0)
		dp_log(LOG_INFO, "%d segments republished in %s", n, dp->cfg->shmem_dir);
}

int owner_watch(struct dp *dp)
{
	rte_timer_init(&check_timer);
	if (rte_timer_reset(&check_timer, rte_get_tsc_hz() * CHECK_MS / 1000,
			    PERIODICAL, rte_get_main_lcore(), check, dp) < 0)
		return dp_log(LOG_ERR, "cannot start the directory check"), -1;
	timer_on = true;
	return 0;
}

void owner_release(bool failed)
{
	if (timer_on)
		rte_timer_stop_sync(&check_timer);
	timer_on = false;
	shm_dirlock_release(lock, failed);
	lock = NULL;
}
