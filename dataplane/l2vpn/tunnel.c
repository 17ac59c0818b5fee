/*
 * GRE and L2TPv3 headers; wire formats in tunnel.h.
 */
#include <string.h>

#include <rte_byteorder.h>
#include <rte_ip.h>

#include "dataplane/l2vpn/tunnel.h"

#define GRE_C     0x8000
#define GRE_K     0x2000
#define GRE_S     0x1000
#define GRE_VER   0x0007
#define L2TPV3_HDR_LEN 12

static const struct {
	const char *name;
	uint8_t proto;
} types[] = {
	[TUNNEL_GRE]    = { "gre",    TUNNEL_GRE_PROTO },
	[TUNNEL_L2TPV3] = { "l2tpv3", TUNNEL_L2TPV3_PROTO },
};

const char *tunnel_type_name(enum tunnel_type type)
{
	return types[type].name;
}

int tunnel_type_parse(const char *name)
{
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (!strcmp(name, types[i].name))
			return i;
	return -1;
}

uint8_t tunnel_proto(enum tunnel_type type)
{
	return types[type].proto;
}

size_t tunnel_hdr_len(const struct tunnel *t)
{
	if (t->type == TUNNEL_L2TPV3)
		return L2TPV3_HDR_LEN;
	return t->has_key ? 8 : 4;
}

static void put16(uint8_t *p, uint16_t v)
{
	v = rte_cpu_to_be_16(v);
	memcpy(p, &v, 2);
}

static void put32(uint8_t *p, uint32_t v)
{
	v = rte_cpu_to_be_32(v);
	memcpy(p, &v, 4);
}

static uint16_t get16(const uint8_t *p)
{
	uint16_t v;

	memcpy(&v, p, 2);
	return rte_be_to_cpu_16(v);
}

static uint32_t get32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return rte_be_to_cpu_32(v);
}

size_t tunnel_write(const struct tunnel *t, bool cc, uint8_t *buf)
{
	if (t->type == TUNNEL_L2TPV3) {
		put32(buf, cc ? TUNNEL_CC_ID : t->remote_session);
		memcpy(buf + 4, t->remote_cookie, 8);
		return L2TPV3_HDR_LEN;
	}
	/* The control channel needs the key field to be told apart. */
	bool key = t->has_key || cc;
	put16(buf, key ? GRE_K : 0);
	put16(buf + 2, TUNNEL_GRE_TEB);
	if (!key)
		return 4;
	put32(buf + 4, cc ? TUNNEL_CC_ID : t->key);
	return 8;
}

static int gre_parse(const uint8_t *buf, size_t len, struct tunnel_rx *rx)
{
	if (len < 4)
		return -1;
	uint16_t flags = get16(buf);
	size_t n = 4;

	if ((flags & GRE_VER) || get16(buf + 2) != TUNNEL_GRE_TEB)
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
		rx->id = get32(buf + n);
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

static int l2tpv3_parse(const uint8_t *buf, size_t len, struct tunnel_rx *rx)
{
	if (len < L2TPV3_HDR_LEN)
		return -1;
	rx->has_key = true;
	rx->id = get32(buf);
	rx->cookie = buf + 4;
	rx->hdr_len = L2TPV3_HDR_LEN;
	return rx->id ? 0 : -1;
}

int tunnel_parse(uint8_t proto, const uint8_t *buf, size_t len,
		 struct tunnel_rx *rx)
{
	if (proto == TUNNEL_GRE_PROTO)
		return gre_parse(buf, len, rx);
	if (proto == TUNNEL_L2TPV3_PROTO)
		return l2tpv3_parse(buf, len, rx);
	return -1;
}

enum tunnel_verdict tunnel_match(const struct tunnel *t,
				 const struct tunnel_rx *rx)
{
	if (t->type == TUNNEL_L2TPV3) {
		if (memcmp(rx->cookie, t->local_cookie, 8))
			return TUNNEL_MISMATCH;
		if (rx->id == TUNNEL_CC_ID)
			return TUNNEL_CC;
		return rx->id == t->local_session ? TUNNEL_DATA
						  : TUNNEL_MISMATCH;
	}
	if (rx->has_key && rx->id == TUNNEL_CC_ID)
		return TUNNEL_CC;
	if (rx->has_key != t->has_key || (rx->has_key && rx->id != t->key))
		return TUNNEL_MISMATCH;
	return TUNNEL_DATA;
}
