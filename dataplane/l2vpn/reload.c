/*
 * Reloading the L2VPN (l2vpn_reload(), see l2vpn.h).  The new state is
 * built on the main lcore while the worker forwards with the old one;
 * the worker adopts it at its quiescent point (lcall.h), between two
 * bursts, when no frame is held in a transmit buffer, and copies over
 * what must not restart: the counters, control-channel state and
 * heartbeat schedule of each pseudowire that stays as it was, and the
 * next hop an unchanged uplink resolved.  Only then does the main lcore
 * move the segments of unchanged objects into the new state, remove
 * those of objects gone or changed, create the new ones and rewrite the
 * ids files (rename: atomic), and free the old state.
 *
 * A pseudowire stays as it was when its name, VPLS, peer, tunnel,
 * labels, VC ID, MTU and attachment are the same and its uplink has
 * the same address: heartbeat timers may change under it.  A VPLS keeps
 * its segment when name, description and MTU are the same.  MAC tables
 * start empty (frames are flooded until learned again).
 */
#include <string.h>

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
	       a->in_label == b->in_label && a->out_label == b->out_label;
}

static bool pw_same(const struct l2vpn *s, unsigned i, const struct l2vpn *o,
		    unsigned j, const struct dp_port *ports)
{
	const struct pw_conf *a = &s->conf->pw[i], *b = &o->conf->pw[j];
	struct pwseg_conf sa, sb;

	l2vpn_pw_segconf(s, i, ports, &sa);
	l2vpn_pw_segconf(o, j, ports, &sb);
	return segconf_eq(&sa, &sb) &&
	       !memcmp(&a->tunnel, &b->tunnel, sizeof(a->tunnel)) &&
	       addr_eq(&s->conf->uplink[s->pw[i].uplink].addr,
		       &o->conf->uplink[o->pw[j].uplink].addr) &&
	       s->conf->uplink[s->pw[i].uplink].port == o->conf->uplink[o->pw[j].uplink].port;
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

/* Which objects of S are those of O. */
static void match(struct l2vpn *s, const struct l2vpn *o, const struct dp_port *ports)
{
	const struct l2vpn_conf *c = s->conf, *oc = o->conf;

	for (unsigned i = 0; i < c->npws; i++)
		for (unsigned j = 0; j < oc->npws; j++)
			if (!strcmp(c->pw[i].name, oc->pw[j].name) &&
			    pw_same(s, i, o, j, ports))
				s->pw[i].carry = j + 1;
	for (unsigned i = 0; i < c->nuplinks; i++)
		for (unsigned j = 0; j < oc->nuplinks; j++)
			if (uplink_same(&c->uplink[i], &oc->uplink[j]))
				s->uplink[i].carry = j + 1;
	for (unsigned i = 0; i < c->nvpls; i++)
		for (unsigned j = 0; j < oc->nvpls; j++)
			if (vpls_same(&c->vpls[i], &oc->vpls[j]))
				s->vpls[i].carry = j + 1;
}

static struct l2vpn *retired;

/* On the worker, between bursts. */
static void adopt(void *arg)
{
	struct l2vpn *s = arg, *o = l2vpn;

	for (unsigned i = 0; i < s->conf->npws; i++) {
		struct rt_pw *pw = &s->pw[i];
		const struct rt_pw *old = pw->carry ? &o->pw[pw->carry - 1] : NULL;

		if (!old)
			continue;
		pw->sh = old->sh;
		pw->st = old->st;
		pw->next_heartbeat = old->next_heartbeat;
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
}

/* On the main lcore, after the hand-over: segments of what stays move
 * over, the rest of the old ones go. */
static void move_segments(struct l2vpn *s, struct l2vpn *o, unsigned *kept)
{
	for (unsigned i = 0; i < s->conf->npws; i++) {
		struct rt_pw *pw = &s->pw[i], *old;

		if (!pw->carry || !(old = &o->pw[pw->carry - 1])->seg_ok)
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

int l2vpn_reload(const struct dp_config *cfg, struct dp_port *ports)
{
	struct l2vpn *s, *o = l2vpn;
	unsigned kept = 0;

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
	move_segments(s, retired, &kept);
	l2vpn_segments_create(s, ports);
	l2vpn_ids_write(s);
	l2vpn_state_free(retired);
	retired = NULL;
	dp_log(LOG_INFO, "l2vpn: %u VPLS, %u pseudowires on %u uplinks (%u pseudowires unchanged)",
	       s->conf->nvpls, s->conf->npws, s->conf->nuplinks, kept);
	return 0;
}
