/*
 * Reloading the L2VPN (l2vpn_reload(), see l2vpn.h).  The new state is
 * built on the main lcore while the worker forwards with the old one;
 * the worker adopts it at its quiescent point (lcall.h), between two
 * bursts, when no frame is held in a transmit buffer, and copies over
 * what must not restart: the counters, control-channel state and
 * heartbeat schedule of each pseudowire that stays as it was, and the
 * next hop an unchanged uplink resolved, and the MAC table of each VPLS
 * that keeps its name.  Only then does the main lcore move the segments
 * of unchanged objects into the new state, remove those of objects gone
 * or changed, create the new ones, rewrite the ids files (rename:
 * atomic; the old files go when their paths changed: the dataplane owns
 * them), and free the old state.
 *
 * A pseudowire goes on (counters, status) when its name, VPLS, peer,
 * tunnel, labels and VC ID are the same and its uplink has the same
 * address: heartbeat timers may change under it (turning the control
 * channel on or off starts its status again, as at start), and so may
 * its VPLS's description and MTU (the peer checks the MTU in the next
 * heartbeat); it keeps its segment when those did not change either.  A
 * VPLS keeps its segment when name, description and MTU are the same,
 * and its MAC table when its name is: entries of ACs and pseudowires
 * that stay go to their new bridge ports, those of ports removed go
 * (an operator changing a description expects no flood).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <rte_common.h>
#include <rte_cycles.h>
#include <rte_lcore.h>

#include "dataplane/l2vpn/internal.h"
#include "dataplane/l2vpn/l2vpn.h"
#include "dataplane/lcall.h"
#include "dataplane/log.h"

#define HANDOFF_TIMEOUT_MS 2000

static bool segconf_eq(const struct pwseg_conf *a, const struct pwseg_conf *b)
{
	return !strcmp(a->name, b->name) && !strcmp(a->descr, b->descr) &&
	       !strcmp(a->vpls, b->vpls) && !strcmp(a->ac_port, b->ac_port) &&
	       a->ac_vlan == b->ac_vlan && addr_eq(&a->peer, &b->peer) &&
	       a->vc_id == b->vc_id && a->mtu == b->mtu &&
	       a->in_label == b->in_label && a->out_label == b->out_label &&
	       a->psn_type == b->psn_type && a->cpw_psn_type == b->cpw_psn_type;
}

/* The same pseudowire on the wire: its state goes on. */
static bool pw_same(const struct l2vpn *s, unsigned i, const struct l2vpn *o,
		    unsigned j)
{
	const struct pw_conf *a = &s->conf->pw[i], *b = &o->conf->pw[j];
	const struct uplink_conf *ua = &s->conf->uplink[s->pw[i].uplink];
	const struct uplink_conf *ub = &o->conf->uplink[o->pw[j].uplink];

	return !strcmp(a->name, b->name) &&
	       !strcmp(s->conf->vpls[a->vpls].name, o->conf->vpls[b->vpls].name) &&
	       addr_eq(&a->peer, &b->peer) && a->vc_id == b->vc_id &&
	       !memcmp(&a->tunnel, &b->tunnel, sizeof(a->tunnel)) &&
	       addr_eq(&ua->addr, &ub->addr) && ua->port == ub->port;
}

/* ... whose segment stays as it is (no description, MTU or VPWS
 * attachment changed). */
static bool pwseg_same(const struct l2vpn *s, unsigned i, const struct l2vpn *o,
		       unsigned j, const struct dp_port *ports)
{
	struct pwseg_conf sa, sb;

	l2vpn_pw_segconf(s, i, ports, &sa);
	l2vpn_pw_segconf(o, j, ports, &sb);
	return segconf_eq(&sa, &sb);
}

static bool uplink_same(const struct uplink_conf *a, const struct uplink_conf *b)
{
	return !strcmp(a->name, b->name) && a->port == b->port &&
	       addr_eq(&a->addr, &b->addr) && addr_eq(&a->next_hop, &b->next_hop) &&
	       a->has_mac == b->has_mac && !memcmp(a->mac, b->mac, sizeof(a->mac));
}

