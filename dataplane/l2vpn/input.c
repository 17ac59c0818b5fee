/*
 * The L2VPN packet path on the worker lcore; see l2vpn.h.
 */
#include <rte_ethdev.h>

#include "dataplane/l2vpn/internal.h"
#include "dataplane/l2vpn/l2vpn.h"

/* Counts what the device took (ifOut*: bytes, multicast, broadcast;
 * read before the send, which gives the mbufs away) and drops the rest. */
void rt_flush(struct rt_port *p)
{
	struct fwd_counters *c = &l2vpn->lcore->ctr[p->idx];
	uint16_t n = p->tx.n, sent;
	uint64_t bytes[TXBUF_MAX + 1] = { 0 }, mcast = 0, bcast = 0;

	if (!n)
		return;
	for (uint16_t i = 0; i < n; i++) {
		const struct rte_ether_addr *dst =
			rte_pktmbuf_mtod(p->tx.m[i], const struct rte_ether_addr *);
		bytes[i + 1] = bytes[i] + rte_pktmbuf_pkt_len(p->tx.m[i]);
		p->tx.kind[i] = rte_is_broadcast_ether_addr(dst) ? 2 :
				rte_is_multicast_ether_addr(dst);
	}
	sent = rte_eth_tx_burst(p->id, 0, p->tx.m, n);
	for (uint16_t i = 0; i < sent; i++) {
		mcast += p->tx.kind[i] == 1;
		bcast += p->tx.kind[i] == 2;
	}
	if (sent < n) {
		rte_pktmbuf_free_bulk(p->tx.m + sent, n - sent);
		CTR_ADD(c->tx_drop, n - sent);
	}
	CTR_ADD(c->tx_pkts, sent);
	CTR_ADD(c->tx_bytes, bytes[sent]);
	CTR_ADD(c->tx_mcast, mcast);
	CTR_ADD(c->tx_bcast, bcast);
	p->tx.n = 0;
}

void rt_send(struct rt_port *p, struct rte_mbuf *m)
{
	if (p->tx.n == TXBUF_MAX)
		rt_flush(p);
	p->tx.m[p->tx.n++] = m;
}

/* A frame that came in on port IDX and goes nowhere: ifInDiscards
 * (RFC 2863: "chosen to be discarded even though no errors had been
 * detected"), so that every frame received is forwarded or counted. */
static void drop_in(unsigned idx, struct rte_mbuf *m)
{
	CTR_ADD(l2vpn->lcore->ctr[idx].rx_drop, 1);
	rte_pktmbuf_free(m);
}

/* Forwarding stops while the control channel says down, and until the
 * next hop is known: such frames are discarded, counted on the port
 * they came in on (RX). */
void rt_to_pw(struct rt_pw *pw, struct rte_mbuf *m, unsigned rx)
{
	struct rt_uplink *u = &l2vpn->uplink[pw->uplink];
	uint32_t len = rte_pktmbuf_pkt_len(m);

	if ((pw->cc.heartbeat && !pw->st.up) || !u->nd.resolved ||
	    encap_push(m, &pw->data) < 0) {
		drop_in(rx, m);
		return;
	}
	CTR_ADD(pw->sh.ctr.out_packets, 1);
	CTR_ADD(pw->sh.ctr.out_bytes, len);
	rt_send(&l2vpn->port[u->port], m);
}

/* Out of an AC: tagged again on a VLAN AC. */
static void to_ac(const struct rt_ac *ac, struct rte_mbuf *m, unsigned rx)
{
	if (ac->vlan) {
		m->vlan_tci = ac->vlan;
		if (rte_vlan_insert(&m) < 0) {
			drop_in(rx, m);
			return;
		}
	}
	rt_send(&l2vpn->port[ac->port], m);
}

static void to_bport(struct rt_vpls *v, unsigned bport, struct rte_mbuf *m,
		     unsigned rx)
{
	int to = v->to[bport];

	if (to < 0)
		rt_to_pw(&l2vpn->pw[~to], m, rx);
	else
		to_ac(&l2vpn->ac[to], m, rx);
}

