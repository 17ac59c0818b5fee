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
