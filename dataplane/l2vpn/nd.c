/*
 * Neighbour discovery and ARP for the uplink's next hop; see nd.h.
 */
#include <string.h>

#include <rte_arp.h>
#include <rte_byteorder.h>
#include <rte_ip.h>

#include "dataplane/l2vpn/nd.h"

#define ICMP6_NS        135
#define ICMP6_NA        136
#define ND_OPT_SRC_LL   1
#define ND_OPT_TGT_LL   2
#define NA_SOLICITED    0x40000000u
#define NA_OVERRIDE     0x20000000u
#define ND_HOP_LIMIT    255

/* An NS or NA with one link-layer address option. */
struct nd_msg {
	uint8_t type;
	uint8_t code;
	uint16_t cksum;
	uint8_t flags[4];               /* NA: R S O; bytes keep the struct
					 * 2-aligned, as it is in frames */
	uint8_t target[16];
	uint8_t opt_type;
	uint8_t opt_len;                /* units of 8 bytes */
	struct rte_ether_addr opt_mac;
};
_Static_assert(sizeof(struct nd_msg) == 32, "NS/NA layout");

#define ND_MSG_MIN      24              /* without the option */
#define ND_FRAME_LEN    (RTE_ETHER_HDR_LEN + sizeof(struct rte_ipv6_hdr) + \
			 sizeof(struct nd_msg))
#define ARP_FRAME_LEN   (RTE_ETHER_HDR_LEN + sizeof(struct rte_arp_hdr))

void nd_init(struct nd *nd, const struct addr *local,
	     const struct addr *next_hop, const struct rte_ether_addr *mac,
	     const struct rte_ether_addr *static_mac)
{
	memset(nd, 0, sizeof(*nd));
	nd->local = *local;
	nd->next_hop = *next_hop;
	nd->local_mac = *mac;
	if (static_mac) {
		nd->next_hop_mac = *static_mac;
		nd->resolved = nd->fixed = true;
	}
}

static void learn(struct nd *nd, const struct rte_ether_addr *mac, bool *learned)
{
	if (nd->fixed || (nd->resolved && rte_is_same_ether_addr(mac, &nd->next_hop_mac)))
		return;
	nd->next_hop_mac = *mac;
	nd->resolved = true;
	*learned = true;
}

static void ip6_fill(struct rte_ipv6_hdr *ip, const uint8_t *src,
		     const uint8_t *dst)
{
	ip->vtc_flow = rte_cpu_to_be_32(6u << 28);
	ip->payload_len = rte_cpu_to_be_16(sizeof(struct nd_msg));
	ip->proto = IPPROTO_ICMPV6;
	ip->hop_limits = ND_HOP_LIMIT;
	memcpy(ip->src_addr, src, 16);
	memcpy(ip->dst_addr, dst, 16);
}

/* Turns the NS in M into our NA, in place. */
static enum nd_result na_reply(struct nd *nd, struct rte_mbuf *m)
{
	struct rte_ether_hdr *eth = rte_pktmbuf_mtod(m, struct rte_ether_hdr *);
	struct rte_ipv6_hdr *ip = (struct rte_ipv6_hdr *)(eth + 1);
	struct nd_msg *msg = (struct nd_msg *)(ip + 1);
	uint8_t to[16];

	if (m->data_len < ND_FRAME_LEN &&
	    !rte_pktmbuf_append(m, ND_FRAME_LEN - m->data_len))
		return ND_DONE;
	rte_pktmbuf_trim(m, m->data_len - ND_FRAME_LEN);
	eth = rte_pktmbuf_mtod(m, struct rte_ether_hdr *);
	eth->dst_addr = eth->src_addr;
	eth->src_addr = nd->local_mac;
	memcpy(to, ip->src_addr, 16);
	ip6_fill(ip, nd->local.a, to);
	msg->type = ICMP6_NA;
	msg->code = 0;
	msg->cksum = 0;
	uint32_t flags = rte_cpu_to_be_32(NA_SOLICITED | NA_OVERRIDE);
	memcpy(msg->flags, &flags, 4);
	msg->opt_type = ND_OPT_TGT_LL;
	msg->opt_len = 1;
	msg->opt_mac = nd->local_mac;
	msg->cksum = rte_ipv6_udptcp_cksum(ip, msg);
	return ND_REPLY;
}

