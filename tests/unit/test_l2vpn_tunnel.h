/*
 * Tunnels for the L2VPN unit tests, built as the configuration builds
 * them: a type by name, then its keys.
 */
#ifndef TEST_L2VPN_TUNNEL_H
#define TEST_L2VPN_TUNNEL_H

#include <criterion/criterion.h>

#include "dataplane/cfgkeys.h"
#include "dataplane/l2vpn/tunnel.h"
#include "shm/err.h"

/* A tunnel of type TYPE with KV: key, value, ..., NULL. */
static inline struct tunnel tunnel_of(const char *type, const char *const *kv)
{
	struct tunnel t = { .ops = tunnel_type_find(type) };
	struct shmib_err why;

	cr_assert(t.ops, "no tunnel type %s", type);
	for (; *kv; kv += 2)
		cr_assert_eq(tunnel_set(&t, kv[0], kv[1], &why), 0, "%s = %s: %s",
			     kv[0], kv[1], why.msg);
	return t;
}

#define TUNNEL(type, ...) tunnel_of(type, (const char *const[]){ __VA_ARGS__ __VA_OPT__(,) NULL })

#endif
