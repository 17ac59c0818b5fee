/*
 * Encapsulation and decapsulation of pseudowire frames on real mbufs,
 * byte for byte against frames written from the RFC layouts (GRE RFC
 * 2784/2890, L2TPv3 RFC 3931, IPv6 RFC 8200, IPv4 RFC 791).
 */
#include <criterion/criterion.h>

#include "dataplane/l2vpn/encap.h"
#include "tests/unit/test_l2vpn_eal.h"
#include "tests/unit/test_l2vpn_hex.h"
#include "tests/unit/test_l2vpn_tunnel.h"

TestSuite(encap, .init = eal_setup, .fini = eal_teardown);

#define ETH_OUT   "0200000000bb 0200000000aa"
#define IP6_LOCAL "20010db8000000000000000000000001"
#define IP6_PEER  "20010db8000000000000000000000002"

static const struct rte_ether_addr local_mac = {{ 2, 0, 0, 0, 0, 0xaa }};
static const struct rte_ether_addr nh_mac = {{ 2, 0, 0, 0, 0, 0xbb }};

static struct addr A(const char *text)
{
	struct addr a;

	cr_assert_eq(addr_parse(text, &a), 0);
	return a;
}

static struct tunnel gre(bool has_key, uint32_t key)
{
	char k[16];

	snprintf(k, sizeof(k), "%u", key);
	return has_key ? TUNNEL("gre", "key", k) : TUNNEL("gre");
}

static struct tunnel l2tpv3(void)
{
	return TUNNEL("l2tpv3", "local_session", "0x11111111",
		      "remote_session", "0x22222222",
		      "local_cookie", "0x0011223344556677",
		      "remote_cookie", "0x8899aabbccddeeff");
}

/* Encapsulates the test's inner frame and compares with HEAD + inner. */
static void check_encap(const char *local, const char *peer,
			const struct tunnel *t, bool cc, const uint8_t *head,
			size_t head_len)
{
	struct addr src = A(local), dst = A(peer);
	struct encap e;
	uint8_t in[64], want[256];
	size_t n = inner_frame(in);

	encap_init(&e, &src, &dst, t, cc);
	encap_set_macs(&e, &local_mac, &nh_mac);
	struct rte_mbuf *m = mbuf_of(in, n);
	cr_assert_eq(encap_push(m, &e), 0);
	memcpy(want, head, head_len);
	memcpy(want + head_len, in, n);
	assert_frame(m, want, head_len + n);
	rte_pktmbuf_free(m);
}

Test(encap, gre_ipv6_with_key)
{
	uint8_t h[128];
	size_t n = 0;
	struct tunnel t = gre(true, 0x12345678);

	hex(h, &n, ETH_OUT "86dd");
	/* version 6, class 0, flow 0; payload 8 + 60; next header 47; hop limit 64 */
	hex(h, &n, "60000000 0044 2f 40" IP6_LOCAL IP6_PEER);
	/* C=0 K=1 S=0 ver 0, protocol 0x6558, key */
	hex(h, &n, "2000 6558 12345678");
	check_encap("2001:db8::1", "2001:db8::2", &t, false, h, n);
}

Test(encap, gre_ipv6_without_key)
{
	uint8_t h[128];
	size_t n = 0;
	struct tunnel t = gre(false, 0);

	hex(h, &n, ETH_OUT "86dd 60000000 0040 2f 40" IP6_LOCAL IP6_PEER);
	hex(h, &n, "0000 6558");
	check_encap("2001:db8::1", "2001:db8::2", &t, false, h, n);
}

Test(encap, gre_control_channel_uses_reserved_key)
{
	uint8_t h[128];
	size_t n = 0;
	struct tunnel t = gre(false, 0);

	hex(h, &n, ETH_OUT "86dd 60000000 0044 2f 40" IP6_LOCAL IP6_PEER);
	hex(h, &n, "2000 6558 fffffffe");
	check_encap("2001:db8::1", "2001:db8::2", &t, true, h, n);
}

Test(encap, l2tpv3_ipv6)
{
	uint8_t h[128];
	size_t n = 0;
	struct tunnel t = l2tpv3();

	/* payload 12 + 60 = 72, next header 115 */
	hex(h, &n, ETH_OUT "86dd 60000000 0048 73 40" IP6_LOCAL IP6_PEER);
	/* remote session ID, remote 64-bit cookie */
	hex(h, &n, "22222222 8899aabbccddeeff");
	check_encap("2001:db8::1", "2001:db8::2", &t, false, h, n);
}

Test(encap, l2tpv3_control_channel_uses_reserved_session)
{
	uint8_t h[128];
	size_t n = 0;
	struct tunnel t = l2tpv3();

	hex(h, &n, ETH_OUT "86dd 60000000 0048 73 40" IP6_LOCAL IP6_PEER);
	hex(h, &n, "fffffffe 8899aabbccddeeff");
	check_encap("2001:db8::1", "2001:db8::2", &t, true, h, n);
}