/* A frame from bridge port IN of V that came in on port RX.  What the
 * bridge filters (its destination is on the port it came from) or
 * finds too big is discarded on RX, an oversize frame from a
 * pseudowire as an error of that pseudowire; a copy for flooding
 * that cannot be made (no mbuf) is a discard on RX too. */
static void bridge_in(struct rt_vpls *v, unsigned in, struct rte_mbuf *m,
		      uint64_t now, struct rt_pw *from, unsigned rx)
{
	uint16_t out[BRIDGE_PORTS_MAX];
	const struct rte_ether_hdr *eth = rte_pktmbuf_mtod(m, const struct rte_ether_hdr *);
	int n = bridge_forward(&v->br, in, eth, rte_pktmbuf_pkt_len(m), now, out);

	if (n == BRIDGE_DROP_MTU && from) {
		CTR_ADD(from->sh.ctr.errors, 1);
		rte_pktmbuf_free(m);
		return;
	}
	if (n <= 0) {
		drop_in(rx, m);
		return;
	}
	for (int i = 0; i < n - 1; i++) {
		struct rte_mbuf *c = rte_pktmbuf_copy(m, l2vpn->pool, 0, UINT32_MAX);
		if (c)
			to_bport(v, out[i], c, rx);
		else
			CTR_ADD(l2vpn->lcore->ctr[rx].rx_drop, 1);
	}
	to_bport(v, out[n - 1], m, rx);
}

/* The pseudowire a decapsulated frame belongs to, or the first one to
 * its peer (to count an error on), or NULL. */
static struct rt_pw *find_pw(const struct rt_uplink *u, const struct decap *d,
			     enum tunnel_verdict *verdict)
{
	struct rt_pw *first = NULL;

	*verdict = TUNNEL_MISMATCH;
	for (unsigned i = 0; i < l2vpn->conf->npws; i++) {
		struct rt_pw *pw = &l2vpn->pw[i];
		if (&l2vpn->uplink[pw->uplink] != u || !addr_eq(&pw->conf->peer, &d->peer) ||
		    pw->conf->tunnel.ops != d->rx.ops)
			continue;
		first = first ? first : pw;
		*verdict = tunnel_match(&pw->conf->tunnel, &d->rx);
		if (*verdict == TUNNEL_DATA)
			return pw;
	}
	return first;
}

static void control_in(struct rt_pw *pw, struct rte_mbuf *m,
		       const struct decap *d, uint64_t now)
{
	const uint8_t *p = rte_pktmbuf_mtod_offset(m, const uint8_t *, d->off);
	const char *err = NULL;
	struct cc_msg msg;
	int ok = cc_parse(p, d->len, &msg, &err);

	/* The VC ID tells pseudowires to the same peer apart. */
	if (ok == 0 && msg.has_vc_id) {
		for (unsigned i = 0; i < l2vpn->conf->npws; i++) {
			struct rt_pw *o = &l2vpn->pw[i];
			if (o->uplink == pw->uplink && o->conf->vc_id == msg.vc_id &&
			    addr_eq(&o->conf->peer, &d->peer) &&
			    tunnel_match(&o->conf->tunnel, &d->rx) == TUNNEL_CC)
				pw = o;
		}
	}
	int changed = cc_receive(&pw->st, &pw->cc, ok ? NULL : &msg, err, now);
	if (changed) {
		pw->sh.up = pw->st.up;
		pw->sh.remote_mtu = pw->st.remote_mtu;
		memcpy(pw->sh.remote_ifstr, pw->st.remote_ifstr, sizeof(pw->sh.remote_ifstr));
		__atomic_store_n(&pw->sh.gen, pw->sh.gen + 1, __ATOMIC_RELEASE);
	}
	rte_pktmbuf_free(m);
}

