/*
 * The recipe of tunnel.h followed by a third tunnel type that lives in
 * this file only: once added to the table, the configuration, its
 * checks, encapsulation, decapsulation and receive matching reach it
 * and never GRE's or L2TPv3's code.  Its header cannot be taken for
 * theirs: its own IP protocol (253, RFC 3692 experimentation), and a
 * magic word neither writes:
 *
 *   |        magic 0xd0d0           |           zero                |
 *   |                     ID (32): remote_id, or TUNNEL_CC_ID       |
 *
 * Also: the table's limits, and GRE and L2TPv3 reached through it from
 * the example configuration.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <unistd.h>

#include "dataplane/config.h"
#include "dataplane/l2vpn/conf.h"
#include "dataplane/l2vpn/encap.h"
#include "tests/unit/test_l2vpn_eal.h"
#include "tests/unit/test_l2vpn_hex.h"
#include "tests/unit/test_l2vpn_tunnel.h"

#define DUMMY_PROTO 253
#define DUMMY_MAGIC 0xd0d0

struct dummy {
	uint32_t local_id, remote_id;
};
_Static_assert(sizeof(struct dummy) <= TUNNEL_PARAM_MAX, "dummy parameters");

/* Calls of each operation, to see that dispatch reached this type. */
static struct {
	unsigned check, same_rx, write, parse, match;
} calls;

static const struct dummy *dummy_of(const struct tunnel *t)
{
	return (const struct dummy *)t->param;
}

static const struct cfg_key dummy_keys[] = {
	{ "local_id", tunnel_parse_u32, offsetof(struct dummy, local_id) },
	{ "remote_id", tunnel_parse_u32, offsetof(struct dummy, remote_id) },
	{ NULL },
};

static const char *dummy_check(const struct tunnel *t, const char **key)
{
	calls.check++;
	*key = "local_id";
	return dummy_of(t)->local_id ? NULL : "missing";
}

static bool dummy_same_rx(const struct tunnel *a, const struct tunnel *b)
{
	calls.same_rx++;
	return dummy_of(a)->local_id == dummy_of(b)->local_id;
}

static size_t dummy_write(const struct tunnel *t, bool cc, uint8_t *buf)
{
	calls.write++;
	tunnel_put16(buf, DUMMY_MAGIC);
	tunnel_put16(buf + 2, 0);
	tunnel_put32(buf + 4, cc ? TUNNEL_CC_ID : dummy_of(t)->remote_id);
	return 8;
}

static int dummy_parse(const uint8_t *buf, size_t len, struct tunnel_rx *rx)
{
	calls.parse++;
	if (len < 8 || tunnel_get16(buf) != DUMMY_MAGIC)
		return -1;
	rx->has_key = true;
	rx->id = tunnel_get32(buf + 4);
	rx->cookie = NULL;
	rx->hdr_len = 8;
	return 0;
}

static enum tunnel_verdict dummy_match(const struct tunnel *t,
				       const struct tunnel_rx *rx)
{
	calls.match++;
	if (rx->id == TUNNEL_CC_ID)
		return TUNNEL_CC;
	return rx->id == dummy_of(t)->local_id ? TUNNEL_DATA : TUNNEL_MISMATCH;
}

static void dummy_labels(const struct tunnel *t, uint32_t *in, uint32_t *out)
{
	*in = dummy_of(t)->local_id;
	*out = dummy_of(t)->remote_id;
}

static void dummy_describe(const struct tunnel *t, char *buf, size_t len)
{
	snprintf(buf, len, "dummy %u", dummy_of(t)->local_id);
}

static void dummy_filter(const struct tunnel *t, bool out, const char *ip,
			 unsigned hdr, char *buf, size_t len)
{
	snprintf(buf, len, " and %s[%u:4] = %u", ip, hdr + 4,
		 out ? dummy_of(t)->remote_id : dummy_of(t)->local_id);
}

