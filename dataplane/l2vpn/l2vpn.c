/*
 * Setting up and tearing down the L2VPN, and publishing its segments
 * from the main lcore; see l2vpn.h.
 */
#include <libgen.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <bsd/string.h>
#include <rte_cycles.h>
#include <rte_ethdev.h>
#include <rte_hash.h>
#include <rte_lcore.h>
#include <rte_malloc.h>

#include "dataplane/l2vpn/ids.h"
#include "dataplane/l2vpn/internal.h"
#include "dataplane/l2vpn/l2vpn.h"
#include "dataplane/log.h"

struct l2vpn *l2vpn;

static int setup_uplinks(struct dp_port *ports)
{
	const struct l2vpn_conf *c = l2vpn->conf;

	for (unsigned i = 0; i < c->nuplinks; i++) {
		const struct uplink_conf *uc = &c->uplink[i];
		struct rt_uplink *u = &l2vpn->uplink[i];
		struct rt_port *p = &l2vpn->port[uc->port];
		struct rte_ether_addr mac;

		p->role = ROLE_UPLINK;
		p->id = ports[uc->port].id;
		p->idx = uc->port;
		p->owner = i;
		rte_eth_macaddr_get(p->id, &p->mac);
		memcpy(mac.addr_bytes, uc->mac, 6);
		u->conf = uc;
		u->port = uc->port;
		nd_init(&u->nd, &uc->addr, &uc->next_hop, &p->mac,
			uc->has_mac ? &mac : NULL);
	}
	return 0;
}

static int setup_vpls(struct dp_port *ports, unsigned i)
{
	const struct vpls_conf *vc = &l2vpn->conf->vpls[i];
	struct rt_vpls *v = &l2vpn->vpls[i];
	char name[RTE_HASH_NAMESIZE];

	snprintf(name, sizeof(name), "vpls%u", i);
	v->conf = vc;
	if (bridge_init(&v->br, name, vc->mac_table, vc->mac_aging, vc->mtu,
			ports[vc->ac[0]].socket) < 0) {
		dp_log(LOG_ERR, "vpls %s: cannot create its MAC table", vc->name);
		return -1;
	}
	for (unsigned a = 0; a < vc->nac; a++) {
		struct rt_port *p = &l2vpn->port[vc->ac[a]];
		unsigned k = l2vpn->nacs++;
		struct rt_ac *ac = &l2vpn->ac[k];

		p->role = ROLE_AC;
		p->id = ports[vc->ac[a]].id;
		p->idx = vc->ac[a];
		*ac = (struct rt_ac){ vc->ac[a], vc->ac_vlan[a], i,
				      bridge_add_port(&v->br, BRIDGE_AC) };
		p->ac_of_vlan[ac->vlan] = k + 1;
		v->to[ac->bport] = k;
	}
	return 0;
}

static void setup_pw(unsigned i)
{
	const struct pw_conf *pc = &l2vpn->conf->pw[i];
	struct rt_pw *pw = &l2vpn->pw[i];
	struct rt_vpls *v = &l2vpn->vpls[pc->vpls];
	const struct uplink_conf *uc = &l2vpn->conf->uplink[v->conf->uplink];

	pw->conf = pc;
	pw->vpls = pc->vpls;
	pw->uplink = v->conf->uplink;
	pw->bport = bridge_add_port(&v->br, BRIDGE_PW);
	v->to[pw->bport] = BPORT_PW(i);
	encap_init(&pw->data, &uc->addr, &pc->peer, &pc->tunnel, false);
	encap_init(&pw->ctl, &uc->addr, &pc->peer, &pc->tunnel, true);
	pw->cc = (struct cc_conf){ .heartbeat = pc->heartbeat,
				   .dead_factor = pc->dead_factor,
				   .mtu = v->conf->mtu, .vc_id = pc->vc_id };
	strlcpy(pw->cc.ifstr, pc->name, sizeof(pw->cc.ifstr));
	/* Without a control channel nothing can say it is down. */
	pw->st.up = !pc->heartbeat;
	pw->sh.up = pw->st.up;
	pw->sh.gen = 1;
}

/* The label objects: what we send and what we accept. */
static void labels(const struct tunnel *t, uint32_t *in, uint32_t *out)
{
	*in = t->type == TUNNEL_GRE ? t->key : t->local_session;
	*out = t->type == TUNNEL_GRE ? t->key : t->remote_session;
}

