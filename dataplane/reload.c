/*
 * See reload.h.  The restart-only settings are tables: a new rule is a
 * row.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bsd/string.h>

#include "dataplane/ifseg.h"
#include "dataplane/l2vpn/conf.h"
#include "dataplane/l2vpn/l2vpn.h"
#include "dataplane/log.h"
#include "dataplane/reload.h"
#include "dataplane/stats.h"

enum field_type { F_STR, F_U16, F_U32, F_BOOL };

struct field {
	const char *key;
	size_t off;
	enum field_type type;
};

static const struct field global_fields[] = {
	{ "shmem_dir", offsetof(struct dp_config, shmem_dir), F_STR },
	{ "mbufs", offsetof(struct dp_config, mbufs), F_U32 },
};

static const struct field port_fields[] = {
	{ "device", offsetof(struct dp_port_conf, device), F_STR },
	{ "mtu", offsetof(struct dp_port_conf, mtu), F_U16 },
	{ "xconnect", offsetof(struct dp_port_conf, xconnect_name), F_STR },
	/* An uplink or AC is polled by the L2VPN's worker, one queue
	 * (see keep_l2vpn_ports). */
	{ "use as an uplink or ac", offsetof(struct dp_port_conf, l2vpn), F_BOOL },
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static bool field_eq(const void *a, const void *b, const struct field *f)
{
	const char *x = (const char *)a + f->off, *y = (const char *)b + f->off;

	switch (f->type) {
	case F_STR: return !strcmp(x, y);
	case F_U16: return *(const uint16_t *)x == *(const uint16_t *)y;
	case F_U32: return *(const uint32_t *)x == *(const uint32_t *)y;
	case F_BOOL: return *(const bool *)x == *(const bool *)y;
	}
	return false;
}

static const char *differs(const void *a, const void *b,
			   const struct field *f, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!field_eq(a, b, &f[i]))
			return f[i].key;
	return NULL;
}

/* What of NEW needs a restart, as text into WHY; false when nothing. */
static bool restart_needed(const struct dp_config *old, const struct dp_config *new,
			   struct shmib_err *why)
{
	const char *key = differs(old, new, global_fields, N(global_fields));

	if (key)
		return shmib_fail(why, "%s: [global] %s", new->file, key), true;
	for (unsigned i = 0; i < old->nports || i < new->nports; i++) {
		const struct dp_port_conf *o = i < old->nports ? &old->port[i] : NULL;
		const struct dp_port_conf *p = i < new->nports ? &new->port[i] : NULL;

		if (!p)
			return shmib_fail(why, "%s: [port %s] removed", new->file, o->name), true;
		if (!o || strcmp(o->name, p->name))
			return shmib_fail(why, "%s:%u: [port %s] added or renamed",
					new->file, p->line, p->name), true;
		if ((key = differs(o, p, port_fields, N(port_fields))))
			return shmib_fail(why, "%s:%u: [port %s] %s",
					new->file, p->line, p->name, key), true;
	}
	if (!old->l2vpn != !new->l2vpn)
		return shmib_fail(why, "%s: the L2VPN sections %s", new->file,
				new->l2vpn ? "added" : "removed"), true;
	return false;
}

/* A port that leaves the L2VPN (its VPLS or AC removed) stays with the
 * L2VPN's worker until a restart, which discards and counts what it
 * receives (ifInDiscards): only joining it needs the restart. */
static void keep_l2vpn_ports(const struct dp_config *old, struct dp_config *new)
{
	for (unsigned i = 0; i < old->nports && i < new->nports; i++)
		if (!strcmp(old->port[i].name, new->port[i].name))
			new->port[i].l2vpn |= old->port[i].l2vpn;
}

int reload_read(const char *file, const char *shmem_dir, struct dp_config *c,
		struct shmib_err *err)
{
	if (dp_config_load(file, c, err) < 0)
		return -1;
	if (shmem_dir && !realpath(shmem_dir, c->shmem_dir) &&
	    strlcpy(c->shmem_dir, shmem_dir, sizeof(c->shmem_dir)) >= sizeof(c->shmem_dir)) {
		shmib_fail(err, "--shmem-dir too long");
		return -1;
	}
	/* The ids files' defaults follow the final directory. */
	return l2vpn_conf_paths(c->l2vpn, c, err);
}

static void apply_ports(struct dp *dp, const struct dp_config *c)
{
	for (unsigned i = 0; i < dp->nports; i++) {
		struct dp_port *p = &dp->port[i];
		const struct dp_port_conf *n = &c->port[i];

		if (strcmp(p->conf->ifname, n->ifname) || strcmp(p->conf->alias, n->alias))
			ifseg_set_names(p->seg, n->ifname, n->alias);
		p->conf = n;
	}
}

static void drop(struct dp_config *c)
{
	free(c->l2vpn);
	free(c);
}

/* The configuration the last reload read (the one before it is
 * freed); main()'s own stays as it is. */
static struct dp_config *owned;

int reload_apply(struct dp *dp, const char *file, const char *shmem_dir)
{
	struct dp_config *c = calloc(1, sizeof(*c));
	const struct dp_config *old = dp->cfg;
	struct shmib_err err;

	if (!c)
		return dp_log(LOG_ERR, "reload: out of memory"), -1;
	if (reload_read(file, shmem_dir, c, &err) < 0) {
		dp_log(LOG_ERR, "reload: %s; the configuration in force stays", err.msg);
		return drop(c), -1;
	}
	keep_l2vpn_ports(old, c);
	if (restart_needed(old, c, &err)) {
		dp_log(LOG_WARNING, "reload refused: %s needs a restart; the configuration in force stays",
		       err.msg);
		return drop(c), -1;
	}
	if (l2vpn_reload(c, dp->port) < 0) {
		dp_log(LOG_ERR, "reload: %s: the L2VPN could not be rebuilt; the configuration in force stays",
		       file);
		return drop(c), -1;
	}
	apply_ports(dp, c);
	dp->cfg = c;
	if (c->publish_ms != old->publish_ms) {
		stats_every(c->publish_ms);
		if (c->l2vpn)
			l2vpn_publish_every(c->publish_ms);
	}
	if (owned)
		drop(owned);
	owned = c;
	dp_log(LOG_INFO, "reloaded %s", file);
	return 0;
}
