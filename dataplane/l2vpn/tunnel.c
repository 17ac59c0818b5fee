/*
 * The table of tunnel types; what a type gives in tunnel.h, each type
 * in tunnels/.
 */
#include <stdio.h>
#include <string.h>

#include "dataplane/cfgkeys.h"
#include "dataplane/l2vpn/tunnel.h"
#include "shm/err.h"

extern const struct tunnel_ops tunnel_gre, tunnel_l2tpv3;

/* The types built in, then those added at run time. */
static const struct tunnel_ops *types[TUNNEL_TYPES_MAX] = {
	&tunnel_gre,
	&tunnel_l2tpv3,
};

const struct tunnel_ops *tunnel_type_at(unsigned i)
{
	return i < TUNNEL_TYPES_MAX ? types[i] : NULL;
}

const struct tunnel_ops *tunnel_type_find(const char *name)
{
	const struct tunnel_ops *o;

	for (unsigned i = 0; (o = tunnel_type_at(i)); i++)
		if (!strcmp(o->name, name))
			return o;
	return NULL;
}

const struct tunnel_ops *tunnel_type_of_proto(uint8_t proto)
{
	const struct tunnel_ops *o;

	for (unsigned i = 0; (o = tunnel_type_at(i)); i++)
		if (o->proto == proto)
			return o;
	return NULL;
}

const char *tunnel_type_names(char *buf, size_t len)
{
	const struct tunnel_ops *o;
	size_t n = 0;

	*buf = '\0';
	for (unsigned i = 0; (o = tunnel_type_at(i)) && n < len; i++)
		n += snprintf(buf + n, len - n, "%s%s",
			      !i ? "" : tunnel_type_at(i + 1) ? ", " : " or ", o->name);
	return buf;
}

static unsigned nkeys(const struct cfg_key *k)
{
	unsigned n = 0;

	while (k[n].name)
		n++;
	return n;
}

const char *tunnel_type_add(const struct tunnel_ops *ops)
{
	unsigned i = 0;

	if (tunnel_type_find(ops->name))
		return "a type of that name exists";
	if (tunnel_type_of_proto(ops->proto))
		return "a type of that IP protocol exists";
	if (nkeys(ops->keys) > TUNNEL_KEYS_MAX)
		return "more keys than TUNNEL_KEYS_MAX";
	if (ops->hdr_max > TUNNEL_HDR_MAX)
		return "a header longer than TUNNEL_HDR_MAX";
	if (!ops->pw_psn_type || !ops->cpw_psn_type)
		return "no PSN types";
	while (i < TUNNEL_TYPES_MAX && types[i])
		i++;
	if (i == TUNNEL_TYPES_MAX)
		return "the table is full";
	types[i] = ops;
	return NULL;
}

int tunnel_set(struct tunnel *t, const char *key, const char *v,
	       struct shmib_err *why)
{
	for (const struct cfg_key *k = t->ops->keys; k->name; k++)
		if (!strcmp(k->name, key))
			return k->parse(v, t->param + k->off, why);
	return shmib_fail(why, "not a key of tunnel %s", t->ops->name);
}

int tunnel_parse_u32(const char *v, void *dst, struct shmib_err *why)
{
	unsigned long long n;

	if (cfg_parse_num(v, 0, UINT32_MAX, NULL, &n, why) < 0)
		return -1;
	*(uint32_t *)dst = n;
	return 0;
}
