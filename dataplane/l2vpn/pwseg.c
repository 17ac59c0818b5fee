/*
 * Pseudowire segments; objects in pwseg.h.  The values of the constant
 * objects are Snabb's, with the reason where it is not obvious.
 */
#include <string.h>

#include "dataplane/l2vpn/pwseg.h"

enum {
	K_NONE, K_PEER_TYPE, K_PEER_ADDR, K_VC_ID, K_MTU, K_REMOTE_MTU,
	K_REMOTE_IFSTR, K_IN_LABEL, K_OUT_LABEL, K_NAME, K_DESCR, K_CREATED,
	K_UP_BASE, K_UP_TIME, K_LAST_CHANGE, K_OPER, K_INBOUND, K_REMOTE_STATUS,
	K_ERRORS, K_IN_PKTS, K_IN_BYTES, K_OUT_PKTS, K_OUT_BYTES, K_PORT,
	K_VPLS, K_PW_VLAN, K_VLAN_MODE, K_PORT_VLAN, K_CPW_VLAN, K_CPW_PORT_VLAN,
	K_CREATED_NS, K_LAST_CHANGE_NS, K_PSN_TYPE, K_CPW_PSN_TYPE,
	K_COUNT
};

#define BIT(n)  (0x80 >> (n))
#define RAW_VLAN 4095           /* PW-ENET: all frames, untouched */
#define UNTAGGED 0              /* PW-ENET: frames without a VLAN field */
#define CISCO_RAW_VLAN 4097
#define CISCO_UNTAGGED 4096
#define PERF 1                  /* row group: cpwVcPerfTotalTable */
#define PORT_BASED 1            /* pwEnetVlanMode, cpwVcEnetVlanMode */
#define REMOVE_VLAN 5