/* RFC 791 header checksum, written out independently of DPDK. */
static void ip4_checksum(uint8_t *ip)
{
	uint32_t sum = 0;

	for (int i = 0; i < 20; i += 2)
		sum += ip[i] << 8 | ip[i + 1];
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	ip[10] = ~sum >> 8;
	ip[11] = ~sum;
}

Test(encap, gre_ipv4_with_key)
{
	uint8_t h[128];
	size_t n = 0;
	struct tunnel t = gre(true, 7);

	hex(h, &n, ETH_OUT "0800");
	/* v4 IHL 5, TOS 0, total 20 + 8 + 60 = 88, ID 0, DF, TTL 64, proto 47 */
	hex(h, &n, "45 00 0058 0000 4000 40 2f 0000 c0000201 c0000202");
	ip4_checksum(h + 14);
	hex(h, &n, "2000 6558 00000007");
	check_encap("192.0.2.1", "192.0.2.2", &t, false, h, n);
}

Test(encap, l2tpv3_ipv4)
{
	uint8_t h[128];
	size_t n = 0;
	struct tunnel t = l2tpv3();

	/* total 20 + 12 + 60 = 92 */
	hex(h, &n, ETH_OUT "0800 45 00 005c 0000 4000 40 73 0000 c0000201 c0000202");
	ip4_checksum(h + 14);
	hex(h, &n, "22222222 8899aabbccddeeff");
	check_encap("192.0.2.1", "192.0.2.2", &t, false, h, n);
}

/* A frame from the peer 2001:db8::2 to us, tunnel header TUN. */
static struct rte_mbuf *from_peer(const char *proto, const char *tun,
				  size_t tun_len, const char *dst)
{
	uint8_t f[256], in[64];
	size_t n = 0, inner = inner_frame(in);
	char ip[128];

	snprintf(ip, sizeof(ip), "60000000 %04zx %s 40", tun_len + inner, proto);
	hex(f, &n, "0200000000aa 0200000000bb 86dd");
	hex(f, &n, ip);
	hex(f, &n, IP6_PEER);
	hex(f, &n, dst);
	hex(f, &n, tun);
	memcpy(f + n, in, inner);
	return mbuf_of(f, n + inner);
}

static enum decap_result decap(struct rte_mbuf *m, struct decap *d)
{
	struct addr local = A("2001:db8::1");

	return decap_parse(m, &local, d);
}

Test(encap, decap_gre_finds_peer_key_and_inner_frame)
{
	struct rte_mbuf *m = from_peer("2f", "2000 6558 12345678", 8, IP6_LOCAL);
	struct tunnel t = gre(true, 0x12345678);
	struct decap d;
	uint8_t in[64];
	size_t n = inner_frame(in);

	cr_assert_eq(decap(m, &d), DECAP_OK);
	struct addr peer = A("2001:db8::2");
	cr_assert(addr_eq(&d.peer, &peer));
	cr_assert_eq(d.proto, 47);
	cr_assert_eq(d.rx.id, 0x12345678);
	cr_assert_eq(d.off, 14 + 40 + 8);
	cr_assert_eq(d.len, n);
	cr_assert_eq(tunnel_match(&t, &d.rx), TUNNEL_DATA);
	rte_pktmbuf_adj(m, d.off);
	assert_frame(m, in, n);
	rte_pktmbuf_free(m);
}

Test(encap, decap_gre_wrong_or_missing_key_is_mismatch)
{
	struct rte_mbuf *m = from_peer("2f", "2000 6558 12345679", 8, IP6_LOCAL);
	struct tunnel keyed = gre(true, 0x12345678), keyless = gre(false, 0);
	struct decap d;

	cr_assert_eq(decap(m, &d), DECAP_OK);
	cr_assert_eq(tunnel_match(&keyed, &d.rx), TUNNEL_MISMATCH);
	cr_assert_eq(tunnel_match(&keyless, &d.rx), TUNNEL_MISMATCH);
	rte_pktmbuf_free(m);
	m = from_peer("2f", "0000 6558", 4, IP6_LOCAL);
	cr_assert_eq(decap(m, &d), DECAP_OK);
	cr_assert_eq(tunnel_match(&keyed, &d.rx), TUNNEL_MISMATCH);
	cr_assert_eq(tunnel_match(&keyless, &d.rx), TUNNEL_DATA);
	rte_pktmbuf_free(m);
}

Test(encap, decap_gre_checksum_checked)
{
	/* C=1: checksum over GRE header and payload; the inner frame is
	 * 0x0201.. so compute the right value and a wrong one. */
	uint8_t in[64], g[128];
	size_t n = inner_frame(in), gl = 0;
	uint32_t sum = 0;

	hex(g, &gl, "8000 6558 0000 0000");
	memcpy(g + gl, in, n);
	for (size_t i = 0; i < gl + n; i += 2)
		sum += g[i] << 8 | g[i + 1];
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	char good[32], bad[32];
	snprintf(good, sizeof(good), "8000 6558 %04x 0000", (uint16_t)~sum);
	snprintf(bad, sizeof(bad), "8000 6558 %04x 0000", (uint16_t)~sum ^ 1);
	struct tunnel t = gre(false, 0);
	struct decap d;

	struct rte_mbuf *m = from_peer("2f", good, 8, IP6_LOCAL);
	cr_assert_eq(decap(m, &d), DECAP_OK);
	cr_assert_eq(d.off, 14 + 40 + 8);
	cr_assert_eq(tunnel_match(&t, &d.rx), TUNNEL_DATA);
	rte_pktmbuf_free(m);
	m = from_peer("2f", bad, 8, IP6_LOCAL);
	cr_assert_eq(decap(m, &d), DECAP_BAD);
	rte_pktmbuf_free(m);
}