static const struct tunnel_ops dummy = {
	.name = "dummy",
	.proto = DUMMY_PROTO,
	.hdr_max = 8,
	.pw_psn_type = 3,               /* pwPsnType udpOverIp(3) */
	.cpw_psn_type = 3,              /* cpwVcPsnType ip(3) */
	.keys = dummy_keys,
	.check = dummy_check,
	.same_rx = dummy_same_rx,
	.write = dummy_write,
	.parse = dummy_parse,
	.match = dummy_match,
	.labels = dummy_labels,
	.describe = dummy_describe,
	.filter = dummy_filter,
};

static void add_dummy(void)
{
	const char *why = tunnel_type_add(&dummy);

	cr_assert_null(why, "%s", why);
}

/* The built-in types keep the limits tunnel_type_add() puts on others. */
Test(tunnel_table, built_in_types_within_the_limits)
{
	const struct tunnel_ops *o;
	unsigned n = 0;

	for (unsigned i = 0; (o = tunnel_type_at(i)); i++, n++) {
		unsigned keys = 0;

		while (o->keys[keys].name)
			keys++;
		cr_assert_leq(keys, TUNNEL_KEYS_MAX, "%s", o->name);
		cr_assert_leq(o->hdr_max, TUNNEL_HDR_MAX, "%s", o->name);
		cr_assert(o->pw_psn_type && o->cpw_psn_type, "%s", o->name);
		cr_assert_eq(tunnel_type_of_proto(o->proto), o, "%s", o->name);
		cr_assert_eq(tunnel_type_find(o->name), o);
	}
	cr_assert_eq(n, 2);
}

Test(tunnel_table, add_refuses_a_taken_name_or_protocol)
{
	struct tunnel_ops twin = dummy;

	add_dummy();
	cr_assert_str_eq(tunnel_type_add(&dummy), "a type of that name exists");
	twin.name = "twin";
	cr_assert_str_eq(tunnel_type_add(&twin), "a type of that IP protocol exists");
	twin.proto = 254;
	twin.hdr_max = TUNNEL_HDR_MAX + 1;
	cr_assert_str_eq(tunnel_type_add(&twin), "a header longer than TUNNEL_HDR_MAX");
	twin.hdr_max = dummy.hdr_max;
	twin.cpw_psn_type = 0;
	cr_assert_str_eq(tunnel_type_add(&twin), "no PSN types");
}

/* The configuration file: one [pseudowire p] with ENTRIES. */
static char path[64];

static void write_conf(const char *entries)
{
	char text[2048];
	int fd;

	snprintf(text, sizeof(text),
		 "[port up]\ndevice = net_null0\n\n"          /* lines 1-3 */
		 "[port ac]\ndevice = net_null1\n\n"          /* 4-6 */
		 "[uplink u]\nport = up\naddress = 2001:db8::1\n"
		 "next_hop = 2001:db8::fe\n\n"                /* 7-11 */
		 "[vpls v]\nuplink = u\nac = ac\n\n"          /* 12-15 */
		 "[pseudowire p]\nvpls = v\nvc_id = 1\n"      /* 16-18 */
		 "peer = 2001:db8::2\n%s", entries);          /* 19- */
	if (*path)
		unlink(path);
	strcpy(path, "/tmp/shmib-unit-tunnel.XXXXXX");
	fd = mkstemp(path);
	cr_assert(fd >= 0);
	cr_assert(write(fd, text, strlen(text)) == (ssize_t)strlen(text));
	close(fd);
}

static void conf_setup(void)
{
	add_dummy();
	memset(&calls, 0, sizeof(calls));
}

static void conf_cleanup(void)
{
	if (*path)
		unlink(path);
}

TestSuite(tunnel_conf, .init = conf_setup, .fini = conf_cleanup);

/* Loads ENTRIES; the error (after "FILE:") or "" when loaded. */
static const char *load(const char *entries, struct dp_config *c)
{
	static struct shmib_err err;
	size_t n;

	write_conf(entries);
	if (dp_config_load(path, c, &err) == 0)
		return "";
	n = strlen(path);
	cr_assert(!strncmp(err.msg, path, n) && err.msg[n] == ':', "%s", err.msg);
	return err.msg + n + 1;
}