static const struct segtab_row rows[] = {
	/* PW-STD-MIB */
	{ "pwType",               I32, 0, 0, 5 },       /* ethernet */
	{ "pwOwner",              I32, 0, 0, 1 },       /* manual */
	{ "pwPsnType",            I32, 0, K_PSN_TYPE },
	{ "pwSetUpPriority",      I32, 0, 0, 0 },
	{ "pwHoldingPriority",    I32, 0, 0, 0 },
	{ "pwPeerAddrType",       I32, 0, K_PEER_TYPE },
	{ "pwPeerAddr",           STR, 0, K_PEER_ADDR },
	{ "pwAttachedPwIndex",    U32, 0, 0, 0 },
	{ "pwIfIndex",            I32, 0, 0, 0 },
	{ "pwID",                 U32, 0, K_VC_ID },
	{ "pwLocalGroupID",       U32, 0, 0, 0 },
	{ "pwGroupAttachmentID",  STR, 0, 0, 0 },
	{ "pwLocalAttachmentID",  STR, 0, 0, 0 },
	{ "pwRemoteAttachmentID", STR, 0, 0, 0 },
	{ "pwCwPreference",       I32, 0, 0, FALSE },
	{ "pwLocalIfMtu",         U32, 0, K_MTU },
	{ "pwLocalIfString",      I32, 0, 0, TRUE },
	/* pwVCCV: the control channel does connection verification */
	{ "pwLocalCapabAdvert",   BITS, 0, 0, BIT(1) },
	{ "pwRemoteGroupID",      U32, 0, 0, 0 },
	{ "pwCwStatus",           I32, 0, 0, 6 },       /* cwNotPresent */
	{ "pwRemoteIfMtu",        U32, 0, K_REMOTE_MTU },
	{ "pwRemoteIfString",     STR, 80, K_REMOTE_IFSTR },
	{ "pwRemoteCapabilities", BITS, 0, 0, BIT(1) },
	{ "pwFragmentCfgSize",    U32, 0, 0, 0 },
	{ "pwRmtFragCapability",  BITS, 0, 0, BIT(0) }, /* noFrag */
	{ "pwFcsRetentionCfg",    I32, 0, 0, 1 },       /* disable */
	{ "pwFcsRetentionStatus", BITS, 0, 0, BIT(3) }, /* disabled */
	{ "pwOutboundLabel",      U32, 0, K_OUT_LABEL },
	{ "pwInboundLabel",       U32, 0, K_IN_LABEL },
	{ "pwName",               STR, 0, K_NAME },
	{ "pwDescr",              STR, 0, K_DESCR },
	{ "pwCreateTime",         TT,  0, 0, 0 },
	{ "_X_pwCreateTime_TimeAbs", C64, 0, K_CREATED },
	{ "_X_pwCreateTime" SHM_AUX_TIMEABS_NS, C64, 0, K_CREATED_NS },
	{ "pwUpTime",             TT,  0, K_UP_TIME },
	{ "_X_pwUpTime_TicksBase", C64, 0, K_UP_BASE },
	{ "pwLastChange",         TT,  0, 0, 0 },
	{ "_X_pwLastChange_TicksBase", C64, 0, K_LAST_CHANGE },
	{ "_X_pwLastChange" SHM_AUX_TIMEABS_NS, C64, 0, K_LAST_CHANGE_NS },
	{ "pwAdminStatus",        I32, 0, 0, UP },
	{ "pwOperStatus",         I32, 0, K_OPER },
	{ "pwLocalStatus",        BITS, 0, 0, 0 },      /* no faults */
	{ "pwRemoteStatusCapable", I32, 0, 0, 3 },      /* remoteCapable */
	{ "pwRemoteStatus",       BITS, 0, K_REMOTE_STATUS },
	{ "pwRowStatus",          I32, 0, 0, ACTIVE },
	{ "pwStorageType",        I32, 0, 0, VOLATILE },
	{ "pwOamEnable",          I32, 0, 0, FALSE },
	{ "pwGenAGIType",         U32, 0, 0, 0 },
	{ "pwGenLocalAIIType",    U32, 0, 0, 0 },
	{ "pwGenRemoteAIIType",   U32, 0, 0, 0 },
	/* a scalar: the subagent serves the sum over pseudowires */
	{ "pwPerfTotalErrorPackets", C32, 0, K_ERRORS },
	/* CISCO-IETF-PW-MIB */
	{ "cpwVcType",            I32, 0, 0, 5 },
	{ "cpwVcOwner",           I32, 0, 0, 1 },
	{ "cpwVcPsnType",         I32, 0, K_CPW_PSN_TYPE },
	{ "cpwVcSetUpPriority",   I32, 0, 0, 0 },
	{ "cpwVcHoldingPriority", I32, 0, 0, 0 },
	{ "cpwVcInboundMode",     I32, 0, 0, 2 },       /* strict */
	{ "cpwVcPeerAddrType",    I32, 0, K_PEER_TYPE },
	{ "cpwVcPeerAddr",        STR, 0, K_PEER_ADDR },
	{ "cpwVcID",              U32, 0, K_VC_ID },
	{ "cpwVcLocalGroupID",    U32, 0, 0, 0 },
	{ "cpwVcControlWord",     I32, 0, 0, FALSE },
	{ "cpwVcLocalIfMtu",      U32, 0, K_MTU },
	{ "cpwVcLocalIfString",   I32, 0, 0, TRUE },
	{ "cpwVcRemoteGroupID",   U32, 0, 0, 0 },
	{ "cpwVcRemoteControlWord", I32, 0, 0, 1 },     /* noControlWord */
	{ "cpwVcRemoteIfMtu",     U32, 0, K_REMOTE_MTU },
	{ "cpwVcRemoteIfString",  STR, 80, K_REMOTE_IFSTR },
	{ "cpwVcOutboundVcLabel", U32, 0, K_OUT_LABEL },
	{ "cpwVcInboundVcLabel",  U32, 0, K_IN_LABEL },
	{ "cpwVcName",            STR, 0, K_NAME },
	{ "cpwVcDescr",           STR, 0, K_DESCR },
	{ "cpwVcCreateTime",      TT,  0, 0, 0 },
	{ "_X_cpwVcCreateTime_TimeAbs", C64, 0, K_CREATED },
	{ "_X_cpwVcCreateTime" SHM_AUX_TIMEABS_NS, C64, 0, K_CREATED_NS },
	{ "cpwVcUpTime",          TT,  0, K_UP_TIME },
	{ "_X_cpwVcUpTime_TicksBase", C64, 0, K_UP_BASE },
	{ "cpwVcAdminStatus",     I32, 0, 0, UP },
	{ "cpwVcOperStatus",      I32, 0, K_OPER },
	{ "cpwVcInboundOperStatus", I32, 0, K_INBOUND },
	{ "cpwVcOutboundOperStatus", I32, 0, 0, UP },   /* we always send */
	{ "cpwVcRowStatus",       I32, 0, 0, ACTIVE },
	{ "cpwVcStorageType",     I32, 0, 0, VOLATILE },
	{ "cpwVcPerfTotalErrorPackets", C64, 0, K_ERRORS },
	{ "cpwVcPerfTotalInHCPackets",  C64, 0, K_IN_PKTS, 0, PERF },
	{ "cpwVcPerfTotalInHCBytes",    C64, 0, K_IN_BYTES, 0, PERF },
	{ "cpwVcPerfTotalOutHCPackets", C64, 0, K_OUT_PKTS, 0, PERF },
	{ "cpwVcPerfTotalOutHCBytes",   C64, 0, K_OUT_BYTES, 0, PERF },
	{ "cpwVcPerfTotalDiscontinuityTime", TT, 0, 0, 0, PERF },
	{ "_X_cpwVcPerfTotalDiscontinuityTime_TimeAbs", C64, 0, K_CREATED, 0, PERF },
	{ "_X_cpwVcPerfTotalDiscontinuityTime" SHM_AUX_TIMEABS_NS, C64, 0, K_CREATED_NS, 0, PERF },
	/* PW-ENET-STD-MIB; pwEnetPwInstance is the row's second index */
	{ "pwEnetPwInstance",     U32, 0, 0, 1 },
	{ "pwEnetPwVlan",         I32, 0, K_PW_VLAN },
	{ "pwEnetVlanMode",       I32, 0, K_VLAN_MODE },
	{ "pwEnetPortVlan",       I32, 0, K_PORT_VLAN },
	{ "pwEnetPortIfIndex",    I32, 0, 0, 0 },
	{ "_X_pwEnetPortIfIndex", STR, 0, K_PORT },
	{ "pwEnetPwIfIndex",      I32, 0, 0, 0 },       /* no ifIndex of its own */
	{ "pwEnetRowStatus",      I32, 0, 0, ACTIVE },
	{ "pwEnetStorageType",    I32, 0, 0, VOLATILE },
	/* CISCO-IETF-PW-ENET-MIB; cpwVcEnetPwVlan is the second index */
	{ "cpwVcEnetPwVlan",      I32, 0, K_CPW_VLAN },
	{ "cpwVcEnetVlanMode",    I32, 0, K_VLAN_MODE },
	{ "cpwVcEnetPortVlan",    I32, 0, K_CPW_PORT_VLAN },
	{ "cpwVcEnetPortIfIndex", I32, 0, 0, 0 },
	{ "_X_cpwVcEnetPortIfIndex", STR, 0, K_PORT },
	{ "cpwVcEnetVcIfIndex",   I32, 0, 0, 0 },
	{ "cpwVcEnetRowStatus",   I32, 0, 0, ACTIVE },
	{ "cpwVcEnetStorageType", I32, 0, 0, VOLATILE },
	/* PwBind rows: manual, mesh (split horizon among pseudowires) */
	{ "_X_vplsName",          STR, 0, K_VPLS },
	{ "vplsPwBindConfigType", I32, 0, 0, 1 },
	{ "vplsPwBindType",       I32, 0, 0, 1 },
	{ "vplsPwBindRowStatus",  I32, 0, 0, ACTIVE },
	{ "vplsPwBindStorageType", I32, 0, 0, VOLATILE },
	{ "cvplsPwBindConfigType", I32, 0, 0, 1 },
	{ "cvplsPwBindType",      I32, 0, 0, 1 },
	{ "cvplsPwBindRowStatus", I32, 0, 0, ACTIVE },
	{ "cvplsPwBindStorageType", I32, 0, 0, VOLATILE },
};

