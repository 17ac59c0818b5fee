/*
 * See stats.h.  A device counter that reads 0 while the workers
 * counted traffic is one the PMD does not keep (net_null counts no
 * bytes): the software count stands in for it.
 */
#include <string.h>
#include <time.h>

#include <rte_cycles.h>
#include <rte_ethdev.h>
#include <rte_timer.h>

#include "dataplane/fwd.h"
#include "dataplane/kernlink.h"
#include "dataplane/log.h"
#include "dataplane/stats.h"

static struct rte_timer timer;
static struct dp_port *all_ports;
static unsigned nports;

static uint64_t pick(uint64_t device, uint64_t software)
{
	return device ? device : software;
}

static uint64_t minus(uint64_t a, uint64_t b)
{
	return a > b ? a - b : 0;
}

static void read_xstats(const struct dp_port *p, uint64_t *x)
{
	for (int i = 0; i < XS_N; i++)
		if (p->has_xstat[i])
			rte_eth_xstats_get_by_id(p->id, &p->xstat_id[i], &x[i], 1);
}

void stats_read(const struct dp_port *p, struct if_counters *c)
{
	struct rte_eth_stats st = { 0 };
	struct fwd_counters sw;
	uint64_t x[XS_N] = { 0 };
	uint64_t in, out;

	fwd_sum(p->idx, &sw);
	rte_eth_stats_get(p->id, &st);
	read_xstats(p, x);
	in = pick(st.ipackets, sw.rx_pkts);
	out = pick(st.opackets, sw.tx_pkts);
	c->in_octets = pick(st.ibytes, sw.rx_bytes);
	c->in_mcast = p->has_xstat[XS_RX_MCAST] ? x[XS_RX_MCAST] : sw.rx_mcast;
	c->in_bcast = p->has_xstat[XS_RX_BCAST] ? x[XS_RX_BCAST] : sw.rx_bcast;
	c->in_ucast = minus(in, c->in_mcast + c->in_bcast);
	c->in_discards = st.imissed + st.rx_nombuf + sw.rx_drop;
	c->in_errors = st.ierrors;
	c->out_octets = pick(st.obytes, sw.tx_bytes);
	c->out_mcast = p->has_xstat[XS_TX_MCAST] ? x[XS_TX_MCAST] : sw.tx_mcast;
	c->out_bcast = p->has_xstat[XS_TX_BCAST] ? x[XS_TX_BCAST] : sw.tx_bcast;
	c->out_ucast = minus(out, c->out_mcast + c->out_bcast);
	c->out_discards = sw.tx_drop;
	c->out_errors = st.oerrors;
}

void stats_link(struct dp_port *p)
{
	struct rte_eth_link link = { 0 };
	uint32_t speed;

	if (rte_eth_link_get_nowait(p->id, &link) < 0)
		return;
	speed = link.link_speed == RTE_ETH_SPEED_NUM_UNKNOWN ? 0 : link.link_speed;
	link.link_status = kernlink_up(p, link.link_status);
	if (ifseg_set_link(p->seg, link.link_status, speed, shm_now_ns()))
		dp_log(LOG_NOTICE, "port %s (%s): link %s, %u Mbps",
		       p->conf->name, p->conf->descr,
		       link.link_status ? "up" : "down", speed);
}

void stats_publish(struct dp_port *p)
{
	struct if_counters c;
	uint16_t mtu = p->conf->mtu;

	rte_eth_dev_get_mtu(p->id, &mtu);
	ifseg_set_mode(p->seg, mtu, rte_eth_promiscuous_get(p->id) == 1);
	stats_link(p);
	stats_read(p, &c);
	ifseg_set_counters(p->seg, &c);
}

static void tick(struct rte_timer *t, void *arg)
{
	(void)t, (void)arg;
	for (unsigned i = 0; i < nports; i++)
		stats_publish(&all_ports[i]);
}

int stats_every(unsigned interval_ms)
{
	rte_timer_stop_sync(&timer);
	if (!interval_ms)
		return 0;
	if (rte_timer_reset(&timer, rte_get_timer_hz() * interval_ms / 1000,
			    PERIODICAL, rte_lcore_id(), tick, NULL) < 0) {
		dp_log(LOG_ERR, "cannot start the publish timer");
		return -1;
	}
	return 0;
}

int stats_start(struct dp_port *ports, unsigned n, unsigned interval_ms)
{
	all_ports = ports;
	nports = n;
	for (unsigned i = 0; i < n; i++)
		stats_publish(&ports[i]);
	rte_timer_init(&timer);
	return stats_every(interval_ms);
}

void stats_stop(void)
{
	rte_timer_stop_sync(&timer);
}
