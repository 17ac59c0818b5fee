/*
 * Bring-up and tear-down: see setup.h.  One mbuf pool per CPU socket;
 * at shutdown every mbuf must be back in it (a leak is logged and makes
 * the exit status non-zero).
 */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <rte_ethdev.h>
#include <rte_lcore.h>

#include "dataplane/fwd.h"
#include "dataplane/ifseg.h"
#include "dataplane/kernlink.h"
#include "dataplane/l2vpn/l2vpn.h"
#include "dataplane/log.h"
#include "dataplane/owner.h"
#include "dataplane/setup.h"
#include "dataplane/stats.h"

static int attach_all(struct dp *dp)
{
	const struct dp_config *cfg = dp->cfg;

	for (unsigned i = 0; i < cfg->nports; i++) {
		if (port_attach(&dp->port[i], &cfg->port[i], i, cfg->file) < 0)
			return -1;
		dp->nports++;
	}
	return 0;
}

static struct rte_mempool *pool_for(struct dp *dp, unsigned needed)
{
	const struct dp_config *cfg = dp->cfg;

	if (cfg->mbufs < needed) {
		dp_log(LOG_ERR, "%s: [global] mbufs: %u are too few for %u ports and %u lcores: need %u",
		       cfg->file, cfg->mbufs, dp->nports, rte_lcore_count(),
		       needed);
		return NULL;
	}
	return port_pool(dp->port[0].socket, cfg->mbufs);
}

static int setup_ports(struct dp *dp)
{
	unsigned needed = rte_lcore_count() * port_mbufs_lcore();
	struct rte_mempool *pool;

	fwd_plan_queues(dp->port, dp->nports, rte_lcore_count() - 1);
	for (unsigned i = 0; i < dp->nports; i++)
		needed += port_mbufs(&dp->port[i]);
	pool = pool_for(dp, needed);
	if (!pool)
		return -1;
	for (unsigned i = 0; i < dp->nports; i++)
		if (port_setup(&dp->port[i], pool) < 0)
			return -1;
	/* Some PMDs fill their rx rings at queue setup: every mbuf of
	 * the pool is what must come back. */
	dp->mbufs = pool->size;
	return fwd_assign(dp->port, dp->nports);
}

static int create_segment(struct dp *dp, struct dp_port *p, uint64_t now_ns)
{
	struct rte_ether_addr mac = { 0 };
	struct ifseg_port info = {
		.descr = p->conf->descr, .ifname = p->conf->ifname,
		.alias = p->conf->alias, .mac = mac.addr_bytes,
		.connector = p->conf->pci,
	};
	struct shmib_err err;

	rte_eth_macaddr_get(p->id, &mac);
	p->seg = ifseg_create(dp->cfg->shmem_dir, p->conf->name, &info, now_ns, &err);
	if (!p->seg) {
		dp_log(LOG_ERR, "port %s: segment: %s", p->conf->name, err.msg);
		return -1;
	}
	return 0;
}

static int create_segments(struct dp *dp)
{
	uint64_t now_ns = shm_now_ns();

	/* The directory exists: owner_take made it. */
	dp->segments = true;
	for (unsigned i = 0; i < dp->nports; i++)
		if (create_segment(dp, &dp->port[i], now_ns) < 0)
			return -1;
	return 0;
}

static void log_ports(const struct dp *dp)
{
	for (unsigned i = 0; i < dp->nports; i++) {
		const struct dp_port *p = &dp->port[i];

		dp_log(LOG_INFO, "port %s: ifDescr %s (ethdev %u, %u queue%s, link %s)",
		       p->conf->name, p->conf->descr, p->id, p->nq,
		       p->nq == 1 ? "" : "s", p->lsc ? "interrupts" : "polled");
	}
}

int setup_up(struct dp *dp, const struct dp_config *cfg)
{
	memset(dp, 0, sizeof(*dp));
	dp->cfg = cfg;
	if (attach_all(dp) < 0 || setup_ports(dp) < 0)
		return -1;
	log_ports(dp);
	if (create_segments(dp) < 0 ||
	    l2vpn_setup(cfg, dp->port, rte_get_next_lcore(-1, 1, 0)) < 0)
		return -1;
	for (unsigned i = 0; i < dp->nports; i++)
		if (port_start(&dp->port[i]) < 0)
			return -1;
	if (kernlink_start(dp->port, dp->nports) < 0 ||
	    stats_start(dp->port, dp->nports, cfg->publish_ms) < 0)
		return -1;
	return owner_watch(dp);
}

void setup_launch(struct dp *dp)
{
	unsigned lcore;

	RTE_LCORE_FOREACH_WORKER(lcore)
		rte_eal_remote_launch(fwd_main, fwd_lcores[lcore], lcore);
	dp_log(LOG_INFO, "forwarding on %u ports with %u workers, segments in %s%s",
	       dp->nports, rte_lcore_count() - 1, dp->cfg->shmem_dir,
	       dp->cfg->publish_ms ? "" : " (not updated: publish_interval 0)");
}

/* The workers' rates, for operators and the benchmark. */
static void log_rates(void)
{
	unsigned lcore;

	RTE_LCORE_FOREACH_WORKER(lcore) {
		const struct fwd_lcore *l = fwd_lcores[lcore];
		uint64_t sent = 0;
		double s;

		if (!l || !l->nstreams || l->stop_tsc <= l->start_tsc)
			continue;
		for (unsigned i = 0; i < DP_PORTS_MAX; i++)
			sent += l->ctr[i].tx_pkts;
		s = (double)(l->stop_tsc - l->start_tsc) / rte_get_tsc_hz();
		dp_log(LOG_INFO, "lcore %u: %lu frames forwarded in %.3f s (%.3f Mpps)",
		       lcore, sent, s, sent / s / 1e6);
	}
}

static int check_mbufs(const struct dp *dp)
{
	struct rte_mempool *pool;
	unsigned avail;

	if (!dp->mbufs)
		return 0;
	pool = port_pool(dp->port[0].socket, 0);
	avail = rte_mempool_avail_count(pool);
	if (avail != dp->mbufs) {
		dp_log(LOG_ERR, "mbufs: %u of %u not returned to the pool",
		       dp->mbufs - avail, dp->mbufs);
		return -1;
	}
	dp_log(LOG_INFO, "mbufs: all %u returned to the pool", avail);
	return 0;
}

int setup_down(struct dp *dp)
{
	int rc;

	fwd_stop();
	rte_eal_mp_wait_lcore();
	stats_stop();
	kernlink_stop();
	l2vpn_teardown(dp->segments);
	log_rates();
	for (unsigned i = 0; i < dp->nports; i++)
		port_close(&dp->port[i]);
	rc = check_mbufs(dp);
	for (unsigned i = 0; i < dp->nports; i++) {
		ifseg_destroy(dp->port[i].seg, dp->segments);
		dp->port[i].seg = NULL;
	}
	if (dp->segments)
		dp_log(LOG_INFO, "segments removed from %s", dp->cfg->shmem_dir);
	fwd_free();
	return rc;
}