#define PEER_IPV4 1
#define PEER_IPV6 2
static const uint8_t not_forwarding = BIT(0);  /* pwRemoteStatus */

/* The VLAN objects of both ENET MIBs.  A whole port: Snabb's raw mode
 * (portBased, "not applicable" VLANs).  A VLAN on a trunk port: the
 * tag is the service delimiter and comes off into the pseudowire
 * (removeVlan): the port's VLAN is the AC's, the pseudowire's is
 * "untagged" (0 in PW-ENET-STD-MIB, 4096 in the Cisco MIB). */
static void enet_vlans(struct segtab_val *v, uint16_t vlan)
{
	v[K_VLAN_MODE].num = vlan ? REMOVE_VLAN : PORT_BASED;
	v[K_PW_VLAN].num = vlan ? UNTAGGED : RAW_VLAN;
	v[K_PORT_VLAN].num = vlan ? vlan : RAW_VLAN;
	v[K_CPW_VLAN].num = vlan ? CISCO_UNTAGGED : CISCO_RAW_VLAN;
	v[K_CPW_PORT_VLAN].num = vlan ? vlan : CISCO_RAW_VLAN;
}

static struct segtab_val str(const char *s)
{
	return (struct segtab_val){ .str = s, .len = strlen(s) };
}

int pwseg_create(struct pwseg *s, const char *dir,
		 const struct pwseg_conf *c, uint64_t now_ns, struct shmib_err *err)
{
	uint64_t now = now_ns / SHM_NS_PER_SEC;
	struct segtab_val v[K_COUNT] = {
		[K_PEER_TYPE] = { c->peer.af == AF_INET6 ? PEER_IPV6 : PEER_IPV4 },
		[K_PEER_ADDR] = { .str = c->peer.a, .len = addr_len(&c->peer) },
		[K_VC_ID] = { c->vc_id },
		[K_MTU] = { c->mtu },
		[K_REMOTE_IFSTR] = { .str = "", .len = 0 },
		[K_PSN_TYPE] = { c->psn_type },
		[K_CPW_PSN_TYPE] = { c->cpw_psn_type },
		[K_IN_LABEL] = { c->in_label },
		[K_OUT_LABEL] = { c->out_label },
		[K_NAME] = str(c->name),
		[K_DESCR] = str(c->descr),
		[K_CREATED] = { now },
		[K_LAST_CHANGE] = { now },
		[K_CREATED_NS] = { now_ns },
		[K_LAST_CHANGE_NS] = { now_ns },
		[K_OPER] = { DOWN },
		[K_INBOUND] = { DOWN },
		[K_REMOTE_STATUS] = { not_forwarding },
		[K_PORT] = str(c->ac_port),
		[K_VPLS] = str(c->vpls),
	};

	enet_vlans(v, c->ac_vlan);
	s->up = false;
	return segtab_create(&s->t, dir, c->name, rows,
			     sizeof(rows) / sizeof(rows[0]),
			     c->no_perf_table ? PERF : 0, v, err);
}

