/*
 * Worker lcores: see fwd.h.  Counting costs one load of the first
 * byte of each frame (multicast bit) and only when the devices lack
 * the counters; bytes come from the mbuf header.  Counters are added
 * once per burst, with relaxed atomic stores so the main lcore's loads
 * are never torn.
 *
 * Reading the burst's mbufs right after the receive call: PMDs end
 * the call with a locked add to their queue counter (net_null, ring,
 * pcap), and on x86 the loads of the tally, issued speculatively
 * before that locked instruction has drained the PMD's stores into
 * the same mbufs, are replayed.  A load fence after the receive call
 * makes them wait instead, which is cheaper where the benchmark runs
 * (--no-huge); what the fence and the tally cost in which mbuf layout
 * was measured and is in NOTES.md ("Dataplane cross-connect").
 */
#include <stdlib.h>

#include <rte_ethdev.h>
#include <rte_ether.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>

#include "dataplane/fwd.h"
#include "dataplane/l2vpn/l2vpn.h"
#include "dataplane/lcall.h"
#include "dataplane/log.h"

struct fwd_lcore *fwd_lcores[RTE_MAX_LCORE];
static int stopping;

struct tally {
	uint64_t bytes, mcast, bcast;
};

static inline void after_rx(void)
{
#ifdef RTE_ARCH_X86
	__builtin_ia32_lfence();
#endif
}

static uint64_t sum_bytes(struct rte_mbuf **m, uint16_t n)
{
	uint64_t bytes = 0;

	for (uint16_t i = 0; i < n; i++)
		bytes += rte_pktmbuf_pkt_len(m[i]);
	return bytes;
}

/* Whether to classify is decided once a burst, so that the loop over
 * the frames tests nothing else. */
static void tally(struct rte_mbuf **m, uint16_t n, bool classify,
		  struct tally *t)
{
	if (!classify) {
		t->bytes += sum_bytes(m, n);
		return;
	}
	for (uint16_t i = 0; i < n; i++) {
		const struct rte_ether_addr *dst;

		t->bytes += rte_pktmbuf_pkt_len(m[i]);
		if (rte_pktmbuf_data_len(m[i]) < RTE_ETHER_ADDR_LEN)
			continue;
		dst = rte_pktmbuf_mtod(m[i], const struct rte_ether_addr *);
		if (unlikely(rte_is_multicast_ether_addr(dst))) {
			if (rte_is_broadcast_ether_addr(dst))
				t->bcast++;
			else
				t->mcast++;
		}
	}
}

static void count_rx(struct fwd_counters *c, uint16_t n, const struct tally *t)
{
	CTR_ADD(c->rx_pkts, n);
	CTR_ADD(c->rx_bytes, t->bytes);
	CTR_ADD(c->rx_mcast, t->mcast);
	CTR_ADD(c->rx_bcast, t->bcast);
}

static void fwd_drop(const struct fwd_stream *s, struct fwd_lcore *l,
		     struct rte_mbuf **m, uint16_t n, const struct tally *t)
{
	(void)t;
	rte_pktmbuf_free_bulk(m, n);
	CTR_ADD(l->ctr[s->rx_idx].rx_drop, n);
}

/* What the device did not take is freed and counted (ifOutDiscards);
 * its bytes and kinds are taken off the burst's tally. */
static void fwd_xconnect(const struct fwd_stream *s, struct fwd_lcore *l,
			 struct rte_mbuf **m, uint16_t n, const struct tally *t)
{
	struct fwd_counters *c = &l->ctr[s->tx_idx];
	uint16_t sent = rte_eth_tx_burst(s->tx_port, s->tx_queue, m, n);
	struct tally lost = { 0 };

	if (unlikely(sent < n)) {
		tally(m + sent, n - sent, s->classify, &lost);
		rte_pktmbuf_free_bulk(m + sent, n - sent);
		CTR_ADD(c->tx_drop, n - sent);
	}
	CTR_ADD(c->tx_pkts, sent);
	CTR_ADD(c->tx_bytes, t->bytes - lost.bytes);
	CTR_ADD(c->tx_mcast, t->mcast - lost.mcast);
	CTR_ADD(c->tx_bcast, t->bcast - lost.bcast);
}

static void fwd_l2vpn(const struct fwd_stream *s, struct fwd_lcore *l,
		      struct rte_mbuf **m, uint16_t n, const struct tally *t)
{
	(void)t;
	l2vpn_input(s->rx_idx, l, m, n);
}

typedef void action_fn(const struct fwd_stream *s, struct fwd_lcore *l,
		       struct rte_mbuf **m, uint16_t n, const struct tally *t);

static action_fn *const actions[FWD_ACTIONS] = {
	[FWD_DROP] = fwd_drop,
	[FWD_XCONNECT] = fwd_xconnect,
	[FWD_L2VPN] = fwd_l2vpn,
};

static inline void poll_stream(const struct fwd_stream *s, struct fwd_lcore *l)
{
	struct rte_mbuf *m[FWD_BURST];
	struct tally t = { 0 };
	uint16_t n = rte_eth_rx_burst(s->rx_port, s->rx_queue, m, FWD_BURST);

	if (!n)
		return;
	after_rx();
	tally(m, n, s->classify, &t);
	count_rx(&l->ctr[s->rx_idx], n, &t);
	/* The common action by a direct call the compiler can see into. */
	if (likely(s->action == FWD_XCONNECT))
		fwd_xconnect(s, l, m, n, &t);
	else
		actions[s->action](s, l, m, n, &t);
}