static bool has_ll_opt(const struct nd_msg *msg, size_t len, uint8_t type)
{
	return len >= sizeof(*msg) && msg->opt_type == type && msg->opt_len == 1;
}

static enum nd_result nd6_input(struct nd *nd, struct rte_mbuf *m, bool *learned)
{
	struct rte_ether_hdr *eth = rte_pktmbuf_mtod(m, struct rte_ether_hdr *);
	struct rte_ipv6_hdr *ip = (struct rte_ipv6_hdr *)(eth + 1);
	struct nd_msg *msg = (struct nd_msg *)(ip + 1);
	size_t len = m->data_len - RTE_ETHER_HDR_LEN - sizeof(*ip);

	if (m->data_len < RTE_ETHER_HDR_LEN + sizeof(*ip) + ND_MSG_MIN ||
	    ip->proto != IPPROTO_ICMPV6)
		return ND_OTHER;
	if (rte_be_to_cpu_16(ip->payload_len) > len ||
	    (msg->type != ICMP6_NS && msg->type != ICMP6_NA))
		return ND_OTHER;
	len = rte_be_to_cpu_16(ip->payload_len);
	if (len < ND_MSG_MIN || ip->hop_limits != ND_HOP_LIMIT || msg->code ||
	    rte_ipv6_udptcp_cksum(ip, msg) != 0)
		return ND_DONE;
	bool from_next_hop = !memcmp(ip->src_addr, nd->next_hop.a, 16);
	if (msg->type == ICMP6_NA) {
		if (!memcmp(msg->target, nd->next_hop.a, 16))
			learn(nd, has_ll_opt(msg, len, ND_OPT_TGT_LL) ? &msg->opt_mac
				  : &eth->src_addr, learned);
		return ND_DONE;
	}
	if (memcmp(msg->target, nd->local.a, 16))
		return ND_DONE;
	if (from_next_hop && has_ll_opt(msg, len, ND_OPT_SRC_LL))
		learn(nd, &msg->opt_mac, learned);
	return na_reply(nd, m);
}

static enum nd_result arp_input(struct nd *nd, struct rte_mbuf *m, bool *learned)
{
	struct rte_ether_hdr *eth = rte_pktmbuf_mtod(m, struct rte_ether_hdr *);
	struct rte_arp_hdr *arp = (struct rte_arp_hdr *)(eth + 1);
	struct rte_arp_ipv4 *a = &arp->arp_data;

	if (m->data_len < ARP_FRAME_LEN ||
	    arp->arp_hardware != rte_cpu_to_be_16(RTE_ARP_HRD_ETHER) ||
	    arp->arp_protocol != rte_cpu_to_be_16(RTE_ETHER_TYPE_IPV4) ||
	    arp->arp_hlen != RTE_ETHER_ADDR_LEN || arp->arp_plen != 4)
		return ND_DONE;
	if (!memcmp(&a->arp_sip, nd->next_hop.a, 4))
		learn(nd, &a->arp_sha, learned);
	if (arp->arp_opcode != rte_cpu_to_be_16(RTE_ARP_OP_REQUEST) ||
	    memcmp(&a->arp_tip, nd->local.a, 4))
		return ND_DONE;
	arp->arp_opcode = rte_cpu_to_be_16(RTE_ARP_OP_REPLY);
	a->arp_tha = a->arp_sha;
	a->arp_tip = a->arp_sip;
	a->arp_sha = nd->local_mac;
	memcpy(&a->arp_sip, nd->local.a, 4);
	eth->dst_addr = eth->src_addr;
	eth->src_addr = nd->local_mac;
	return ND_REPLY;
}

