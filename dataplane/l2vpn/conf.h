/*
 * The L2VPN sections of the dataplane's configuration file (INI, the
 * same file as the ports; config.c hands these sections over):
 *
 *   [l2vpn]                         optional, at most once
 *   vpls_ids = /path/vpls-ids       segment lists for the pseudowire
 *   pseudowire_ids = /path/pw-ids   subagent; default: next to the
 *                                   shm directory (DIR.vpls-ids, ...)
 *   pw_perf_table = yes | no        no: pseudowire segments leave out
 *                                   cpwVcPerfTotalTable, which Snabb's
 *                                   Perl agent cannot serve (default yes)
 *
 *   [uplink NAME]                   the L3 side of the pseudowires
 *   port = PORT                     a [port] (not cross-connected)
 *   address = 2001:db8::1           IPv6 or IPv4 of this end
 *   next_hop = 2001:db8::fe         resolved by ND / ARP ...
 *   next_hop_mac = 02:00:00:00:00:01  ... unless given here
 *
 *   [vpls NAME]                     a bridge; NAME names its segment
 *   description = text              vplsConfigDescr, pwDescr
 *   mtu = 1500                      payload bytes (no Ethernet header)
 *   uplink = NAME                   an [uplink]
 *   ac = PORT[.VLAN][, ...]         attachment circuits: [port]s (not
 *                                   cross-connected, not uplinks), whole
 *                                   or one 802.1Q VLAN (1..4094) of a
 *                                   trunk; each PORT.VLAN in one VPLS
 *   mac_table = 4096                MAC table size (16..1048576)
 *   mac_aging = 300                 seconds (1..86400)
 *   fwd_full_high = 95              MAC table fill, percent, at which
 *   fwd_full_low = 90               vplsFwdFullAlarmRaised is sent, and
 *                                   ...Cleared after it (high 1..100,
 *                                   low 0..99, low below high)
 *
 *   [pseudowire NAME]               NAME names its segment
 *   vpls = NAME                     required
 *   vc_id = 1                       required, 1..4294967295
 *   peer = 2001:db8::2              required, the uplink's family
 *   tunnel = gre | l2tpv3           required: a type of tunnel.h, with
 *                                   the keys its file says (tunnels/):
 *   key = 0x12345678                gre: optional (none: no key field)
 *   local_session = 0x11111111      l2tpv3: what we accept
 *   remote_session = 0x22222222     l2tpv3: what we send
 *   local_cookie = 0x0011223344556677   l2tpv3: required, 64 bits
 *   remote_cookie = 0x8899aabbccddeeff
 *   heartbeat = 10                  control channel, seconds (0: off)
 *   dead_factor = 3                 heartbeats missed before down
 *
 * A key of another tunnel type than the pseudowire's is refused.
 * A VPLS with one AC and one pseudowire is a VPWS (no MAC learning).
 * Every error names file, line, section and key.  No DPDK types here.
 */
#ifndef SHMIB_L2VPN_CONF_H
#define SHMIB_L2VPN_CONF_H

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>

#include "dataplane/config.h"
#include "dataplane/cfglines.h"
#include "dataplane/l2vpn/addr.h"
#include "dataplane/l2vpn/tunnel.h"

#define L2VPN_UPLINKS_MAX 8
#define L2VPN_VPLS_MAX    32
#define L2VPN_PWS_MAX     64
#define L2VPN_ACS_MAX     16            /* per VPLS */

struct uplink_conf {
	char name[DP_NAME_MAX];
	char port_name[DP_NAME_MAX];
	int port;                       /* index in dp_config.port */
	struct addr addr, next_hop;
	bool has_mac;
	uint8_t mac[6];
	unsigned line;
};

struct vpls_conf {
	char name[DP_NAME_MAX];
	char descr[DP_VALUE_MAX];
	uint16_t mtu;
	char uplink_name[DP_NAME_MAX];
	int uplink;
	char ac_names[DP_VALUE_MAX];
	unsigned nac;
	int ac[L2VPN_ACS_MAX];          /* port indexes */
	uint16_t ac_vlan[L2VPN_ACS_MAX];        /* 802.1Q VLAN ID, 0: untagged */
	uint32_t mac_table, mac_aging;
	uint32_t fwd_high, fwd_low;     /* percent */
	unsigned line;
};

struct pw_conf {
	char name[DP_NAME_MAX];
	char vpls_name[DP_NAME_MAX];
	int vpls;
	uint32_t vc_id;
	struct addr peer;
	struct tunnel tunnel;
	uint16_t heartbeat, dead_factor;
	unsigned line;
};

struct l2vpn_conf {
	char vpls_ids[PATH_MAX];
	char pw_ids[PATH_MAX];
	bool seen_global;
	bool no_perf_table;             /* pw_perf_table = no */
	unsigned line;                  /* of [l2vpn], 0 if none */
	unsigned nuplinks, nvpls, npws;
	struct uplink_conf uplink[L2VPN_UPLINKS_MAX];
	struct vpls_conf vpls[L2VPN_VPLS_MAX];
	struct pw_conf pw[L2VPN_PWS_MAX];
};

/* Whether SECTION ("vpls x", "l2vpn", ...) is one of ours. */
bool l2vpn_conf_claims(const char *section);

/* Parses section S (of the rte_cfgfile CFG) into *C (allocated on
 * first use).  -1 with ERR on error. */
struct rte_cfgfile;
int l2vpn_conf_section(struct l2vpn_conf **c, const char *file,
		       struct rte_cfgfile *cfg, unsigned s,
		       const struct cfglines *lines, struct shmib_err *err);

/* Resolves names against the ports of DP; marks the ports used. */
int l2vpn_conf_check(struct l2vpn_conf *c, struct dp_config *dp, struct shmib_err *err);

/* Once DP's shm directory is final (--shmem-dir): sets the ids files'
 * paths (default: vpls-ids and pseudowire-ids next to the directory,
 * where the pseudowire subagent's defaults look) and checks that they
 * are two files that can be written, creating nothing. */
int l2vpn_conf_paths(struct l2vpn_conf *c, const struct dp_config *dp, struct shmib_err *err);

#endif