/* GRE and L2TPv3 keep their keys, PW-MIB labels and PSN types through
 * the table. */
Test(tunnel_conf, example_file_gre_and_l2tpv3)
{
	static struct dp_config c;
	struct shmib_err err;
	uint32_t in, out;
	char text[96];

	cr_assert_eq(dp_config_load("config/examples/l2vpn.conf", &c, &err), 0, "%s", err.msg);
	cr_assert_eq(c.l2vpn->npws, 3);
	const struct tunnel *gre = &c.l2vpn->pw[0].tunnel, *l2tp = &c.l2vpn->pw[1].tunnel;
	cr_assert_str_eq(gre->ops->name, "gre");
	gre->ops->labels(gre, &in, &out);
	cr_assert_eq(in, 100);
	cr_assert_eq(out, 100);
	gre->ops->describe(gre, text, sizeof(text));
	cr_assert_str_eq(text, "gre key 0x00000064");
	cr_assert_eq(gre->ops->pw_psn_type, 6, "IANAPwPsnTypeTC other(6)");
	cr_assert_eq(gre->ops->cpw_psn_type, 5, "cpwVcPsnType gre(5)");
	cr_assert_str_eq(l2tp->ops->name, "l2tpv3");
	l2tp->ops->labels(l2tp, &in, &out);
	cr_assert_eq(in, 0x201);
	cr_assert_eq(out, 0x202);
	cr_assert_eq(l2tp->ops->pw_psn_type, 2, "IANAPwPsnTypeTC l2tp(2)");
	cr_assert_eq(l2tp->ops->cpw_psn_type, 2, "cpwVcPsnType l2tp(2)");
	l2tp->ops->filter(l2tp, true, "ip6", 40, text, sizeof(text));
	cr_assert_str_eq(text, " and ip6[40:4] = 0x00000202");
}

Test(tunnel_conf, keys_parsed_into_the_type_and_checked_by_it)
{
	static struct dp_config c;
	const char *err = load("remote_id = 8\ntunnel = dummy\nlocal_id = 7\n", &c);

	cr_assert_str_eq(err, "");
	const struct tunnel *t = &c.l2vpn->pw[0].tunnel;
	cr_assert_eq(t->ops, &dummy);
	cr_assert_eq(dummy_of(t)->local_id, 7);
	cr_assert_eq(dummy_of(t)->remote_id, 8, "a key before tunnel = is the type's too");
	cr_assert_eq(calls.check, 1);
}

Test(tunnel_conf, the_type_check_names_its_key)
{
	static struct dp_config c;

	cr_assert_str_eq(load("tunnel = dummy\nremote_id = 8\n", &c),
			 "16: [pseudowire p] local_id: missing");
	cr_assert_eq(calls.check, 1);
}

Test(tunnel_conf, bad_values_and_other_types_keys_refused_on_their_line)
{
	static struct dp_config c;

	cr_assert_str_eq(load("tunnel = dummy\nlocal_id = 0x1ffffffff\n", &c),
			 "21: [pseudowire p] local_id: '0x1ffffffff' is not a number in 0..4294967295");
	cr_assert_str_eq(load("tunnel = dummy\nlocal_id = 7\nkey = 5\n", &c),
			 "22: [pseudowire p] key: not a key of tunnel dummy");
	cr_assert_str_eq(load("tunnel = gre\nlocal_id = 7\n", &c),
			 "21: [pseudowire p] local_id: not a key of tunnel gre");
	cr_assert_str_eq(load("tunnel = vxlan\n", &c),
			 "20: [pseudowire p] tunnel: 'vxlan' is not gre, l2tpv3 or dummy");
	cr_assert_eq(calls.check, 0);
}