/* Snabb's rule: the up time runs from a base while up; while down the
 * base is 0 and the raw value 0 is served. */
bool pwseg_set_up(struct pwseg *s, bool up, uint64_t now_ns)
{
	uint64_t now = now_ns / SHM_NS_PER_SEC;

	if (s->up == up)
		return false;
	s->up = up;
	shm_writer_begin(s->t.w);
	segtab_set_num(&s->t, K_OPER, up ? UP : DOWN);
	segtab_set_num(&s->t, K_INBOUND, up ? UP : DOWN);
	segtab_set_num(&s->t, K_REMOTE_STATUS, up ? 0 : not_forwarding);
	segtab_set_num(&s->t, K_UP_BASE, up ? now : 0);
	segtab_set_num(&s->t, K_UP_TIME, 0);
	segtab_set_num(&s->t, K_LAST_CHANGE, now);
	segtab_set_num(&s->t, K_LAST_CHANGE_NS, now_ns);
	shm_writer_end(s->t.w);
	return true;
}

void pwseg_set_remote(struct pwseg *s, uint16_t mtu, const char *ifstr)
{
	shm_writer_begin(s->t.w);
	segtab_set_num(&s->t, K_REMOTE_MTU, mtu);
	segtab_set_str(&s->t, K_REMOTE_IFSTR, ifstr);
	shm_writer_end(s->t.w);
}

void pwseg_set_counters(struct pwseg *s, const struct pw_counters *c)
{
	segtab_set_num(&s->t, K_IN_PKTS, c->in_packets);
	segtab_set_num(&s->t, K_IN_BYTES, c->in_bytes);
	segtab_set_num(&s->t, K_OUT_PKTS, c->out_packets);
	segtab_set_num(&s->t, K_OUT_BYTES, c->out_bytes);
	segtab_set_num(&s->t, K_ERRORS, c->errors);
}

void pwseg_destroy(struct pwseg *s, bool unlink_files)
{
	segtab_destroy(&s->t, unlink_files);
}