enum nd_result nd_input(struct nd *nd, struct rte_mbuf *m, bool *learned)
{
	const struct rte_ether_hdr *eth;

	*learned = false;
	if (m->data_len < RTE_ETHER_HDR_LEN)
		return ND_OTHER;
	eth = rte_pktmbuf_mtod(m, const struct rte_ether_hdr *);
	if (eth->ether_type == rte_cpu_to_be_16(RTE_ETHER_TYPE_IPV6) &&
	    nd->local.af == AF_INET6)
		return nd6_input(nd, m, learned);
	if (eth->ether_type == rte_cpu_to_be_16(RTE_ETHER_TYPE_ARP) &&
	    nd->local.af == AF_INET)
		return arp_input(nd, m, learned);
	return ND_OTHER;
}

static int ns_build(const struct nd *nd, struct rte_mbuf *m)
{
	struct rte_ether_hdr *eth = (struct rte_ether_hdr *)
		rte_pktmbuf_append(m, ND_FRAME_LEN);
	const uint8_t *t = nd->next_hop.a;
	uint8_t group[16] = { 0xff, 0x02, [11] = 0x01, 0xff, t[13], t[14], t[15] };

	if (!eth)
		return -1;
	struct rte_ipv6_hdr *ip = (struct rte_ipv6_hdr *)(eth + 1);
	struct nd_msg *msg = (struct nd_msg *)(ip + 1);
	eth->dst_addr = (struct rte_ether_addr){{ 0x33, 0x33, 0xff, t[13], t[14], t[15] }};
	eth->src_addr = nd->local_mac;
	eth->ether_type = rte_cpu_to_be_16(RTE_ETHER_TYPE_IPV6);
	memset(ip, 0, sizeof(*ip));
	ip6_fill(ip, nd->local.a, group);
	memset(msg, 0, sizeof(*msg));
	msg->type = ICMP6_NS;
	memcpy(msg->target, t, 16);
	msg->opt_type = ND_OPT_SRC_LL;
	msg->opt_len = 1;
	msg->opt_mac = nd->local_mac;
	msg->cksum = rte_ipv6_udptcp_cksum(ip, msg);
	return 0;
}

static int arp_build(const struct nd *nd, struct rte_mbuf *m)
{
	struct rte_ether_hdr *eth = (struct rte_ether_hdr *)
		rte_pktmbuf_append(m, ARP_FRAME_LEN);

	if (!eth)
		return -1;
	struct rte_arp_hdr *arp = (struct rte_arp_hdr *)(eth + 1);
	memset(eth->dst_addr.addr_bytes, 0xff, RTE_ETHER_ADDR_LEN);
	eth->src_addr = nd->local_mac;
	eth->ether_type = rte_cpu_to_be_16(RTE_ETHER_TYPE_ARP);
	memset(arp, 0, sizeof(*arp));
	arp->arp_hardware = rte_cpu_to_be_16(RTE_ARP_HRD_ETHER);
	arp->arp_protocol = rte_cpu_to_be_16(RTE_ETHER_TYPE_IPV4);
	arp->arp_hlen = RTE_ETHER_ADDR_LEN;
	arp->arp_plen = 4;
	arp->arp_opcode = rte_cpu_to_be_16(RTE_ARP_OP_REQUEST);
	arp->arp_data.arp_sha = nd->local_mac;
	memcpy(&arp->arp_data.arp_sip, nd->local.a, 4);
	memcpy(&arp->arp_data.arp_tip, nd->next_hop.a, 4);
	return 0;
}

int nd_solicit(const struct nd *nd, struct rte_mbuf *m)
{
	return nd->local.af == AF_INET6 ? ns_build(nd, m) : arp_build(nd, m);
}
