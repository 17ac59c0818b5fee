/*
 * GRE (RFC 2784, key extension RFC 2890), IP protocol 47:
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   |C|0|K|S|  Reserved0      | Ver |   Protocol Type 0x6558        |
 *   |      Checksum (if C)          |       Reserved1 (if C)        |
 *   |                         Key (if K)                            |
 *   |                  Sequence Number (if S)                       |
 *
 * We send C=0, S=0, Ver=0, K=1 with the configured key (or K=0 when the
 * pseudowire has no key).  We accept C and S from a peer (a checksum
 * present must be right; the sequence number is ignored), Ver must be
 * 0 and the protocol 0x6558 (transparent Ethernet bridging).  The
 * control channel is sent with K=1 and key TUNNEL_CC_ID, so that key
 * is refused as a pseudowire's.
 *
 * Keys of a [pseudowire]:  key = 0x12345678   optional (none: no key
 *                                             field), both directions
 */
#include <stdio.h>

#include <rte_ip.h>

#include "dataplane/cfgkeys.h"
#include "dataplane/l2vpn/tunnel.h"

#define GRE_C     0x8000
#define GRE_K     0x2000
#define GRE_S     0x1000
#define GRE_VER   0x0007
#define GRE_TEB   0x6558
#define GRE_PROTO 47
#define GRE_SENT_MAX 8                  /* what we send: no C, no S */

struct gre {
	bool has_key;                   /* the K bit */
	uint32_t key;
};
_Static_assert(sizeof(struct gre) <= TUNNEL_PARAM_MAX, "GRE parameters");
_Static_assert(GRE_SENT_MAX <= TUNNEL_HDR_MAX, "GRE header");

static const struct gre *gre_of(const struct tunnel *t)
{
	return (const struct gre *)t->param;
}

static int gre_parse_key(const char *v, void *dst, struct shmib_err *why)
{
	struct gre *g = dst;

	if (tunnel_parse_u32(v, &g->key, why) < 0)
		return -1;
	g->has_key = true;
	return 0;
}

static const struct cfg_key keys[] = {
	{ "key", gre_parse_key, 0 },
	{ NULL },
};

static const char *gre_check(const struct tunnel *t, const char **key)
{
	const struct gre *g = gre_of(t);

	*key = "key";
	return g->has_key && g->key == TUNNEL_CC_ID ?
	       "0xfffffffe is reserved for the control channel" : NULL;
}

static bool gre_same_rx(const struct tunnel *a, const struct tunnel *b)
{
	const struct gre *x = gre_of(a), *y = gre_of(b);

	return x->has_key == y->has_key && (!x->has_key || x->key == y->key);
}

static size_t gre_write(const struct tunnel *t, bool cc, uint8_t *buf)
{
	const struct gre *g = gre_of(t);
	/* The control channel needs the key field to be told apart. */
	bool key = g->has_key || cc;

	tunnel_put16(buf, key ? GRE_K : 0);
	tunnel_put16(buf + 2, GRE_TEB);
	if (!key)
		return 4;
	tunnel_put32(buf + 4, cc ? TUNNEL_CC_ID : g->key);
	return 8;
}

static int gre_parse(const uint8_t *buf, size_t len, struct tunnel_rx *rx)
{
	if (len < 4)
		return -1;
	uint16_t flags = tunnel_get16(buf);
	size_t n = 4;

	if ((flags & GRE_VER) || tunnel_get16(buf + 2) != GRE_TEB)
		return -1;
	if (flags & GRE_C) {
		/* The checksum covers the GRE header and its payload. */
		if (len < 8 || rte_raw_cksum(buf, len) != 0xffff)
			return -1;
		n += 4;
	}
	rx->has_key = flags & GRE_K;
	rx->id = 0;
	if (rx->has_key) {
		if (len < n + 4)
			return -1;
		rx->id = tunnel_get32(buf + n);
		n += 4;
	}
	if (flags & GRE_S)
		n += 4;
	if (len < n)
		return -1;
	rx->cookie = NULL;
	rx->hdr_len = n;
	return 0;
}

static enum tunnel_verdict gre_match(const struct tunnel *t,
				     const struct tunnel_rx *rx)
{
	const struct gre *g = gre_of(t);

	if (rx->has_key && rx->id == TUNNEL_CC_ID)
		return TUNNEL_CC;
	if (rx->has_key != g->has_key || (rx->has_key && rx->id != g->key))
		return TUNNEL_MISMATCH;
	return TUNNEL_DATA;
}

static void gre_labels(const struct tunnel *t, uint32_t *in, uint32_t *out)
{
	*in = *out = gre_of(t)->key;
}

static void gre_describe(const struct tunnel *t, char *buf, size_t len)
{
	const struct gre *g = gre_of(t);

	if (g->has_key)
		snprintf(buf, len, "gre key 0x%08x", g->key);
	else
		snprintf(buf, len, "gre");
}

/* The key follows the first word, the same both ways. */
static void gre_filter(const struct tunnel *t, bool out, const char *ip,
		       unsigned hdr, char *buf, size_t len)
{
	const struct gre *g = gre_of(t);

	(void)out;
	*buf = '\0';
	if (g->has_key)
		snprintf(buf, len, " and %s[%u:4] = 0x%08x", ip, hdr + 4, g->key);
}

const struct tunnel_ops tunnel_gre = {
	.name = "gre",
	.proto = GRE_PROTO,
	.hdr_max = GRE_SENT_MAX,
	/* pwPsnType other(6): IANAPwPsnTypeTC has no plain GRE, and its
	 * mplsOverGre(5) is MPLS inside GRE, which we do not carry.
	 * cpwVcPsnType gre(5). */
	.pw_psn_type = 6,
	.cpw_psn_type = 5,
	.keys = keys,
	.check = gre_check,
	.same_rx = gre_same_rx,
	.write = gre_write,
	.parse = gre_parse,
	.match = gre_match,
	.labels = gre_labels,
	.describe = gre_describe,
	.filter = gre_filter,
};
