/*
 * L2TPv3 over IP (RFC 3931 section 4.1.1.2, as the "keyed IPv6 tunnel"
 * of RFC 8159), IP protocol 115, no L2-specific sublayer:
 *
 *   |                      Session ID (32)                          |
 *   |                      Cookie (64)                              |
 *   |                                                               |
 *
 * We send the remote session ID and remote cookie; we accept only the
 * local session ID with the local cookie.  Session ID 0 (an L2TPv3
 * control message) is refused.  The control channel is sent with
 * session ID TUNNEL_CC_ID and the remote cookie, so that session ID is
 * refused as a pseudowire's.
 *
 * Keys of a [pseudowire], all required:
 *   local_session = 0x11111111      what we accept
 *   remote_session = 0x22222222     what we send
 *   local_cookie = 0x0011223344556677   64 bits, in wire order
 *   remote_cookie = 0x8899aabbccddeeff
 */
#include <stdio.h>
#include <stdlib.h>

#include "dataplane/cfgkeys.h"
#include "dataplane/l2vpn/tunnel.h"
#include "shm/err.h"

#define L2TPV3_PROTO   115
#define L2TPV3_HDR_LEN 12
#define COOKIE_LEN     8

struct l2tpv3 {
	uint32_t local_session, remote_session;
	uint8_t local_cookie[COOKIE_LEN], remote_cookie[COOKIE_LEN];
	bool has_local_cookie, has_remote_cookie;
};
_Static_assert(sizeof(struct l2tpv3) <= TUNNEL_PARAM_MAX, "L2TPv3 parameters");
_Static_assert(L2TPV3_HDR_LEN <= TUNNEL_HDR_MAX, "L2TPv3 header");

static const struct l2tpv3 *l2tpv3_of(const struct tunnel *t)
{
	return (const struct l2tpv3 *)t->param;
}

/* A 64-bit cookie: "0x" and 16 hex digits, in wire order. */
static int parse_cookie(const char *v, uint8_t *c, struct shmib_err *why)
{
	if (strncmp(v, "0x", 2) || strlen(v) != 18 ||
	    strspn(v + 2, "0123456789abcdefABCDEF") != 16)
		return shmib_fail(why, "'%s' is not a 64-bit cookie (0x and 16 hex digits)", v);
	for (int i = 0; i < COOKIE_LEN; i++) {
		char b[3] = { v[2 + 2 * i], v[3 + 2 * i], 0 };
		c[i] = strtoul(b, NULL, 16);
	}
	return 0;
}

static int parse_local_cookie(const char *v, void *dst, struct shmib_err *why)
{
	struct l2tpv3 *l = dst;

	l->has_local_cookie = true;
	return parse_cookie(v, l->local_cookie, why);
}

static int parse_remote_cookie(const char *v, void *dst, struct shmib_err *why)
{
	struct l2tpv3 *l = dst;

	l->has_remote_cookie = true;
	return parse_cookie(v, l->remote_cookie, why);
}

static const struct cfg_key keys[] = {
	{ "local_session", tunnel_parse_u32, offsetof(struct l2tpv3, local_session) },
	{ "remote_session", tunnel_parse_u32, offsetof(struct l2tpv3, remote_session) },
	{ "local_cookie", parse_local_cookie, 0 },
	{ "remote_cookie", parse_remote_cookie, 0 },
	{ NULL },
};

/* A session ID we may send or accept as data. */
static bool session_ok(uint32_t id)
{
	return id && id != TUNNEL_CC_ID;
}

static const char *l2tpv3_check(const struct tunnel *t, const char **key)
{
	const struct l2tpv3 *l = l2tpv3_of(t);

	if (!session_ok(l->local_session) || !session_ok(l->remote_session)) {
		*key = session_ok(l->local_session) ? "remote_session" : "local_session";
		return "missing, 0 or the reserved 0xfffffffe";
	}
	if (!l->has_local_cookie || !l->has_remote_cookie) {
		*key = l->has_local_cookie ? "remote_cookie" : "local_cookie";
		return "missing";
	}
	return NULL;
}

static bool l2tpv3_same_rx(const struct tunnel *a, const struct tunnel *b)
{
	return l2tpv3_of(a)->local_session == l2tpv3_of(b)->local_session;
}

static size_t l2tpv3_write(const struct tunnel *t, bool cc, uint8_t *buf)
{
	const struct l2tpv3 *l = l2tpv3_of(t);

	tunnel_put32(buf, cc ? TUNNEL_CC_ID : l->remote_session);
	memcpy(buf + 4, l->remote_cookie, COOKIE_LEN);
	return L2TPV3_HDR_LEN;
}

static int l2tpv3_parse(const uint8_t *buf, size_t len, struct tunnel_rx *rx)
{
	if (len < L2TPV3_HDR_LEN)
		return -1;
	rx->has_key = true;
	rx->id = tunnel_get32(buf);
	rx->cookie = buf + 4;
	rx->hdr_len = L2TPV3_HDR_LEN;
	return rx->id ? 0 : -1;
}

static enum tunnel_verdict l2tpv3_match(const struct tunnel *t,
					const struct tunnel_rx *rx)
{
	const struct l2tpv3 *l = l2tpv3_of(t);

	if (memcmp(rx->cookie, l->local_cookie, COOKIE_LEN))
		return TUNNEL_MISMATCH;
	if (rx->id == TUNNEL_CC_ID)
		return TUNNEL_CC;
	return rx->id == l->local_session ? TUNNEL_DATA : TUNNEL_MISMATCH;
}

static void l2tpv3_labels(const struct tunnel *t, uint32_t *in, uint32_t *out)
{
	*in = l2tpv3_of(t)->local_session;
	*out = l2tpv3_of(t)->remote_session;
}

static void l2tpv3_describe(const struct tunnel *t, char *buf, size_t len)
{
	snprintf(buf, len, "l2tpv3 local_session 0x%08x remote_session 0x%08x",
		 l2tpv3_of(t)->local_session, l2tpv3_of(t)->remote_session);
}

/* The session ID opens the header: ours in, the peer's out. */
static void l2tpv3_filter(const struct tunnel *t, bool out, const char *ip,
			  unsigned hdr, char *buf, size_t len)
{
	const struct l2tpv3 *l = l2tpv3_of(t);

	snprintf(buf, len, " and %s[%u:4] = 0x%08x", ip, hdr,
		 out ? l->remote_session : l->local_session);
}

const struct tunnel_ops tunnel_l2tpv3 = {
	.name = "l2tpv3",
	.proto = L2TPV3_PROTO,
	.hdr_max = L2TPV3_HDR_LEN,
	.pw_psn_type = 2,               /* pwPsnType l2tp(2) */
	.cpw_psn_type = 2,              /* cpwVcPsnType l2tp(2) */
	.keys = keys,
	.check = l2tpv3_check,
	.same_rx = l2tpv3_same_rx,
	.write = l2tpv3_write,
	.parse = l2tpv3_parse,
	.match = l2tpv3_match,
	.labels = l2tpv3_labels,
	.describe = l2tpv3_describe,
	.filter = l2tpv3_filter,
};
