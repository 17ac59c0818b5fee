/*
 * L2VPN configuration sections; layout in conf.h.
 */
#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bsd/string.h>
#include <rte_cfgfile.h>

#include "dataplane/cfgkeys.h"
#include "dataplane/l2vpn/cc.h"
#include "dataplane/l2vpn/conf.h"
#include "shm/shm.h"

static int parse_text(const char *v, void *dst, struct shmib_err *why)
{
	(void)why;
	strlcpy(dst, v, DP_VALUE_MAX);
	return 0;
}

/* Every address of the configuration is a unicast one: an uplink's,
 * its next hop, a peer. */
static int parse_addr(const char *v, void *dst, struct shmib_err *why)
{
	const char *problem;

	if (addr_parse(v, dst) < 0)
		return shmib_fail(why, "'%s' is not an IPv6 or IPv4 address", v);
	if ((problem = addr_unicast_problem(dst)))
		return shmib_fail(why, "'%s' is %s, not a unicast address", v, problem);
	return 0;
}

#define NUM_PARSER(fn, type, min, max)					\
static int fn(const char *v, void *dst, struct shmib_err *why)			\
{									\
	unsigned long long n;						\
									\
	if (cfg_parse_num(v, min, max, NULL, &n, why) < 0)		\
		return -1;						\
	*(type *)dst = n;						\
	return 0;							\
}

NUM_PARSER(parse_vc_id, uint32_t, 1, UINT32_MAX)
NUM_PARSER(parse_table, uint32_t, 16, 1048576)
NUM_PARSER(parse_aging, uint32_t, 1, 86400)
NUM_PARSER(parse_high, uint32_t, 1, 100)
NUM_PARSER(parse_low, uint32_t, 0, 99)
NUM_PARSER(parse_heartbeat, uint16_t, 0, 3600)
NUM_PARSER(parse_dead, uint16_t, 1, 100)

static int parse_mac(const char *v, void *dst, struct shmib_err *why)
{
	struct uplink_conf *u = dst;
	unsigned b[6];
	char end;

	if (sscanf(v, "%2x:%2x:%2x:%2x:%2x:%2x%c", &b[0], &b[1], &b[2], &b[3],
		   &b[4], &b[5], &end) != 6 || (b[0] & 1))
		return shmib_fail(why, "'%s' is not a unicast MAC address", v);
	for (int i = 0; i < 6; i++)
		u->mac[i] = b[i];
	u->has_mac = true;
	return 0;
}

/* section_elem() finds the type before the entries are parsed (its
 * keys depend on it); here an unknown one is refused on its line. */
static int parse_tunnel(const char *v, void *dst, struct shmib_err *why)
{
	struct pw_conf *p = dst;
	char names[256];

	if (!(p->tunnel.ops = tunnel_type_find(v)))
		return shmib_fail(why, "'%s' is not %s", v,
				  tunnel_type_names(names, sizeof(names)));
	return 0;
}

/* A key of a tunnel type other than the pseudowire's. */
static int parse_other_tunnel_key(const char *v, void *dst, struct shmib_err *why)
{
	const struct pw_conf *p = dst;

	(void)v;
	if (p->tunnel.ops)
		return shmib_fail(why, "not a key of tunnel %s", p->tunnel.ops->name);
	return shmib_fail(why, "a tunnel key, and no known tunnel type is given");
}

/* "yes" or "no", stored negated: the default (zero) is yes. */
static int parse_no(const char *v, void *dst, struct shmib_err *why)
{
	if (strcmp(v, "yes") && strcmp(v, "no"))
		return shmib_fail(why, "'%s' is not yes or no", v);
	*(bool *)dst = !strcmp(v, "no");
	return 0;
}

#define AT(type, field) offsetof(struct type, field)

static const struct cfg_key global_keys[] = {
	{ "vpls_ids", cfg_parse_path, AT(l2vpn_conf, vpls_ids) },
	{ "pseudowire_ids", cfg_parse_path, AT(l2vpn_conf, pw_ids) },
	{ "pw_perf_table", parse_no, AT(l2vpn_conf, no_perf_table) },
	{ NULL },
};

static const struct cfg_key uplink_keys[] = {
	{ "port", cfg_parse_name, AT(uplink_conf, port_name) },
	{ "address", parse_addr, AT(uplink_conf, addr) },
	{ "next_hop", parse_addr, AT(uplink_conf, next_hop) },
	{ "next_hop_mac", parse_mac, 0 },
	{ NULL },
};

static const struct cfg_key vpls_keys[] = {
	{ "description", parse_text, AT(vpls_conf, descr) },
	{ "mtu", cfg_parse_mtu, AT(vpls_conf, mtu) },
	{ "uplink", cfg_parse_name, AT(vpls_conf, uplink_name) },
	{ "ac", parse_text, AT(vpls_conf, ac_names) },
	{ "mac_table", parse_table, AT(vpls_conf, mac_table) },
	{ "mac_aging", parse_aging, AT(vpls_conf, mac_aging) },
	{ "fwd_full_high", parse_high, AT(vpls_conf, fwd_high) },
	{ "fwd_full_low", parse_low, AT(vpls_conf, fwd_low) },
	{ NULL },
};

static const struct cfg_key pw_keys[] = {
	{ "vpls", cfg_parse_name, AT(pw_conf, vpls_name) },
	{ "vc_id", parse_vc_id, AT(pw_conf, vc_id) },
	{ "peer", parse_addr, AT(pw_conf, peer) },
	{ "tunnel", parse_tunnel, 0 },
	{ "heartbeat", parse_heartbeat, AT(pw_conf, heartbeat) },
	{ "dead_factor", parse_dead, AT(pw_conf, dead_factor) },
	{ NULL },
};