static int create_segments(const struct dp_config *cfg, struct dp_port *ports)
{
	const struct l2vpn_conf *c = l2vpn->conf;
	uint64_t now = shm_now_ns();
	struct shm_err err;

	for (unsigned i = 0; i < c->nvpls; i++) {
		const struct vpls_conf *vc = &c->vpls[i];
		if (vplsseg_create(&l2vpn->vpls[i].seg, cfg->shmem_dir, vc->name,
				   vc->descr, vc->mtu, &err) < 0)
			return dp_log(LOG_ERR, "vpls %s: segment: %s", vc->name, err.msg), -1;
		l2vpn->vpls[i].seg_ok = true;
	}
	for (unsigned i = 0; i < c->npws; i++) {
		const struct pw_conf *pc = &c->pw[i];
		const struct vpls_conf *vc = &c->vpls[pc->vpls];
		bool vpws = vc->nac == 1 && l2vpn->vpls[pc->vpls].br.nports == 2;
		struct pwseg_conf sc = {
			.name = pc->name, .descr = vc->descr, .vpls = vc->name,
			.ac_port = vpws ? ports[vc->ac[0]].conf->descr : "",
			.ac_vlan = vpws ? vc->ac_vlan[0] : 0,
			.peer = pc->peer, .vc_id = pc->vc_id, .mtu = vc->mtu,
			.no_perf_table = c->no_perf_table,
		};
		labels(&pc->tunnel, &sc.in_label, &sc.out_label);
		if (pwseg_create(&l2vpn->pw[i].seg, cfg->shmem_dir, &sc, now, &err) < 0)
			return dp_log(LOG_ERR, "pseudowire %s: segment: %s", pc->name, err.msg), -1;
		l2vpn->pw[i].seg_ok = true;
		pwseg_set_up(&l2vpn->pw[i].seg, l2vpn->pw[i].sh.up, now);
	}
	return 0;
}

static int write_ids(const char *vpls, const char *pw)
{
	const struct l2vpn_conf *c = l2vpn->conf;
	struct shm_err err;

	if (ids_write(vpls, c->vpls[0].name, sizeof(c->vpls[0]), c->nvpls, &err) < 0 ||
	    ids_write(pw, c->pw[0].name, sizeof(c->pw[0]), c->npws, &err) < 0)
		return dp_log(LOG_ERR, "%s", err.msg), -1;
	return 0;
}

static void publish_pw(struct rt_pw *pw, uint64_t now_ns)
{
	uint32_t gen = __atomic_load_n(&pw->sh.gen, __ATOMIC_ACQUIRE);
	struct pw_counters k;
	const uint64_t *src = (const uint64_t *)&pw->sh.ctr;
	uint64_t *dst = (uint64_t *)&k;

	for (size_t i = 0; i < sizeof(k) / sizeof(uint64_t); i++)
		dst[i] = __atomic_load_n(&src[i], __ATOMIC_RELAXED);
	pwseg_set_counters(&pw->seg, &k);
	if (gen == pw->seen_gen)
		return;
	pw->seen_gen = gen;
	if (pwseg_set_up(&pw->seg, pw->sh.up, now_ns))
		dp_log(LOG_INFO, "pseudowire %s: %s (%s)", pw->conf->name,
		       pw->sh.up ? "up" : "down", pw->st.why);
	pwseg_set_remote(&pw->seg, pw->sh.remote_mtu, pw->sh.remote_ifstr);
}

static void publish(struct rte_timer *t, void *arg)
{
	const struct l2vpn_conf *c = l2vpn->conf;
	unsigned up[L2VPN_VPLS_MAX] = { 0 };
	uint64_t now = shm_now_ns();

	(void)t, (void)arg;
	for (unsigned i = 0; i < c->npws; i++) {
		publish_pw(&l2vpn->pw[i], now);
		up[l2vpn->pw[i].vpls] += l2vpn->pw[i].seg.up;
	}
	for (unsigned i = 0; i < c->nvpls; i++)
		vplsseg_set_peers(&l2vpn->vpls[i].seg, up[i]);
}