static void tunnel_in(struct rt_uplink *u, struct rte_mbuf *m, uint64_t now)
{
	struct decap d;
	enum tunnel_verdict verdict;
	enum decap_result r = decap_parse(m, &u->conf->addr, &d);
	struct rt_pw *pw = r == DECAP_OTHER ? NULL : find_pw(u, &d, &verdict);

	if (!pw) {
		drop_in(u->port, m);
		return;
	}
	if (r == DECAP_BAD || verdict == TUNNEL_MISMATCH) {
		CTR_ADD(pw->sh.ctr.errors, 1);
		rte_pktmbuf_free(m);
		return;
	}
	if (verdict == TUNNEL_CC) {
		control_in(pw, m, &d, now);
		return;
	}
	rte_pktmbuf_adj(m, d.off);
	rte_pktmbuf_trim(m, rte_pktmbuf_pkt_len(m) - d.len);
	if (d.len < RTE_ETHER_HDR_LEN) {
		CTR_ADD(pw->sh.ctr.errors, 1);
		rte_pktmbuf_free(m);
		return;
	}
	CTR_ADD(pw->sh.ctr.in_packets, 1);
	CTR_ADD(pw->sh.ctr.in_bytes, d.len);
	bridge_in(&l2vpn->vpls[pw->vpls], pw->bport, m, now, pw, u->port);
}

static void uplink_in(struct rt_uplink *u, struct rte_mbuf *m, uint64_t now)
{
	bool learned;
	enum nd_result r = nd_input(&u->nd, m, &learned);

	if (learned)
		rt_learned(u);
	if (r == ND_REPLY)
		rt_send(&l2vpn->port[u->port], m);
	else if (r == ND_DONE)
		rte_pktmbuf_free(m);
	else
		tunnel_in(u, m, now);
}

/* Into the AC of the frame's VLAN (untagged: the port's own AC), the
 * 802.1Q tag removed: the bridge and the MTU see the bare frame. */
static void ac_in(struct rt_port *p, struct rte_mbuf *m, uint64_t now)
{
	struct rte_ether_hdr *eth = rte_pktmbuf_mtod(m, struct rte_ether_hdr *);
	bool tagged = eth->ether_type == rte_cpu_to_be_16(RTE_ETHER_TYPE_VLAN);
	uint16_t vid = 0;

	if (tagged) {
		if (rte_pktmbuf_data_len(m) < RTE_ETHER_HDR_LEN + sizeof(struct rte_vlan_hdr)) {
			drop_in(p->idx, m);
			return;
		}
		vid = rte_be_to_cpu_16(((struct rte_vlan_hdr *)(eth + 1))->vlan_tci) & 0xfff;
	}
	/* A VLAN without an AC of its own belongs to the port's whole-port
	 * AC, if it has one, tag and all (Snabb's raw mode). */
	unsigned k = p->ac_of_vlan[vid];
	if (!k)
		k = p->ac_of_vlan[0];
	if (!k) {
		drop_in(p->idx, m);
		return;
	}
	const struct rt_ac *ac = &l2vpn->ac[k - 1];
	if (tagged && ac->vlan) {
		memmove((uint8_t *)eth + sizeof(struct rte_vlan_hdr), eth, 2 * RTE_ETHER_ADDR_LEN);
		rte_pktmbuf_adj(m, sizeof(struct rte_vlan_hdr));
	}
	bridge_in(&l2vpn->vpls[ac->vpls], ac->bport, m, now, NULL, p->idx);
}

void l2vpn_input(unsigned idx, struct fwd_lcore *l, struct rte_mbuf **m,
		 uint16_t n)
{
	struct rt_port *p = &l2vpn->port[idx];
	uint64_t now = time(NULL);

	l2vpn->lcore = l;
	for (uint16_t i = 0; i < n; i++) {
		if (rte_pktmbuf_data_len(m[i]) < RTE_ETHER_HDR_LEN ||
		    !rte_pktmbuf_is_contiguous(m[i]))
			drop_in(idx, m[i]);
		else if (p->role == ROLE_UPLINK)
			uplink_in(&l2vpn->uplink[p->owner], m[i], now);
		else
			ac_in(p, m[i], now);
	}
	for (unsigned i = 0; i < l2vpn->cfg->nports; i++)
		rt_flush(&l2vpn->port[i]);
}
