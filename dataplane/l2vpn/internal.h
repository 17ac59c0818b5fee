/*
 * Run-time state of the L2VPN shared by its setup (l2vpn.c), packet
 * path (input.c) and worker timer (tick.c).  One instance a process.
 */
#ifndef SHMIB_L2VPN_INTERNAL_H
#define SHMIB_L2VPN_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include <rte_ether.h>
#include <rte_mbuf.h>
#include <rte_timer.h>

#include "dataplane/fwd.h"
#include "dataplane/l2vpn/bridge.h"
#include "dataplane/l2vpn/cc.h"
#include "dataplane/l2vpn/conf.h"
#include "dataplane/l2vpn/encap.h"
#include "dataplane/l2vpn/nd.h"
#include "dataplane/l2vpn/pwseg.h"
#include "dataplane/l2vpn/vplsseg.h"

#define TXBUF_MAX 64

enum role { ROLE_NONE, ROLE_UPLINK, ROLE_AC };

struct txbuf {
	uint16_t n;
	struct rte_mbuf *m[TXBUF_MAX];
	uint8_t kind[TXBUF_MAX];        /* 0 unicast, 1 multicast, 2 broadcast */
};

#define VLANS 4096

struct rt_port {
	enum role role;
	uint16_t id;                    /* ethdev */
	unsigned idx;                   /* config index: counters */
	unsigned owner;                 /* an uplink's index */
	struct rte_ether_addr mac;
	struct txbuf tx;
	uint16_t ac_of_vlan[VLANS];     /* AC index + 1; [0]: untagged */
};

/* An attachment circuit: a port, or one VLAN of it. */
struct rt_ac {
	unsigned port;
	uint16_t vlan;                  /* 0: untagged */
	unsigned vpls, bport;
};

/* Written by the worker only; read by the main lcore. */
struct pw_shared {
	struct pw_counters ctr;
	uint32_t gen;                   /* bumped after a status change */
	bool up;
	uint16_t remote_mtu;
	char remote_ifstr[CC_IFSTR_MAX + 1];
};

struct rt_pw {
	const struct pw_conf *conf;
	unsigned vpls, uplink, bport;
	struct encap data, ctl;
	struct cc_conf cc;
	struct cc_state st;
	uint64_t next_heartbeat;
	struct pw_shared sh;
	struct pwseg seg;               /* main lcore */
	uint32_t seen_gen;
	bool seg_ok;
	int carry;                      /* reload: 1 + the index of the same
					 * pseudowire in the state replaced */
	bool keep_seg;                  /* reload: and that one's segment */
};

struct rt_vpls {
	const struct vpls_conf *conf;
	struct bridge br;
	int to[BRIDGE_PORTS_MAX];       /* bridge port: AC index or ~pw */
	struct vplsseg seg;
	bool seg_ok;
	int carry;                      /* reload: keeps that one's segment */
	int macs_from;                  /* reload: 1 + the index of the VPLS
					 * of the same name, whose MAC table
					 * it takes over ... */
	int bport_map[BRIDGE_PORTS_MAX]; /* ... its bridge port P being our
					 * bport_map[P], -1: gone */
};

struct rt_uplink {
	const struct uplink_conf *conf;
	unsigned port;
	struct nd nd;
	int carry;                      /* reload: keeps that one's next hop */
};

struct l2vpn {
	const struct l2vpn_conf *conf;
	const struct dp_config *cfg;
	struct rte_mempool *pool;
	unsigned worker;
	struct rt_port port[DP_PORTS_MAX];
	struct rt_uplink uplink[L2VPN_UPLINKS_MAX];
	struct rt_vpls vpls[L2VPN_VPLS_MAX];
	struct rt_pw pw[L2VPN_PWS_MAX];
	unsigned nacs;
	struct rt_ac ac[L2VPN_VPLS_MAX * L2VPN_ACS_MAX];
	struct fwd_lcore *lcore;        /* the worker's counters */
	uint64_t next_poll;
	unsigned gen;                   /* reloads so far: names the MAC tables */
};

/* The state in force.  Replaced only on the worker, at its quiescent
 * point (reload.c), so the packet path reads it without a lock. */
extern struct l2vpn *l2vpn;

/* Its worker lcore, for other threads; -1 without an L2VPN or once
 * it stops. */
extern int l2vpn_worker;

/* l2vpn.c: a state built from CFG off the packet path (no segments),
 * its segments, its ids files. */
struct l2vpn *l2vpn_state_new(const struct dp_config *cfg, struct dp_port *ports,
			      unsigned worker, unsigned gen);
void l2vpn_state_free(struct l2vpn *s);
void l2vpn_pw_segconf(const struct l2vpn *s, unsigned i,
		      const struct dp_port *ports, struct pwseg_conf *sc);
int l2vpn_segments_create(struct l2vpn *s, const struct dp_port *ports);
void l2vpn_segments_destroy(struct l2vpn *s, bool unlink_files);
int l2vpn_ids_write(const struct l2vpn *s);

/* show.c: the AC ("PORT" or "PORT.VLAN") or pseudowire (its name) of
 * bridge port BPORT of V, a VPLS of S; BUF (DP_NAME_MAX + 8) may be
 * used. */
const char *l2vpn_bport_name(const struct l2vpn *s, const struct rt_vpls *v,
			     unsigned bport, char *buf, size_t len);

/* input.c */
void rt_send(struct rt_port *p, struct rte_mbuf *m);
void rt_flush(struct rt_port *p);
void rt_to_pw(struct rt_pw *pw, struct rte_mbuf *m, unsigned rx);

/* tick.c */
void rt_tick(struct rte_timer *t, void *arg);
void rt_learned(struct rt_uplink *u);

#define BPORT_PW(i) (~(int)(i))

#endif