static int start_timers(const struct dp_config *cfg)
{
	uint64_t hz = rte_get_tsc_hz();

	rte_timer_init(&l2vpn->tick);
	rte_timer_init(&l2vpn->publish);
	if (rte_timer_reset(&l2vpn->tick, hz, PERIODICAL, l2vpn->worker,
			    rt_tick, NULL) < 0)
		return dp_log(LOG_ERR, "l2vpn: cannot start the worker timer"), -1;
	if (cfg->publish_ms &&
	    rte_timer_reset(&l2vpn->publish, hz * cfg->publish_ms / 1000, PERIODICAL,
			    rte_get_main_lcore(), publish, NULL) < 0)
		return dp_log(LOG_ERR, "l2vpn: cannot start the publish timer"), -1;
	return 0;
}

int l2vpn_setup(const struct dp_config *cfg, struct dp_port *ports,
		unsigned worker)
{
	const struct l2vpn_conf *c = cfg->l2vpn;
	/* Resolved by l2vpn_conf_paths. */
	const char *vpls_ids = c ? c->vpls_ids : NULL, *pw_ids = c ? c->pw_ids : NULL;

	if (!c)
		return 0;
	l2vpn = rte_zmalloc("l2vpn", sizeof(*l2vpn), RTE_CACHE_LINE_SIZE);
	if (!l2vpn)
		return dp_log(LOG_ERR, "l2vpn: out of memory"), -1;
	l2vpn->conf = c;
	l2vpn->cfg = cfg;
	l2vpn->worker = worker;
	l2vpn->lcore = fwd_lcores[worker];
	l2vpn->pool = port_pool(ports[0].socket, 0);
	setup_uplinks(ports);
	for (unsigned i = 0; i < c->nvpls; i++)
		if (setup_vpls(ports, i) < 0)
			return -1;
	for (unsigned i = 0; i < c->npws; i++)
		setup_pw(i);
	/* A static next-hop MAC is known from the start. */
	for (unsigned i = 0; i < c->nuplinks; i++)
		rt_learned(&l2vpn->uplink[i]);
	for (unsigned i = 0; i < c->nvpls; i++)
		bridge_ready(&l2vpn->vpls[i].br);
	/* The previous run's segments go before this run's appear. */
	ids_remove_listed(vpls_ids, cfg->shmem_dir);
	ids_remove_listed(pw_ids, cfg->shmem_dir);
	if (create_segments(cfg, ports) < 0 || write_ids(vpls_ids, pw_ids) < 0)
		return -1;
	dp_log(LOG_INFO, "l2vpn: %u VPLS, %u pseudowires on %u uplinks; ids in %s, %s",
	       c->nvpls, c->npws, c->nuplinks, vpls_ids, pw_ids);
	return start_timers(cfg);
}

int l2vpn_republish(void)
{
	struct shm_err err;
	int n = 0;

	for (unsigned i = 0; l2vpn && i < l2vpn->conf->npws; i++, n++)
		if (shm_writer_republish(l2vpn->pw[i].seg.t.w, &err) < 0)
			return dp_log(LOG_ERR, "pseudowire %s: %s", l2vpn->conf->pw[i].name,
				      err.msg), -1;
	for (unsigned i = 0; l2vpn && i < l2vpn->conf->nvpls; i++, n++)
		if (shm_writer_republish(l2vpn->vpls[i].seg.t.w, &err) < 0)
			return dp_log(LOG_ERR, "vpls %s: %s", l2vpn->conf->vpls[i].name,
				      err.msg), -1;
	/* They may have lived in the directory too. */
	if (l2vpn && write_ids(l2vpn->conf->vpls_ids, l2vpn->conf->pw_ids) < 0)
		return -1;
	return n;
}

void l2vpn_teardown(bool unlink_files)
{
	if (!l2vpn)
		return;
	rte_timer_stop_sync(&l2vpn->tick);
	rte_timer_stop_sync(&l2vpn->publish);
	for (unsigned i = 0; i < DP_PORTS_MAX; i++) {
		struct rt_port *p = &l2vpn->port[i];
		rte_pktmbuf_free_bulk(p->tx.m, p->tx.n);
		p->tx.n = 0;
	}
	for (unsigned i = 0; i < l2vpn->conf->npws; i++)
		if (l2vpn->pw[i].seg_ok)
			pwseg_destroy(&l2vpn->pw[i].seg, unlink_files);
	for (unsigned i = 0; i < l2vpn->conf->nvpls; i++) {
		if (l2vpn->vpls[i].seg_ok)
			vplsseg_destroy(&l2vpn->vpls[i].seg, unlink_files);
		bridge_free(&l2vpn->vpls[i].br);
	}
	rte_free(l2vpn);
	l2vpn = NULL;
}
