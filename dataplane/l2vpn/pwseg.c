/*
 * Pseudowire segments: the values of the pseudowire profile's keys
 * (mibs/profiles.txt holds the objects and the constants).
 */
#include <string.h>

#include "dataplane/l2vpn/pwseg.h"
#include "profiles.h"

#define BIT(n)   (0x80 >> (n))
#define RAW_VLAN 4095           /* PW-ENET: all frames, untouched */
#define UNTAGGED 0              /* PW-ENET: frames without a VLAN field */
#define CISCO_RAW_VLAN 4097
#define CISCO_UNTAGGED 4096
#define PORT_BASED 1            /* pwEnetVlanMode, cpwVcEnetVlanMode */
#define REMOVE_VLAN 5

#define PEER_IPV4 1
#define PEER_IPV6 2
static const uint8_t not_forwarding = BIT(0);  /* pwRemoteStatus */

/* The VLAN objects of both ENET MIBs.  A whole port: Snabb's raw mode
 * (portBased, "not applicable" VLANs).  A VLAN on a trunk port: the
 * tag is the service delimiter and comes off into the pseudowire
 * (removeVlan): the port's VLAN is the AC's, the pseudowire's is
 * "untagged" (0 in PW-ENET-STD-MIB, 4096 in the Cisco MIB). */
static void enet_vlans(struct shm_pval *v, uint16_t vlan)
{
	v[PW_VLAN_MODE].num = vlan ? REMOVE_VLAN : PORT_BASED;
	v[PW_PW_VLAN].num = vlan ? UNTAGGED : RAW_VLAN;
	v[PW_PORT_VLAN].num = vlan ? vlan : RAW_VLAN;
	v[PW_CPW_VLAN].num = vlan ? CISCO_UNTAGGED : CISCO_RAW_VLAN;
	v[PW_CPW_PORT_VLAN].num = vlan ? vlan : CISCO_RAW_VLAN;
}

static struct shm_pval str(const char *s)
{
	return (struct shm_pval){ .str = s, .len = strlen(s) };
}

int pwseg_create(struct pwseg *s, const char *dir,
		 const struct pwseg_conf *c, uint64_t now_ns, struct shmib_err *err)
{
	uint64_t now = now_ns / SHM_NS_PER_SEC;
	struct shm_pval v[PW_KEYS] = {
		[PW_PEER_TYPE] = { c->peer.af == AF_INET6 ? PEER_IPV6 : PEER_IPV4 },
		[PW_PEER_ADDR] = { .str = c->peer.a, .len = addr_len(&c->peer) },
		[PW_VC_ID] = { c->vc_id },
		[PW_MTU] = { c->mtu },
		[PW_REMOTE_IFSTR] = { .str = "", .len = 0 },
		[PW_IN_LABEL] = { c->in_label },
		[PW_OUT_LABEL] = { c->out_label },
		[PW_PSN_TYPE] = { c->psn_type },
		[PW_CPW_PSN_TYPE] = { c->cpw_psn_type },
		[PW_NAME] = str(c->name),
		[PW_DESCR] = str(c->descr),
		[PW_CREATED_S] = { now },
		[PW_LAST_CHANGE_S] = { now },
		[PW_CREATED_NS] = { now_ns },
		[PW_LAST_CHANGE_NS] = { now_ns },
		[PW_OPER] = { shm_status(false) },
		[PW_INBOUND] = { shm_status(false) },
		[PW_REMOTE_STATUS] = { not_forwarding },
		[PW_PORT] = str(c->ac_port),
		[PW_VPLS] = str(c->vpls),
	};

	enet_vlans(v, c->ac_vlan);
	s->up = false;
	return shm_pseg_create(&s->t, dir, c->name, &profile_pw,
			       c->no_perf_table ? PW_G_PERF : 0, v,
			       PWSEG_MODE, err);
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
	shm_pseg_set_num(&s->t, PW_OPER, shm_status(up));
	shm_pseg_set_num(&s->t, PW_INBOUND, shm_status(up));
	shm_pseg_set_num(&s->t, PW_REMOTE_STATUS, up ? 0 : not_forwarding);
	shm_pseg_set_num(&s->t, PW_UP_BASE, up ? now : 0);
	shm_pseg_set_num(&s->t, PW_LAST_CHANGE_S, now);
	shm_pseg_set_num(&s->t, PW_LAST_CHANGE_NS, now_ns);
	shm_writer_end(s->t.w);
	return true;
}

void pwseg_set_remote(struct pwseg *s, uint16_t mtu, const char *ifstr)
{
	shm_writer_begin(s->t.w);
	shm_pseg_set_num(&s->t, PW_REMOTE_MTU, mtu);
	shm_pseg_set_str(&s->t, PW_REMOTE_IFSTR, ifstr);
	shm_writer_end(s->t.w);
}

void pwseg_set_counters(struct pwseg *s, const struct pw_counters *c)
{
	shm_pseg_set_num(&s->t, PW_IN_PKTS, c->in_packets);
	shm_pseg_set_num(&s->t, PW_IN_BYTES, c->in_bytes);
	shm_pseg_set_num(&s->t, PW_OUT_PKTS, c->out_packets);
	shm_pseg_set_num(&s->t, PW_OUT_BYTES, c->out_bytes);
	shm_pseg_set_num(&s->t, PW_ERRORS, c->errors);
}

void pwseg_destroy(struct pwseg *s, bool unlink_files)
{
	shm_pseg_free(&s->t, unlink_files);
}