Test(encap, decap_gre_wrong_version_or_protocol_is_bad)
{
	struct decap d;
	struct rte_mbuf *m = from_peer("2f", "0001 6558", 4, IP6_LOCAL);

	cr_assert_eq(decap(m, &d), DECAP_BAD);
	rte_pktmbuf_free(m);
	m = from_peer("2f", "0000 0800", 4, IP6_LOCAL);
	cr_assert_eq(decap(m, &d), DECAP_BAD);
	rte_pktmbuf_free(m);
}

Test(encap, decap_l2tpv3_session_and_cookie)
{
	struct tunnel t = l2tpv3();
	struct decap d;
	struct rte_mbuf *m = from_peer("73", "11111111 0011223344556677", 12, IP6_LOCAL);

	cr_assert_eq(decap(m, &d), DECAP_OK);
	cr_assert_eq(d.off, 14 + 40 + 12);
	cr_assert_eq(tunnel_match(&t, &d.rx), TUNNEL_DATA);
	rte_pktmbuf_free(m);

	m = from_peer("73", "11111111 0011223344556678", 12, IP6_LOCAL);
	cr_assert_eq(decap(m, &d), DECAP_OK);
	cr_assert_eq(tunnel_match(&t, &d.rx), TUNNEL_MISMATCH, "wrong cookie");
	rte_pktmbuf_free(m);

	m = from_peer("73", "11111112 0011223344556677", 12, IP6_LOCAL);
	cr_assert_eq(decap(m, &d), DECAP_OK);
	cr_assert_eq(tunnel_match(&t, &d.rx), TUNNEL_MISMATCH, "wrong session");
	rte_pktmbuf_free(m);

	m = from_peer("73", "fffffffe 0011223344556677", 12, IP6_LOCAL);
	cr_assert_eq(decap(m, &d), DECAP_OK);
	cr_assert_eq(tunnel_match(&t, &d.rx), TUNNEL_CC);
	rte_pktmbuf_free(m);

	m = from_peer("73", "00000000 0011223344556677", 12, IP6_LOCAL);
	cr_assert_eq(decap(m, &d), DECAP_BAD, "session 0 is L2TP control");
	rte_pktmbuf_free(m);
}

Test(encap, decap_other_destination_or_protocol_is_not_ours)
{
	struct decap d;
	struct rte_mbuf *m = from_peer("2f", "0000 6558", 4, IP6_PEER);

	cr_assert_eq(decap(m, &d), DECAP_OTHER);
	rte_pktmbuf_free(m);
	/* next header 0: a hop-by-hop extension header */
	m = from_peer("00", "0000 6558", 4, IP6_LOCAL);
	cr_assert_eq(decap(m, &d), DECAP_OTHER);
	rte_pktmbuf_free(m);
}

Test(encap, decap_ipv4_roundtrip_and_fragments_refused)
{
	struct addr src = A("192.0.2.2"), local = A("192.0.2.1");
	struct tunnel t = gre(true, 9);
	struct encap e;
	struct decap d;
	uint8_t in[64];
	size_t n = inner_frame(in);

	/* The peer's encapsulation is our decapsulation. */
	encap_init(&e, &src, &local, &t, false);
	struct rte_mbuf *m = mbuf_of(in, n);
	cr_assert_eq(encap_push(m, &e), 0);
	cr_assert_eq(decap_parse(m, &local, &d), DECAP_OK);
	cr_assert(addr_eq(&d.peer, &src));
	cr_assert_eq(tunnel_match(&t, &d.rx), TUNNEL_DATA);
	cr_assert_eq(d.len, n);

	/* More-fragments set (and the checksum fixed up): refused. */
	uint8_t *ip = rte_pktmbuf_mtod_offset(m, uint8_t *, 14);
	ip[6] |= 0x20;
	ip[10] = ip[11] = 0;
	ip4_checksum(ip);
	cr_assert_eq(decap_parse(m, &local, &d), DECAP_OTHER);
	rte_pktmbuf_free(m);
}

Test(encap, no_headroom_is_an_error)
{
	struct addr src = A("2001:db8::1"), dst = A("2001:db8::2");
	struct tunnel t = l2tpv3();
	struct encap e;
	uint8_t in[64];
	struct rte_mbuf *m = mbuf_of(in, inner_frame(in));

	encap_init(&e, &src, &dst, &t, false);
	rte_pktmbuf_prepend(m, rte_pktmbuf_headroom(m) - 10);
	cr_assert_eq(encap_push(m, &e), -1);
	rte_pktmbuf_free(m);
}