static bool vpls_same(const struct vpls_conf *a, const struct vpls_conf *b)
{
	return !strcmp(a->name, b->name) && !strcmp(a->descr, b->descr) &&
	       a->mtu == b->mtu && a->fwd_high == b->fwd_high &&
	       a->fwd_low == b->fwd_low;
}

/* Bridge ports of O's VPLS J to those of S's VPLS I, by name. */
static void map_bports(struct l2vpn *s, unsigned i, const struct l2vpn *o,
		       unsigned j)
{
	struct rt_vpls *v = &s->vpls[i];
	const struct rt_vpls *ov = &o->vpls[j];
	char a[DP_NAME_MAX + 8], b[DP_NAME_MAX + 8];

	v->macs_from = j + 1;
	for (unsigned p = 0; p < ov->br.nports; p++) {
		const char *name = l2vpn_bport_name(o, ov, p, a, sizeof(a));

		v->bport_map[p] = -1;
		for (unsigned q = 0; q < v->br.nports; q++)
			if ((ov->to[p] < 0) == (v->to[q] < 0) &&
			    !strcmp(name, l2vpn_bport_name(s, v, q, b, sizeof(b))))
				v->bport_map[p] = q;
	}
}

/* Which objects of S are those of O. */
static void match(struct l2vpn *s, const struct l2vpn *o, const struct dp_port *ports)
{
	const struct l2vpn_conf *c = s->conf, *oc = o->conf;

	for (unsigned i = 0; i < c->npws; i++)
		for (unsigned j = 0; j < oc->npws; j++)
			if (pw_same(s, i, o, j)) {
				s->pw[i].carry = j + 1;
				s->pw[i].keep_seg = pwseg_same(s, i, o, j, ports);
			}
	for (unsigned i = 0; i < c->nuplinks; i++)
		for (unsigned j = 0; j < oc->nuplinks; j++)
			if (uplink_same(&c->uplink[i], &oc->uplink[j]))
				s->uplink[i].carry = j + 1;
	for (unsigned i = 0; i < c->nvpls; i++)
		for (unsigned j = 0; j < oc->nvpls; j++)
			if (vpls_same(&c->vpls[i], &oc->vpls[j]))
				s->vpls[i].carry = j + 1;
	for (unsigned i = 0; i < c->nvpls; i++)
		for (unsigned j = 0; j < oc->nvpls; j++)
			if (!strcmp(c->vpls[i].name, oc->vpls[j].name))
				map_bports(s, i, o, j);
}

static struct l2vpn *retired;
static uint64_t adopt_cycles;           /* the worker's pause, logged */

/* The state of OLD that PW (the same pseudowire) goes on with. */
static void carry_pw(struct rt_pw *pw, const struct rt_pw *old, uint64_t now)
{
	pw->sh = old->sh;
	if (!pw->cc.heartbeat == !old->cc.heartbeat) {
		pw->st = old->st;
		/* A shorter interval applies from now. */
		pw->next_heartbeat = RTE_MIN(old->next_heartbeat, now + pw->cc.heartbeat);
		return;
	}
	/* Without a control channel nothing can say it is down; with a
	 * new one, up once the peer is heard (l2vpn.c's setup_pw). */
	snprintf(pw->st.why, sizeof(pw->st.why), "heartbeat turned %s",
		 pw->cc.heartbeat ? "on" : "off");
	pw->sh.up = pw->st.up;
	pw->sh.gen++;
}

