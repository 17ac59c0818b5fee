/*
 * The L2VPN's once-a-second work on the worker lcore: heartbeats,
 * dead-peer detection, next-hop solicitation, MAC aging.
 */
#include <time.h>

#include <rte_cycles.h>
#include <rte_lcore.h>

#include "dataplane/l2vpn/internal.h"
#include "dataplane/l2vpn/l2vpn.h"
#include "dataplane/lcall.h"

void rt_learned(struct rt_uplink *u)
{
	const struct rte_ether_addr *src = &l2vpn->port[u->port].mac;

	for (unsigned i = 0; i < l2vpn->conf->npws; i++) {
		struct rt_pw *pw = &l2vpn->pw[i];
		if (&l2vpn->uplink[pw->uplink] != u)
			continue;
		encap_set_macs(&pw->data, src, &u->nd.next_hop_mac);
		encap_set_macs(&pw->ctl, src, &u->nd.next_hop_mac);
	}
}

static void publish_status(struct rt_pw *pw)
{
	pw->sh.up = pw->st.up;
	__atomic_store_n(&pw->sh.gen, pw->sh.gen + 1, __ATOMIC_RELEASE);
}

static void heartbeat(struct rt_pw *pw, uint64_t now)
{
	struct rt_uplink *u = &l2vpn->uplink[pw->uplink];
	struct rte_mbuf *m;
	uint8_t *p;

	if (!pw->cc.heartbeat || now < pw->next_heartbeat || !u->nd.resolved)
		return;
	pw->next_heartbeat = now + pw->cc.heartbeat;
	m = rte_pktmbuf_alloc(l2vpn->pool);
	if (!m)
		return;
	p = (uint8_t *)rte_pktmbuf_append(m, CC_MSG_MAX);
	rte_pktmbuf_trim(m, CC_MSG_MAX - cc_build(&pw->cc, p));
	if (encap_push(m, &pw->ctl) < 0) {
		rte_pktmbuf_free(m);
		return;
	}
	rt_send(&l2vpn->port[u->port], m);
}

static void solicit(struct rt_uplink *u)
{
	struct rte_mbuf *m;

	if (u->nd.resolved)
		return;
	m = rte_pktmbuf_alloc(l2vpn->pool);
	if (!m)
		return;
	if (nd_solicit(&u->nd, m) < 0) {
		rte_pktmbuf_free(m);
		return;
	}
	rt_send(&l2vpn->port[u->port], m);
}

void rt_tick(struct rte_timer *t, void *arg)
{
	const struct l2vpn_conf *c = l2vpn->conf;
	uint64_t now = time(NULL);

	(void)t, (void)arg;
	for (unsigned i = 0; i < c->nuplinks; i++)
		solicit(&l2vpn->uplink[i]);
	for (unsigned i = 0; i < c->npws; i++) {
		struct rt_pw *pw = &l2vpn->pw[i];
		heartbeat(pw, now);
		if (cc_expire(&pw->st, &pw->cc, now))
			publish_status(pw);
	}
	for (unsigned i = 0; i < c->nvpls; i++)
		bridge_age(&l2vpn->vpls[i].br, now);
	for (unsigned i = 0; i < l2vpn->cfg->nports; i++)
		rt_flush(&l2vpn->port[i]);
}

bool l2vpn_runs_on(unsigned lcore)
{
	return l2vpn && lcore == l2vpn->worker;
}

/* Between bursts: where the worker takes a new state (reload) and
 * answers questions about it (telemetry). */
void l2vpn_poll(void)
{
	unsigned lcore = rte_lcore_id();
	uint64_t tsc;

	if (!l2vpn || lcore != l2vpn->worker)
		return;
	lcall_serve(lcore);
	tsc = rte_get_tsc_cycles();
	if (tsc < l2vpn->next_poll)
		return;
	l2vpn->next_poll = tsc + rte_get_tsc_hz() / 1000;
	rte_timer_manage();
}