#define PW_KEYS_MAX (sizeof(pw_keys) / sizeof(pw_keys[0]) + \
		     TUNNEL_TYPES_MAX * TUNNEL_KEYS_MAX)

/* A pseudowire's keys: pw_keys, the keys of its tunnel type OWN (into
 * its parameters; none while OWN is NULL), and the other types' keys,
 * refused by name. */
static void pw_keys_of(const struct tunnel_ops *own, struct cfg_key *out)
{
	const size_t param = AT(pw_conf, tunnel) + offsetof(struct tunnel, param);
	const struct tunnel_ops *o;
	size_t n = 0;

	for (const struct cfg_key *k = pw_keys; k->name; k++)
		out[n++] = *k;
	for (const struct cfg_key *k = own ? own->keys : NULL; k && k->name; k++)
		out[n++] = (struct cfg_key){ k->name, k->parse, param + k->off };
	for (unsigned i = 0; (o = tunnel_type_at(i)); i++)
		for (const struct cfg_key *k = o->keys; o != own && k->name; k++)
			out[n++] = (struct cfg_key){ k->name, parse_other_tunnel_key, 0 };
	out[n].name = NULL;
}

/* A new element of KIND named NAME in ARRAY (N used of MAX), zeroed. */
static void *new_elem(const struct cfg_where *w, unsigned line, void *array,
		      size_t size, unsigned *n, unsigned max, const char *name)
{
	char *a = array;
	const char *why = shm_listed_name_problem(name, strlen(name));

	/* VPLS and pseudowire names name segments and are listed in the
	 * ids files; uplinks follow the same rule. */
	if (why)
		return cfg_fail(w, line, NULL, "bad name '%s': %s", name, why), NULL;
	for (unsigned i = 0; i < *n; i++)
		if (!strcmp(a + i * size, name))
			return cfg_fail(w, line, NULL, "given twice"), NULL;
	if (*n == max)
		return cfg_fail(w, line, NULL, "more than %u of these", max), NULL;
	char *e = a + (*n)++ * size;
	memset(e, 0, size);
	strlcpy(e, name, DP_NAME_MAX);  /* every kind starts with its name */
	return e;
}

/* The element a section is about, and the keys it takes (a
 * pseudowire's written into PWK, PW_KEYS_MAX of them). */
static void *section_elem(struct l2vpn_conf *c, const struct cfg_where *w,
			  struct rte_cfgfile *cfg, unsigned line,
			  const struct cfg_key **keys, struct cfg_key *pwk)
{
	const char *s = w->section, *name = s + strcspn(s, " \t");

	name += strspn(name, " \t");
	if (!strcmp(s, "l2vpn")) {
		if (c->seen_global)
			return cfg_fail(w, line, NULL, "given twice"), NULL;
		c->seen_global = true;
		c->line = line;
		*keys = global_keys;
		return c;
	}
	if (!strncmp(s, "uplink", 6)) {
		struct uplink_conf *u = new_elem(w, line, c->uplink, sizeof(c->uplink[0]),
						 &c->nuplinks, L2VPN_UPLINKS_MAX, name);
		*keys = uplink_keys;
		if (u)
			u->line = line;
		return u;
	}
	if (!strncmp(s, "vpls", 4)) {
		struct vpls_conf *v = new_elem(w, line, c->vpls, sizeof(c->vpls[0]),
					       &c->nvpls, L2VPN_VPLS_MAX, name);
		*keys = vpls_keys;
		if (v) {
			v->mtu = DP_DEFAULT_MTU;
			v->mac_table = 4096;
			v->mac_aging = 300;
			v->fwd_high = 95;       /* VPLS-GENERIC-MIB's DEFVALs */
			v->fwd_low = 90;
			v->line = line;
		}
		return v;
	}
	struct pw_conf *p = new_elem(w, line, c->pw, sizeof(c->pw[0]), &c->npws,
				     L2VPN_PWS_MAX, name);
	if (p) {
		/* Its tunnel type says which other keys it has. */
		const char *type = rte_cfgfile_get_entry(cfg, s, "tunnel");

		p->tunnel.ops = type ? tunnel_type_find(type) : NULL;
		p->heartbeat = CC_DEFAULT_HEARTBEAT;
		p->dead_factor = CC_DEFAULT_DEAD;
		p->line = line;
		pw_keys_of(p->tunnel.ops, pwk);
	}
	*keys = pwk;
	return p;
}

bool l2vpn_conf_claims(const char *section)
{
	static const char *const kinds[] = { "uplink", "vpls", "pseudowire" };

	if (!strcmp(section, "l2vpn"))
		return true;
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		size_t n = strlen(kinds[i]);
		if (!strncmp(section, kinds[i], n) && isspace((unsigned char)section[n]))
			return true;
	}
	return false;
}

int l2vpn_conf_section(struct l2vpn_conf **cp, const char *file,
		       struct rte_cfgfile *cfg, unsigned s,
		       const struct cfglines *lines, struct shmib_err *err)
{
	char section[CFG_NAME_LEN];
	struct cfg_where w = { file, section, lines, err };
	const struct cfg_key *keys;
	struct cfg_key pwk[PW_KEYS_MAX];
	void *base;

	if (rte_cfgfile_section_num_entries_by_index(cfg, section, s) < 0)
		return cfg_fail(&w, lines->section[s], NULL, "unreadable section");
	if (!*cp && !(*cp = calloc(1, sizeof(**cp))))
		return shmib_fail(err, "%s: out of memory", file);
	base = section_elem(*cp, &w, cfg, lines->section[s], &keys, pwk);
	if (!base)
		return -1;
	return cfg_parse_section(&w, cfg, s, keys, base);
}