/* Only the L2VPN's worker has timers to run: the others do not even
 * call into it. */
int fwd_main(void *arg)
{
	struct fwd_lcore *l = arg;
	unsigned lcore = rte_lcore_id();
	bool timers = l2vpn_runs_on(lcore);

	if (!l->nstreams)
		return 0;
	l->start_tsc = rte_get_tsc_cycles();
	while (!__atomic_load_n(&stopping, __ATOMIC_RELAXED)) {
		for (unsigned i = 0; i < l->nstreams; i++)
			poll_stream(&l->stream[i], l);
		if (timers)
			l2vpn_poll();   /* serves calls too */
		else
			lcall_serve(lcore);
	}
	l->stop_tsc = rte_get_tsc_cycles();
	return 0;
}

static void nothing(void *arg)
{
	(void)arg;
}

int fwd_quiesce(unsigned timeout_ms)
{
	unsigned lcore;

	RTE_LCORE_FOREACH_WORKER(lcore) {
		const struct fwd_lcore *l = fwd_lcores[lcore];

		if (l && l->nstreams && lcall_run(lcore, nothing, NULL, timeout_ms) < 0)
			return -1;
	}
	return 0;
}

void fwd_stop(void)
{
	__atomic_store_n(&stopping, 1, __ATOMIC_RELAXED);
}

void fwd_plan_queues(struct dp_port *ports, unsigned n, unsigned workers)
{
	for (unsigned i = 0; i < n; i++)
		ports[i].nq = ports[i].conf->l2vpn ? 1 :
			RTE_MIN(RTE_MAX(workers, 1u),
				RTE_MIN((unsigned)ports[i].max_q, (unsigned)FWD_QUEUES_MAX));
	for (unsigned i = 0; i < n; i++) {
		int x = ports[i].conf->xconnect;

		if (x != DP_NO_PORT)
			ports[i].nq = RTE_MIN(ports[i].nq, ports[x].nq);
	}
}

static struct fwd_stream stream_of(const struct dp_port *ports,
				   const struct dp_port *p, uint16_t q)
{
	struct fwd_stream s = {
		.action = FWD_DROP, .rx_port = p->id, .rx_queue = q,
		.rx_idx = p->idx, .tx_idx = p->idx,
		.classify = !p->has_xstat[XS_RX_MCAST] || !p->has_xstat[XS_RX_BCAST],
	};
	const struct dp_port *o;

	if (p->conf->l2vpn)
		s.action = FWD_L2VPN;
	if (p->conf->xconnect == DP_NO_PORT)
		return s;
	o = &ports[p->conf->xconnect];
	s.action = FWD_XCONNECT;
	s.tx_port = o->id;
	s.tx_queue = q;
	s.tx_idx = o->idx;
	s.classify |= !o->has_xstat[XS_TX_MCAST] || !o->has_xstat[XS_TX_BCAST];
	return s;
}

/* The L2VPN's ports all go to the first worker, which owns the
 * bridges (l2vpn/l2vpn.h); the other streams are dealt out to the
 * other workers, or to all when the L2VPN is absent or there is only
 * one. */
int fwd_assign(struct dp_port *ports, unsigned n)
{
	unsigned lcore, w = 0, nworkers = rte_lcore_count() - 1, first = 0;
	unsigned workers[RTE_MAX_LCORE];
	bool l2vpn = false;

	if (!nworkers) {
		dp_log(LOG_ERR, "no worker lcore: give EAL at least two (e.g. -l 0,1)");
		return -1;
	}
	RTE_LCORE_FOREACH_WORKER(lcore) {
		fwd_lcores[lcore] = rte_zmalloc_socket("fwd_lcore",
			sizeof(struct fwd_lcore), RTE_CACHE_LINE_SIZE,
			rte_lcore_to_socket_id(lcore));
		if (!fwd_lcores[lcore]) {
			dp_log(LOG_ERR, "out of memory for lcore %u", lcore);
			return -1;
		}
		workers[w++] = lcore;
	}
	for (unsigned i = 0; i < n; i++)
		l2vpn |= ports[i].conf->l2vpn;
	if (l2vpn && nworkers > 1)
		first = 1;
	w = 0;
	for (unsigned i = 0; i < n; i++)
		for (uint16_t q = 0; q < ports[i].nq; q++) {
			unsigned k = ports[i].conf->l2vpn ? 0 :
				first + w++ % (nworkers - first);
			struct fwd_lcore *l = fwd_lcores[workers[k]];

			l->stream[l->nstreams++] = stream_of(ports, &ports[i], q);
		}
	return 0;
}

void fwd_sum(unsigned idx, struct fwd_counters *sum)
{
	unsigned lcore;

	memset(sum, 0, sizeof(*sum));
	RTE_LCORE_FOREACH_WORKER(lcore) {
		const struct fwd_counters *c;
		const uint64_t *src;
		uint64_t *dst = (uint64_t *)sum;

		if (!fwd_lcores[lcore])
			continue;
		c = &fwd_lcores[lcore]->ctr[idx];
		src = (const uint64_t *)c;
		for (size_t k = 0; k < sizeof(*c) / sizeof(uint64_t); k++)
			dst[k] += __atomic_load_n(&src[k], __ATOMIC_RELAXED);
	}
}

void fwd_free(void)
{
	unsigned lcore;

	RTE_LCORE_FOREACH_WORKER(lcore) {
		rte_free(fwd_lcores[lcore]);
		fwd_lcores[lcore] = NULL;
	}
}
