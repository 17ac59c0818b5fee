/*
 * The segment of one pseudowire, named after it: every object Snabb's
 * l2vpn writes for PW-STD-MIB (pwTable), CISCO-IETF-PW-MIB
 * (cpwVcTable, cpwVcPerfTotalTable), PW-ENET-STD-MIB (pwEnetTable, one
 * row: pwEnetPwInstance 1, raw mode VLAN 4095), CISCO-IETF-PW-ENET-MIB
 * (cpwVcEnetTable, one row: cpwVcEnetPwVlan 4097) and the PwBind rows of
 * VPLS-GENERIC-MIB / CISCO-IETF-VPLS-GENERIC-MIB, with the auxiliaries
 * of the times (creation, up, last change, counters' start; in seconds
 * and, shmib's, in nanoseconds), the ifDescr of the AC port (VPWS;
 * empty for a VPLS) and the name of its VPLS: the pseudowire profile
 * of mibs/profiles.txt.
 *
 * Kept current by the dataplane: oper status (from the control
 * channel), remote MTU and interface string, error packets, and the
 * per-pseudowire totals (cpwVcPerfTotalIn/OutHCPackets/Bytes).
 *
 * NO_PERF_TABLE leaves out the columns of cpwVcPerfTotalTable and the
 * auxiliary of its discontinuity time: Snabb's Perl pseudowire agent
 * registers them as scalars and dies at the first GET there.
 */
#ifndef SHMIB_L2VPN_PWSEG_H
#define SHMIB_L2VPN_PWSEG_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "dataplane/l2vpn/addr.h"
#include "shm/profile.h"

#define PWSEG_MODE 0640

struct pwseg_conf {
	const char *name;
	const char *descr;              /* the VPLS description */
	const char *vpls;
	const char *ac_port;            /* ifDescr of the AC, "" for a VPLS */
	uint16_t ac_vlan;               /* the AC's 802.1Q VLAN, 0: whole port */
	struct addr peer;
	uint32_t vc_id;
	uint16_t mtu;
	uint32_t in_label, out_label;   /* key / session IDs */
	uint8_t psn_type, cpw_psn_type; /* pwPsnType, cpwVcPsnType */
	bool no_perf_table;             /* leave out cpwVcPerfTotalTable */
};

struct pw_counters {
	uint64_t in_packets, in_bytes, out_packets, out_bytes, errors;
};

struct pwseg {
	struct shm_pseg t;
	bool up;
};

int pwseg_create(struct pwseg *s, const char *dir,
		 const struct pwseg_conf *c, uint64_t now_ns, struct shmib_err *err);

/* Oper status; returns true when it changed.  NOW_NS: shm_now_ns(). */
bool pwseg_set_up(struct pwseg *s, bool up, uint64_t now_ns);

void pwseg_set_remote(struct pwseg *s, uint16_t mtu, const char *ifstr);

void pwseg_set_counters(struct pwseg *s, const struct pw_counters *c);

void pwseg_destroy(struct pwseg *s, bool unlink_files);

#endif
