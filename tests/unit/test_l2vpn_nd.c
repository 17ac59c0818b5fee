/*
 * Next-hop resolution: NS/NA (RFC 4861) and ARP (RFC 826) frames byte
 * for byte, checksums computed here independently of DPDK.
 */
#include <criterion/criterion.h>

#include "dataplane/l2vpn/nd.h"
#include "tests/unit/test_l2vpn_eal.h"
#include "tests/unit/test_l2vpn_hex.h"

TestSuite(nd, .init = eal_setup, .fini = eal_teardown);

#define US6   "20010db8000000000000000000000001"
#define HOP6  "20010db80000000000000000000000fe"
#define MAC_US  "0200000000aa"
#define MAC_HOP "0200000000bb"

static const struct rte_ether_addr us = {{ 2, 0, 0, 0, 0, 0xaa }};
static const struct rte_ether_addr hop = {{ 2, 0, 0, 0, 0, 0xbb }};

static struct nd nd6(const struct rte_ether_addr *fixed)
{
	struct addr local, next;
	struct nd nd;

	addr_parse("2001:db8::1", &local);
	addr_parse("2001:db8::fe", &next);
	nd_init(&nd, &local, &next, &us, fixed);
	return nd;
}

/* ICMPv6 checksum (RFC 8200 8.1) of the IPv6 packet at IP. */
static void icmp6_checksum(uint8_t *ip)
{
	size_t len = ip[4] << 8 | ip[5];
	uint8_t *l4 = ip + 40;
	uint32_t sum = len + 58;

	for (int i = 8; i < 40; i += 2)
		sum += ip[i] << 8 | ip[i + 1];
	l4[2] = l4[3] = 0;
	for (size_t i = 0; i < len; i += 2)
		sum += l4[i] << 8 | l4[i + 1];
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	l4[2] = ~sum >> 8;
	l4[3] = ~sum;
}

/* An NS or NA frame: ICMPv6 type TYPE, flags, target, option. */
static size_t nd_frame(uint8_t *f, const char *eth_dst, const char *eth_src,
		       const char *src, const char *dst, const char *icmp)
{
	size_t n = 0;

	hex(f, &n, eth_dst);
	hex(f, &n, eth_src);
	hex(f, &n, "86dd 60000000 0020 3a ff");
	hex(f, &n, src);
	hex(f, &n, dst);
	hex(f, &n, icmp);
	icmp6_checksum(f + 14);
	return n;
}

Test(nd, solicitation_for_next_hop)
{
	struct nd nd = nd6(NULL);
	uint8_t want[128];
	struct rte_mbuf *m = rte_pktmbuf_alloc(pool);
	/* to the solicited-node group ff02::1:ff00:fe, its MAC 33:33:ff:00:00:fe;
	 * type 135, code 0, reserved, target, source link-layer option */
	size_t n = nd_frame(want, "3333ff0000fe", MAC_US, US6,
			    "ff0200000000000000000001ff0000fe",
			    "87 00 0000 00000000" HOP6 "01 01" MAC_US);

	cr_assert_eq(nd_solicit(&nd, m), 0);
	assert_frame(m, want, n);
	rte_pktmbuf_free(m);
}

Test(nd, solicitation_for_us_is_answered_and_teaches_next_hop)
{
	struct nd nd = nd6(NULL);
	uint8_t f[128], want[128];
	bool learned;
	size_t n = nd_frame(f, "3333ff000001", MAC_HOP, HOP6,
			    "ff0200000000000000000001ff000001",
			    "87 00 0000 00000000" US6 "01 01" MAC_HOP);
	struct rte_mbuf *m = mbuf_of(f, n);

	cr_assert_eq(nd_input(&nd, m, &learned), ND_REPLY);
	cr_assert(learned);
	cr_assert(rte_is_same_ether_addr(&nd.next_hop_mac, &hop));
	/* NA: solicited + override, target us, target link-layer option */
	n = nd_frame(want, MAC_HOP, MAC_US, US6, HOP6,
		     "88 00 0000 60000000" US6 "02 01" MAC_US);
	assert_frame(m, want, n);
	rte_pktmbuf_free(m);
}

Test(nd, advertisement_from_next_hop_resolves)
{
	struct nd nd = nd6(NULL);
	uint8_t f[128];
	bool learned;
	size_t n = nd_frame(f, MAC_US, MAC_HOP, HOP6, US6,
			    "88 00 0000 60000000" HOP6 "02 01" MAC_HOP);
	struct rte_mbuf *m = mbuf_of(f, n);

	cr_assert_not(nd.resolved);
	cr_assert_eq(nd_input(&nd, m, &learned), ND_DONE);
	cr_assert(learned && nd.resolved);
	cr_assert(rte_is_same_ether_addr(&nd.next_hop_mac, &hop));
	rte_pktmbuf_free(m);
}