/* On the worker, between bursts. */
static void adopt(void *arg)
{
	struct l2vpn *s = arg, *o = l2vpn;
	uint64_t now = time(NULL), start = rte_get_tsc_cycles();

	for (unsigned i = 0; i < s->conf->npws; i++)
		if (s->pw[i].carry)
			carry_pw(&s->pw[i], &o->pw[s->pw[i].carry - 1], now);
	for (unsigned i = 0; i < s->conf->nvpls; i++) {
		struct rt_vpls *v = &s->vpls[i];

		if (v->macs_from)
			bridge_carry(&v->br, &o->vpls[v->macs_from - 1].br, v->bport_map);
	}
	for (unsigned i = 0; i < s->conf->nuplinks; i++)
		if (s->uplink[i].carry)
			s->uplink[i].nd = o->uplink[s->uplink[i].carry - 1].nd;
	s->lcore = o->lcore;
	s->next_poll = o->next_poll;
	l2vpn = s;
	for (unsigned i = 0; i < s->conf->nuplinks; i++)
		rt_learned(&s->uplink[i]);
	retired = o;
	adopt_cycles = rte_get_tsc_cycles() - start;
}

/* On the main lcore, after the hand-over: segments of what stays move
 * over, the rest of the old ones go. */
static void move_segments(struct l2vpn *s, struct l2vpn *o, unsigned *kept)
{
	for (unsigned i = 0; i < s->conf->npws; i++) {
		struct rt_pw *pw = &s->pw[i], *old;

		if (!pw->keep_seg || !(old = &o->pw[pw->carry - 1])->seg_ok)
			continue;
		pw->seg = old->seg;
		pw->seg_ok = true;
		pw->seen_gen = old->seen_gen;
		old->seg_ok = false;
		(*kept)++;
	}
	for (unsigned i = 0; i < s->conf->nvpls; i++) {
		struct rt_vpls *v = &s->vpls[i], *old;

		if (!v->carry || !(old = &o->vpls[v->carry - 1])->seg_ok)
			continue;
		v->seg = old->seg;
		v->seg_ok = true;
		old->seg_ok = false;
	}
	l2vpn_segments_destroy(o, true);
}

/* The ids files of O whose paths N does not use any more. */
static void remove_moved_ids(const struct l2vpn_conf *o, const struct l2vpn_conf *n)
{
	const char *old[] = { o->vpls_ids, o->pw_ids };

	for (unsigned i = 0; i < RTE_DIM(old); i++)
		if (strcmp(old[i], n->vpls_ids) && strcmp(old[i], n->pw_ids) &&
		    unlink(old[i]) == 0)
			dp_log(LOG_INFO, "l2vpn: %s removed (ids file moved)", old[i]);
}

int l2vpn_reload(const struct dp_config *cfg, struct dp_port *ports)
{
	struct l2vpn *s, *o = l2vpn;
	unsigned kept = 0, macs = 0;

	if (!o)
		return 0;
	s = l2vpn_state_new(cfg, ports, o->worker, o->gen + 1);
	if (!s)
		return -1;
	match(s, o, ports);
	if (lcall_run(o->worker, adopt, s, HANDOFF_TIMEOUT_MS) < 0) {
		dp_log(LOG_ERR, "l2vpn: the worker (lcore %u) did not take the new configuration",
		       o->worker);
		l2vpn_state_free(s);
		return -1;
	}
	for (unsigned i = 0; i < s->conf->nvpls; i++)
		macs += s->vpls[i].macs_from ? bridge_count(&s->vpls[i].br) : 0;
	move_segments(s, retired, &kept);
	l2vpn_segments_create(s, ports);
	if (l2vpn_ids_write(s) == 0)
		remove_moved_ids(retired->conf, s->conf);
	l2vpn_state_free(retired);
	retired = NULL;
	dp_log(LOG_INFO, "l2vpn: %u VPLS, %u pseudowires on %u uplinks (%u pseudowires unchanged, "
	       "%u MAC entries kept; the worker paused %" PRIu64 " us)",
	       s->conf->nvpls, s->conf->npws, s->conf->nuplinks, kept, macs,
	       adopt_cycles * 1000000 / rte_get_tsc_hz());
	return 0;
}
