/*
 * Ports: see port.h.  Ring sizes are small (512 descriptors) so the
 * pools stay small under --no-huge.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <rte_bus.h>
#include <rte_dev.h>
#include <rte_ethdev.h>
#include <rte_mbuf.h>

#include "dataplane/fwd.h"
#include "dataplane/log.h"
#include "dataplane/port.h"

#define RING_SIZE     512
#define POOL_CACHE    256

static const char *const xstat_names[XS_N] = {
	[XS_RX_MCAST] = "rx_multicast_packets",
	[XS_RX_BCAST] = "rx_broadcast_packets",
	[XS_TX_MCAST] = "tx_multicast_packets",
	[XS_TX_BCAST] = "tx_broadcast_packets",
};

static struct rte_mempool *pools[RTE_MAX_NUMA_NODES];

struct rte_mempool *port_pool(int socket, unsigned n)
{
	char name[RTE_MEMPOOL_NAMESIZE];

	if (socket < 0 || socket >= RTE_MAX_NUMA_NODES)
		socket = 0;
	if (pools[socket] || !n)
		return pools[socket];
	snprintf(name, sizeof(name), "mbufs%d", socket);
	pools[socket] = rte_pktmbuf_pool_create(name, n, POOL_CACHE, 0,
		RTE_MBUF_DEFAULT_BUF_SIZE, socket);
	if (!pools[socket])
		dp_log(LOG_ERR, "cannot create %u mbufs on socket %d: %s", n,
		       socket, rte_strerror(rte_errno));
	return pools[socket];
}

/* Why rte_dev_probe(DEVICE) failed with RC.  Drivers are loaded by
 * rte_eal_init (shared DPDK), so no name can be checked before. */
static const char *probe_error(int rc)
{
	if (rc == -EFAULT)      /* no bus parsed the name */
		return "no DPDK driver takes this name (a typo, or its PMD is not installed)";
	return rc < 0 ? rte_strerror(-rc) : "not an ethdev";
}

int port_attach(struct dp_port *p, const struct dp_port_conf *c, unsigned idx,
		const char *file)
{
	struct rte_eth_dev_info info;
	int rc;

	memset(p, 0, sizeof(*p));
	p->conf = c;
	p->idx = idx;
	if (rte_eth_dev_get_port_by_name(c->descr, &p->id) < 0) {
		rc = rte_dev_probe(c->device);
		if (rc < 0 || rte_eth_dev_get_port_by_name(c->descr, &p->id) < 0) {
			dp_log(LOG_ERR, "%s:%u: [port %s] device: %s: %s", file, c->line,
			       c->name, c->device, probe_error(rc));
			return -1;
		}
		p->probed = true;
	}
	rc = rte_eth_dev_info_get(p->id, &info);
	if (rc < 0) {
		dp_log(LOG_ERR, "port %s: %s: %s", c->name, c->descr,
		       rte_strerror(-rc));
		return -1;
	}
	p->max_q = RTE_MIN(info.max_rx_queues, info.max_tx_queues);
	p->lsc = *info.dev_flags & RTE_ETH_DEV_INTR_LSC;
	p->socket = rte_eth_dev_socket_id(p->id);
	if (p->socket < 0)
		p->socket = 0;
	return 0;
}

static int on_lsc(uint16_t id, enum rte_eth_event_type type, void *arg,
		  void *ret)
{
	struct dp_port *p = arg;

	(void)id, (void)type, (void)ret;
	__atomic_store_n(&p->link_event, 1, __ATOMIC_RELEASE);
	return 0;
}

bool port_link_event(struct dp_port *p)
{
	return __atomic_exchange_n(&p->link_event, 0, __ATOMIC_ACQ_REL);
}

static void find_xstats(struct dp_port *p)
{
	for (int i = 0; i < XS_N; i++)
		p->has_xstat[i] = rte_eth_xstats_get_id_by_name(p->id,
			xstat_names[i], &p->xstat_id[i]) == 0;
}

