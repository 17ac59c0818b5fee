/*
 * Setting up and tearing down the L2VPN, and publishing its segments
 * from the main lcore; see l2vpn.h.
 */
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
int l2vpn_worker = -1;

static void setup_uplinks(struct l2vpn *s, struct dp_port *ports)
{
	const struct l2vpn_conf *c = s->conf;

	for (unsigned i = 0; i < c->nuplinks; i++) {
		const struct uplink_conf *uc = &c->uplink[i];
		struct rt_uplink *u = &s->uplink[i];
		struct rt_port *p = &s->port[uc->port];
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
}

static int setup_vpls(struct l2vpn *s, struct dp_port *ports, unsigned i)
{
	const struct vpls_conf *vc = &s->conf->vpls[i];
	struct rt_vpls *v = &s->vpls[i];
	char name[RTE_HASH_NAMESIZE];

	/* Unique across reloads: the old table lives until the swap. */
	snprintf(name, sizeof(name), "vpls%u.%u", i, s->gen);
	v->conf = vc;
	if (bridge_init(&v->br, name, vc->mac_table, vc->mac_aging, vc->mtu,
			ports[vc->ac[0]].socket) < 0) {
		dp_log(LOG_ERR, "vpls %s: cannot create its MAC table", vc->name);
		return -1;
	}
	for (unsigned a = 0; a < vc->nac; a++) {
		struct rt_port *p = &s->port[vc->ac[a]];
		unsigned k = s->nacs++;
		struct rt_ac *ac = &s->ac[k];

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

static void setup_pw(struct l2vpn *s, unsigned i)
{
	const struct pw_conf *pc = &s->conf->pw[i];
	struct rt_pw *pw = &s->pw[i];
	struct rt_vpls *v = &s->vpls[pc->vpls];
	const struct uplink_conf *uc = &s->conf->uplink[v->conf->uplink];

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

void l2vpn_state_free(struct l2vpn *s)
{
	if (!s)
		return;
	for (unsigned i = 0; i < s->conf->nvpls; i++)
		bridge_free(&s->vpls[i].br);
	rte_free(s);
}

struct l2vpn *l2vpn_state_new(const struct dp_config *cfg, struct dp_port *ports,
			      unsigned worker, unsigned gen)
{
	const struct l2vpn_conf *c = cfg->l2vpn;
	struct l2vpn *s = rte_zmalloc("l2vpn", sizeof(*s), RTE_CACHE_LINE_SIZE);

	if (!s)
		return dp_log(LOG_ERR, "l2vpn: out of memory"), NULL;
	s->conf = c;
	s->cfg = cfg;
	s->gen = gen;
	s->worker = worker;
	s->lcore = fwd_lcores[worker];
	s->pool = port_pool(ports[0].socket, 0);
	/* A port that is neither uplink nor AC any more (reload.h) still
	 * counts its discards as its own. */
	for (unsigned i = 0; i < cfg->nports; i++) {
		s->port[i].id = ports[i].id;
		s->port[i].idx = i;
	}
	setup_uplinks(s, ports);
	for (unsigned i = 0; i < c->nvpls; i++)
		if (setup_vpls(s, ports, i) < 0) {
			for (unsigned k = 0; k < i; k++)
				bridge_free(&s->vpls[k].br);
			rte_free(s);
			return NULL;
		}
	for (unsigned i = 0; i < c->npws; i++)
		setup_pw(s, i);
	for (unsigned i = 0; i < c->nvpls; i++)
		bridge_ready(&s->vpls[i].br);
	return s;
}

void l2vpn_pw_segconf(const struct l2vpn *s, unsigned i,
		      const struct dp_port *ports, struct pwseg_conf *sc)
{
	const struct pw_conf *pc = &s->conf->pw[i];
	const struct vpls_conf *vc = &s->conf->vpls[pc->vpls];
	const struct tunnel_ops *tun = pc->tunnel.ops;
	bool vpws = vc->nac == 1 && s->vpls[pc->vpls].br.nports == 2;

	*sc = (struct pwseg_conf){
		.name = pc->name, .descr = vc->descr, .vpls = vc->name,
		.ac_port = vpws ? ports[vc->ac[0]].conf->descr : "",
		.ac_vlan = vpws ? vc->ac_vlan[0] : 0,
		.peer = pc->peer, .vc_id = pc->vc_id, .mtu = vc->mtu,
		.psn_type = tun->pw_psn_type, .cpw_psn_type = tun->cpw_psn_type,
		.no_perf_table = s->conf->no_perf_table,
	};
	tun->labels(&pc->tunnel, &sc->in_label, &sc->out_label);
}

/* The segments the state does not have yet (a reload keeps those of
 * unchanged objects); every failure is logged, -1 if any. */
int l2vpn_segments_create(struct l2vpn *s, const struct dp_port *ports)
{
	const struct l2vpn_conf *c = s->conf;
	const char *dir = s->cfg->shmem_dir;
	uint64_t now = shm_now_ns();
	struct shmib_err err;
	int rc = 0;

	for (unsigned i = 0; i < c->nvpls; i++) {
		const struct vpls_conf *vc = &c->vpls[i];
		struct rt_vpls *v = &s->vpls[i];

		struct vplsseg_conf sc = {
			.name = vc->name, .descr = vc->descr, .mtu = vc->mtu,
			.fwd_high = vc->fwd_high, .fwd_low = vc->fwd_low,
		};
		uint32_t entries;

		if (v->seg_ok)
			continue;
		bridge_fill(&v->br, &entries, &sc.capacity);
		if (vplsseg_create(&v->seg, dir, &sc, &err) < 0)
			rc = -1, dp_log(LOG_ERR, "vpls %s: segment: %s", vc->name, err.msg);
		else
			v->seg_ok = true;
	}
	for (unsigned i = 0; i < c->npws; i++) {
		struct rt_pw *pw = &s->pw[i];
		struct pwseg_conf sc;

		if (pw->seg_ok)
			continue;
		l2vpn_pw_segconf(s, i, ports, &sc);
		if (pwseg_create(&pw->seg, dir, &sc, now, &err) < 0) {
			rc = -1, dp_log(LOG_ERR, "pseudowire %s: segment: %s", sc.name, err.msg);
			continue;
		}
		pw->seg_ok = true;
		pw->seen_gen = 0;       /* the next publish writes the status */
		pwseg_set_up(&pw->seg, pw->sh.up, now);
	}
	return rc;
}

void l2vpn_segments_destroy(struct l2vpn *s, bool unlink_files)
{
	for (unsigned i = 0; i < s->conf->npws; i++)
		if (s->pw[i].seg_ok)
			pwseg_destroy(&s->pw[i].seg, unlink_files);
	for (unsigned i = 0; i < s->conf->nvpls; i++)
		if (s->vpls[i].seg_ok)
			vplsseg_destroy(&s->vpls[i].seg, unlink_files);
}

int l2vpn_ids_write(const struct l2vpn *s)
{
	const struct l2vpn_conf *c = s->conf;
	const char *vpls = c->vpls_ids, *pw = c->pw_ids;     /* l2vpn_conf_paths */
	struct shmib_err err;

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

	if (!pw->seg_ok)
		return;
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

static void publish_vpls(struct rt_vpls *v, unsigned up)
{
	uint32_t entries, capacity;

	vplsseg_set_peers(&v->seg, up);
	bridge_fill(&v->br, &entries, &capacity);
	vplsseg_set_fill(&v->seg, entries, capacity);
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
		if (l2vpn->vpls[i].seg_ok)
			publish_vpls(&l2vpn->vpls[i], up[i]);
}

/* The timers belong to the process, not to a state: their callbacks
 * act on the state in force. */
static struct rte_timer tick, publish_timer;

int l2vpn_publish_every(unsigned ms)
{
	rte_timer_stop_sync(&publish_timer);
	if (ms && rte_timer_reset(&publish_timer, rte_get_tsc_hz() * ms / 1000,
				  PERIODICAL, rte_get_main_lcore(), publish, NULL) < 0)
		return dp_log(LOG_ERR, "l2vpn: cannot start the publish timer"), -1;
	return 0;
}

static int start_timers(const struct dp_config *cfg)
{
	rte_timer_init(&tick);
	rte_timer_init(&publish_timer);
	if (rte_timer_reset(&tick, rte_get_tsc_hz(), PERIODICAL, l2vpn->worker,
			    rt_tick, NULL) < 0)
		return dp_log(LOG_ERR, "l2vpn: cannot start the worker timer"), -1;
	return l2vpn_publish_every(cfg->publish_ms);
}

int l2vpn_setup(const struct dp_config *cfg, struct dp_port *ports,
		unsigned worker)
{
	const struct l2vpn_conf *c = cfg->l2vpn;
	/* Resolved by l2vpn_conf_paths. */
	const char *vpls_ids = c ? c->vpls_ids : NULL, *pw_ids = c ? c->pw_ids : NULL;

	if (!c)
		return 0;
	l2vpn = l2vpn_state_new(cfg, ports, worker, 0);
	if (!l2vpn)
		return -1;
	/* A static next-hop MAC is known from the start. */
	for (unsigned i = 0; i < c->nuplinks; i++)
		rt_learned(&l2vpn->uplink[i]);
	/* The previous run's segments go before this run's appear. */
	ids_remove_listed(vpls_ids, cfg->shmem_dir);
	ids_remove_listed(pw_ids, cfg->shmem_dir);
	if (l2vpn_segments_create(l2vpn, ports) < 0 || l2vpn_ids_write(l2vpn) < 0)
		return -1;
	dp_log(LOG_INFO, "l2vpn: %u VPLS, %u pseudowires on %u uplinks; ids in %s, %s",
	       c->nvpls, c->npws, c->nuplinks, vpls_ids, pw_ids);
	__atomic_store_n(&l2vpn_worker, (int)worker, __ATOMIC_RELEASE);
	return start_timers(cfg);
}

int l2vpn_republish(void)
{
	struct shmib_err err;
	int n = 0;

	for (unsigned i = 0; l2vpn && i < l2vpn->conf->npws; i++, n++)
		if (l2vpn->pw[i].seg_ok && shm_writer_republish(l2vpn->pw[i].seg.t.w, &err) < 0)
			return dp_log(LOG_ERR, "pseudowire %s: %s", l2vpn->conf->pw[i].name,
				      err.msg), -1;
	for (unsigned i = 0; l2vpn && i < l2vpn->conf->nvpls; i++, n++)
		if (l2vpn->vpls[i].seg_ok && shm_writer_republish(l2vpn->vpls[i].seg.t.w, &err) < 0)
			return dp_log(LOG_ERR, "vpls %s: %s", l2vpn->conf->vpls[i].name,
				      err.msg), -1;
	/* They may have lived in the directory too. */
	if (l2vpn && l2vpn_ids_write(l2vpn) < 0)
		return -1;
	return n;
}

void l2vpn_teardown(bool unlink_files)
{
	if (!l2vpn)
		return;
	__atomic_store_n(&l2vpn_worker, -1, __ATOMIC_RELEASE);
	rte_timer_stop_sync(&tick);
	rte_timer_stop_sync(&publish_timer);
	for (unsigned i = 0; i < DP_PORTS_MAX; i++) {
		struct rt_port *p = &l2vpn->port[i];
		rte_pktmbuf_free_bulk(p->tx.m, p->tx.n);
		p->tx.n = 0;
	}
	l2vpn_segments_destroy(l2vpn, unlink_files);
	l2vpn_state_free(l2vpn);
	l2vpn = NULL;
}