Test(nd, bad_checksum_or_hop_limit_ignored)
{
	struct nd nd = nd6(NULL);
	uint8_t f[128];
	bool learned;
	size_t n = nd_frame(f, MAC_US, MAC_HOP, HOP6, US6,
			    "88 00 0000 60000000" HOP6 "02 01" MAC_HOP);

	f[14 + 40 + 3] ^= 1;
	struct rte_mbuf *m = mbuf_of(f, n);
	cr_assert_eq(nd_input(&nd, m, &learned), ND_DONE);
	cr_assert_not(nd.resolved);
	rte_pktmbuf_free(m);

	n = nd_frame(f, MAC_US, MAC_HOP, HOP6, US6,
		     "88 00 0000 60000000" HOP6 "02 01" MAC_HOP);
	f[14 + 7] = 64;         /* hop limit: from off-link */
	m = mbuf_of(f, n);
	cr_assert_eq(nd_input(&nd, m, &learned), ND_DONE);
	cr_assert_not(nd.resolved);
	rte_pktmbuf_free(m);
}

Test(nd, static_mac_is_kept)
{
	struct rte_ether_addr fixed = {{ 2, 0, 0, 0, 0, 0xcc }};
	struct nd nd = nd6(&fixed);
	uint8_t f[128];
	bool learned;
	size_t n = nd_frame(f, MAC_US, MAC_HOP, HOP6, US6,
			    "88 00 0000 60000000" HOP6 "02 01" MAC_HOP);
	struct rte_mbuf *m = mbuf_of(f, n);

	cr_assert(nd.resolved);
	nd_input(&nd, m, &learned);
	cr_assert_not(learned);
	cr_assert(rte_is_same_ether_addr(&nd.next_hop_mac, &fixed));
	rte_pktmbuf_free(m);
}

Test(nd, tunnel_traffic_is_not_nd)
{
	struct nd nd = nd6(NULL);
	uint8_t f[128];
	size_t n = 0;
	bool learned;

	hex(f, &n, MAC_US MAC_HOP "86dd 60000000 0004 2f 40" HOP6 US6 "0000 6558");
	struct rte_mbuf *m = mbuf_of(f, n);
	cr_assert_eq(nd_input(&nd, m, &learned), ND_OTHER);
	rte_pktmbuf_free(m);
}

static struct nd nd4(void)
{
	struct addr local, next;
	struct nd nd;

	addr_parse("192.0.2.1", &local);
	addr_parse("192.0.2.254", &next);
	nd_init(&nd, &local, &next, &us, NULL);
	return nd;
}

Test(nd, arp_request_for_next_hop)
{
	struct nd nd = nd4();
	uint8_t want[64];
	size_t n = 0;
	struct rte_mbuf *m = rte_pktmbuf_alloc(pool);

	/* broadcast; hw 1, proto 0x0800, 6, 4, request; sha spa tha tpa */
	hex(want, &n, "ffffffffffff" MAC_US "0806 0001 0800 06 04 0001");
	hex(want, &n, MAC_US "c0000201 000000000000 c00002fe");
	cr_assert_eq(nd_solicit(&nd, m), 0);
	assert_frame(m, want, n);
	rte_pktmbuf_free(m);
}

Test(nd, arp_request_for_us_is_answered)
{
	struct nd nd = nd4();
	uint8_t f[64], want[64];
	size_t n = 0, w = 0;
	bool learned;

	hex(f, &n, "ffffffffffff" MAC_HOP "0806 0001 0800 06 04 0001");
	hex(f, &n, MAC_HOP "c00002fe 000000000000 c0000201");
	struct rte_mbuf *m = mbuf_of(f, n);
	cr_assert_eq(nd_input(&nd, m, &learned), ND_REPLY);
	cr_assert(learned, "the request came from the next hop");
	hex(want, &w, MAC_HOP MAC_US "0806 0001 0800 06 04 0002");
	hex(want, &w, MAC_US "c0000201" MAC_HOP "c00002fe");
	assert_frame(m, want, w);
	rte_pktmbuf_free(m);
}

Test(nd, arp_for_someone_else_is_not_answered)
{
	struct nd nd = nd4();
	uint8_t f[64];
	size_t n = 0;
	bool learned;

	hex(f, &n, "ffffffffffff 020000000011 0806 0001 0800 06 04 0001");
	hex(f, &n, "020000000011 c0000209 000000000000 c0000208");
	struct rte_mbuf *m = mbuf_of(f, n);
	cr_assert_eq(nd_input(&nd, m, &learned), ND_DONE);
	cr_assert_not(learned);
	rte_pktmbuf_free(m);
}