static int configure(struct dp_port *p, const struct rte_eth_dev_info *info)
{
	struct rte_eth_conf conf = {
		.rxmode.mtu = p->conf->mtu,
		.intr_conf.lsc = p->lsc,
	};
	int rc;

	if (p->nq > 1) {
		conf.rxmode.mq_mode = RTE_ETH_MQ_RX_RSS;
		conf.rx_adv_conf.rss_conf.rss_hf = info->flow_type_rss_offloads &
			(RTE_ETH_RSS_IP | RTE_ETH_RSS_TCP | RTE_ETH_RSS_UDP);
	}
	if (info->tx_offload_capa & RTE_ETH_TX_OFFLOAD_MBUF_FAST_FREE)
		conf.txmode.offloads |= RTE_ETH_TX_OFFLOAD_MBUF_FAST_FREE;
	rc = rte_eth_dev_configure(p->id, p->nq, p->nq, &conf);
	if (rc < 0)
		dp_log(LOG_ERR, "port %s: cannot configure %s (%u queues, mtu %u): %s",
		       p->conf->name, p->conf->descr, p->nq, p->conf->mtu,
		       rte_strerror(-rc));
	return rc;
}

unsigned port_mbufs(const struct dp_port *p)
{
	return (unsigned)p->nq * 2 * RING_SIZE;
}

unsigned port_mbufs_lcore(void)
{
	return POOL_CACHE * 3 / 2 + FWD_BURST;
}

static int setup_queues(struct dp_port *p, struct rte_mempool *pool,
			const struct rte_eth_dev_info *info)
{
	uint16_t nrx = RING_SIZE, ntx = RING_SIZE;
	struct rte_eth_txconf txc = info->default_txconf;
	int rc;

	rc = rte_eth_dev_adjust_nb_rx_tx_desc(p->id, &nrx, &ntx);
	if (rc < 0)
		return rc;
	txc.offloads = RTE_ETH_TX_OFFLOAD_MBUF_FAST_FREE & info->tx_offload_capa;
	for (uint16_t q = 0; q < p->nq; q++) {
		rc = rte_eth_rx_queue_setup(p->id, q, nrx, p->socket, NULL, pool);
		if (rc < 0)
			return rc;
		rc = rte_eth_tx_queue_setup(p->id, q, ntx, p->socket, &txc);
		if (rc < 0)
			return rc;
	}
	return 0;
}

int port_setup(struct dp_port *p, struct rte_mempool *pool)
{
	struct rte_eth_dev_info info;
	int rc;

	rc = rte_eth_dev_info_get(p->id, &info);
	if (rc < 0 || configure(p, &info) < 0)
		return -1;
	rc = setup_queues(p, pool, &info);
	if (rc < 0) {
		dp_log(LOG_ERR, "port %s: queue setup: %s", p->conf->name,
		       rte_strerror(-rc));
		return -1;
	}
	if (p->lsc && rte_eth_dev_callback_register(p->id,
			RTE_ETH_EVENT_INTR_LSC, on_lsc, p) < 0) {
		dp_log(LOG_WARNING, "port %s: no link-state interrupts, polling",
		       p->conf->name);
		p->lsc = false;
	}
	find_xstats(p);
	return 0;
}

int port_start(struct dp_port *p)
{
	int rc = rte_eth_dev_start(p->id);

	if (rc < 0) {
		dp_log(LOG_ERR, "port %s: cannot start %s: %s", p->conf->name,
		       p->conf->descr, rte_strerror(-rc));
		return -1;
	}
	p->started = true;
	/* A cross-connect forwards every frame, whatever its address. */
	rc = rte_eth_promiscuous_enable(p->id);
	if (rc < 0 && rc != -ENOTSUP)
		dp_log(LOG_WARNING, "port %s: promiscuous mode: %s",
		       p->conf->name, rte_strerror(-rc));
	return 0;
}

void port_close(struct dp_port *p)
{
	struct rte_eth_dev_info info;
	struct rte_device *dev = NULL;

	if (!p->conf)
		return;
	if (p->lsc)
		rte_eth_dev_callback_unregister(p->id, RTE_ETH_EVENT_INTR_LSC,
						on_lsc, p);
	if (p->started)
		rte_eth_dev_stop(p->id);
	if (p->probed && rte_eth_dev_info_get(p->id, &info) == 0)
		dev = info.device;
	rte_eth_dev_close(p->id);
	if (dev)
		rte_dev_remove(dev);
	p->conf = NULL;
}

struct dp_port *port_find(struct dp_port *ports, unsigned n, const char *name)
{
	for (unsigned i = 0; i < n; i++)
		if (!strcmp(ports[i].conf->name, name) || !strcmp(ports[i].conf->descr, name))
			return &ports[i];
	return NULL;
}