Test(tunnel_conf, two_pseudowires_told_apart_by_the_type)
{
	static struct dp_config c;
	const char *second = "tunnel = dummy\nlocal_id = 7\n\n"
		"[pseudowire q]\nvpls = v\nvc_id = 2\npeer = 2001:db8::2\n"
		"tunnel = dummy\nlocal_id = %d\n";
	char entries[256];

	snprintf(entries, sizeof(entries), second, 8);
	cr_assert_str_eq(load(entries, &c), "");
	cr_assert_eq(calls.same_rx, 1);
	snprintf(entries, sizeof(entries), second, 7);
	cr_assert_str_eq(load(entries, &c),
			 "23: [pseudowire q] peer: frames from this peer with this key/session would also match [pseudowire p] (line 16)");
}

static void frames_setup(void)
{
	conf_setup();
	eal_setup();
}

TestSuite(tunnel_frames, .init = frames_setup, .fini = eal_teardown);

static struct addr A(const char *text)
{
	struct addr a;

	cr_assert_eq(addr_parse(text, &a), 0);
	return a;
}

Test(tunnel_frames, encap_and_decap_through_the_type)
{
	struct tunnel t = TUNNEL("dummy", "local_id", "7", "remote_id", "8");
	struct tunnel far = TUNNEL("dummy", "remote_id", "7");
	struct tunnel gre = TUNNEL("gre"), l2tpv3 = TUNNEL("l2tpv3");
	struct addr me = A("2001:db8::1"), peer = A("2001:db8::2");
	uint8_t in[64], want[128];
	size_t n = inner_frame(in), wl = 0;
	struct encap e;
	struct decap d;

	/* Encapsulation: the type's protocol and header. */
	encap_init(&e, &me, &peer, &t, false);
	cr_assert_eq(calls.write, 1);
	struct rte_mbuf *m = mbuf_of(in, n);
	cr_assert_eq(encap_push(m, &e), 0);
	hex(want, &wl, "000000000000 000000000000 86dd 60000000 0044 fd 40");
	hex(want, &wl, "20010db8000000000000000000000001 20010db8000000000000000000000002");
	hex(want, &wl, "d0d0 0000 00000008");
	memcpy(want + wl, in, n);
	assert_frame(m, want, wl + n);
	rte_pktmbuf_free(m);

	/* Decapsulation of the peer's frame: the type's parse and match. */
	encap_init(&e, &peer, &me, &far, false);
	m = mbuf_of(in, n);
	cr_assert_eq(encap_push(m, &e), 0);
	cr_assert_eq(decap_parse(m, &me, &d), DECAP_OK);
	cr_assert_eq(calls.parse, 1);
	cr_assert_eq(d.rx.ops, &dummy);
	cr_assert_eq(d.rx.id, 7);
	cr_assert_eq(d.off, 14 + 40 + 8);
	cr_assert_eq(d.len, n);
	cr_assert_eq(tunnel_match(&t, &d.rx), TUNNEL_DATA);
	/* Not handed to L2TPv3's match, which would read a cookie. */
	cr_assert_eq(tunnel_match(&gre, &d.rx), TUNNEL_MISMATCH);
	cr_assert_eq(tunnel_match(&l2tpv3, &d.rx), TUNNEL_MISMATCH);
	cr_assert_eq(calls.match, 1);
	rte_pktmbuf_free(m);

	/* Its control channel, and a GRE frame it never sees. */
	encap_init(&e, &peer, &me, &t, true);
	m = mbuf_of(in, n);
	cr_assert_eq(encap_push(m, &e), 0);
	cr_assert_eq(decap_parse(m, &me, &d), DECAP_OK);
	cr_assert_eq(tunnel_match(&t, &d.rx), TUNNEL_CC);
	rte_pktmbuf_free(m);
	encap_init(&e, &peer, &me, &gre, false);
	m = mbuf_of(in, n);
	cr_assert_eq(encap_push(m, &e), 0);
	cr_assert_eq(decap_parse(m, &me, &d), DECAP_OK);
	cr_assert_eq(tunnel_match(&t, &d.rx), TUNNEL_MISMATCH);
	cr_assert_eq(calls.parse, 2);
	cr_assert_eq(calls.match, 2);
	rte_pktmbuf_free(m);
}
