/*
 * IPv6/IPv4 addresses; see addr.h.
 */
#include <arpa/inet.h>
#include <string.h>

#include "dataplane/l2vpn/addr.h"

int addr_parse(const char *text, struct addr *out)
{
	memset(out, 0, sizeof(*out));
	if (inet_pton(AF_INET6, text, out->a) == 1)
		return out->af = AF_INET6, 0;
	if (inet_pton(AF_INET, text, out->a) == 1)
		return out->af = AF_INET, 0;
	return -1;
}

const char *addr_str(const struct addr *x, char *buf)
{
	if (!inet_ntop(x->af, x->a, buf, ADDR_STRLEN))
		strcpy(buf, "?");
	return buf;
}

unsigned addr_len(const struct addr *x)
{
	return x->af == AF_INET6 ? 16 : 4;
}

bool addr_eq(const struct addr *x, const struct addr *y)
{
	return x->af == y->af && !memcmp(x->a, y->a, sizeof(x->a));
}

/* Ranges no end of a tunnel can have. */
static const struct {
	uint8_t af, len, bits;          /* prefix of LEN bits */
	uint8_t prefix[16];
	const char *what;
} not_unicast[] = {
	{ AF_INET6, 16, 128, { 0 }, "the unspecified address" },
	{ AF_INET6, 16, 128, { [15] = 1 }, "the loopback address" },
	{ AF_INET6, 16, 8, { 0xff }, "a multicast address" },
	{ AF_INET, 4, 8, { 0 }, "in 0.0.0.0/8 (this network)" },
	{ AF_INET, 4, 8, { 127 }, "a loopback address" },
	{ AF_INET, 4, 4, { 0xe0 }, "a multicast address" },
	{ AF_INET, 4, 4, { 0xf0 }, "in 240.0.0.0/4 (reserved, broadcast)" },
};

static bool in_prefix(const uint8_t *a, const uint8_t *p, unsigned bits)
{
	unsigned whole = bits / 8, rest = bits % 8;

	return !memcmp(a, p, whole) &&
	       (!rest || ((a[whole] ^ p[whole]) & (0xff00 >> rest)) == 0);
}

const char *addr_unicast_problem(const struct addr *x)
{
	for (size_t i = 0; i < sizeof(not_unicast) / sizeof(not_unicast[0]); i++)
		if (not_unicast[i].af == x->af &&
		    in_prefix(x->a, not_unicast[i].prefix, not_unicast[i].bits))
			return not_unicast[i].what;
	return NULL;
}
