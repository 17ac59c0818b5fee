/*
 * Cross-checks of the L2VPN sections once the whole file is read:
 * every name refers to something that exists, ports serve one role,
 * address families agree, and received frames map to one pseudowire.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <bsd/string.h>

#include "dataplane/l2vpn/conf.h"

#define SECTION_MAX (DP_NAME_MAX + 16)

static int fail(struct shmib_err *err, const char *file, unsigned line, const char *kind,
		const char *name, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));

static int fail(struct shmib_err *err, const char *file, unsigned line, const char *kind,
		const char *name, const char *key, const char *fmt, ...)
{
	struct shmib_err why;
	va_list ap;

	va_start(ap, fmt);
	shmib_vfail(&why, fmt, ap);
	va_end(ap);
	return shmib_fail(err, "%s:%u: [%s %s] %s: %s", file, line, kind,
			  name, key, why.msg);
}

/* The index of the element named NAME in ARRAY (N elements of SIZE
 * bytes, each starting with its name), or -1. */
static int find_named(const void *array, unsigned n, size_t size, const char *name)
{
	for (unsigned i = 0; i < n; i++)
		if (!strcmp((const char *)array + i * size, name))
			return i;
	return -1;
}

static int find_port(const struct dp_config *dp, const char *name)
{
	return find_named(dp->port, dp->nports, sizeof(dp->port[0]), name);
}

/* Claims port NAME for an uplink; why not, or NULL. */
static const char *claim(struct dp_config *dp, const char *name, int *idx)
{
	*idx = find_port(dp, name);
	if (*idx < 0)
		return "no such [port]";
	if (dp->port[*idx].xconnect != DP_NO_PORT)
		return "the port is cross-connected";
	if (dp->port[*idx].l2vpn)
		return "the port already serves another uplink or VPLS";
	dp->port[*idx].l2vpn = true;
	return NULL;
}

static bool is_uplink(const struct l2vpn_conf *c, int port)
{
	for (unsigned i = 0; i < c->nuplinks; i++)
		if (c->uplink[i].port == port)
			return true;
	return false;
}

static bool ac_taken(const struct l2vpn_conf *c, int port, uint16_t vlan)
{
	for (unsigned i = 0; i < c->nvpls; i++)
		for (unsigned a = 0; a < c->vpls[i].nac; a++)
			if (c->vpls[i].ac[a] == port && c->vpls[i].ac_vlan[a] == vlan)
				return true;
	return false;
}

/* Claims "PORT" or "PORT.VLAN" as the next AC of V; why not, or NULL.
 * ACs of earlier VPLS sections are already in C. */
static const char *claim_ac(struct l2vpn_conf *c, struct vpls_conf *v,
			    struct dp_config *dp, char *name)
{
	char *dot = strrchr(name, '.'), *end;
	unsigned long vlan = 0;
	int port;

	if (dot && find_port(dp, name) < 0) {
		vlan = strtoul(dot + 1, &end, 10);
		if (!dot[1] || *end || vlan < 1 || vlan > 4094)
			return "not PORT or PORT.VLAN (VLAN 1..4094)";
		*dot = '\0';
	}
	port = find_port(dp, name);
	if (port < 0)
		return "no such [port]";
	if (dp->port[port].xconnect != DP_NO_PORT)
		return "the port is cross-connected";
	if (is_uplink(c, port))
		return "the port is an uplink";
	if (ac_taken(c, port, vlan))
		return "already an attachment circuit";
	v->ac[v->nac] = port;
	v->ac_vlan[v->nac++] = vlan;
	dp->port[port].l2vpn = true;
	return NULL;
}

static int check_uplink(struct uplink_conf *u, struct dp_config *dp, struct shmib_err *err)
{
	const char *why;

	if (!*u->port_name)
		return fail(err, dp->file, u->line, "uplink", u->name, "port", "missing");
	if ((why = claim(dp, u->port_name, &u->port)))
		return fail(err, dp->file, u->line, "uplink", u->name, "port",
			    "'%s': %s", u->port_name, why);
	if (!u->addr.af)
		return fail(err, dp->file, u->line, "uplink", u->name, "address", "missing");
	if (!u->next_hop.af && !u->has_mac)
		return fail(err, dp->file, u->line, "uplink", u->name, "next_hop",
			    "missing (or give next_hop_mac)");
	if (u->next_hop.af && u->next_hop.af != u->addr.af)
		return fail(err, dp->file, u->line, "uplink", u->name, "next_hop",
			    "not of the address's family");
	if (addr_eq(&u->next_hop, &u->addr))
		return fail(err, dp->file, u->line, "uplink", u->name, "next_hop",
			    "the uplink's own address");
	return 0;
}

static int check_acs(struct l2vpn_conf *c, struct vpls_conf *v,
		     struct dp_config *dp, struct shmib_err *err)
{
	char list[DP_VALUE_MAX], *save, *name, shown[DP_VALUE_MAX];
	const char *why;

	strlcpy(list, v->ac_names, sizeof(list));
	for (name = strtok_r(list, ", \t", &save); name;
	     name = strtok_r(NULL, ", \t", &save)) {
		if (v->nac == L2VPN_ACS_MAX)
			return fail(err, dp->file, v->line, "vpls", v->name, "ac",
				    "more than %d", L2VPN_ACS_MAX);
		strlcpy(shown, name, sizeof(shown));
		if ((why = claim_ac(c, v, dp, name)))
			return fail(err, dp->file, v->line, "vpls", v->name, "ac",
				    "'%s': %s", shown, why);
	}
	if (!v->nac)
		return fail(err, dp->file, v->line, "vpls", v->name, "ac", "missing");
	return 0;
}

static int check_vpls(struct l2vpn_conf *c, struct vpls_conf *v,
		      struct dp_config *dp, struct shmib_err *err)
{
	v->uplink = find_named(c->uplink, c->nuplinks, sizeof(c->uplink[0]), v->uplink_name);
	if (v->uplink < 0)
		return fail(err, dp->file, v->line, "vpls", v->name, "uplink",
			    *v->uplink_name ? "no such [uplink]" : "missing");
	if (v->fwd_low >= v->fwd_high)
		return fail(err, dp->file, v->line, "vpls", v->name, "fwd_full_low",
			    "%u is not below fwd_full_high (%u)", v->fwd_low, v->fwd_high);
	return check_acs(c, v, dp, err);
}

static int check_tunnel(const struct pw_conf *p, const char *file, struct shmib_err *err)
{
	const struct tunnel_ops *ops = p->tunnel.ops;
	const char *key = "tunnel";
	const char *why = ops ? ops->check(&p->tunnel, &key) : "missing";

	return why ? fail(err, file, p->line, "pseudowire", p->name, key, "%s", why) : 0;
}

/* What a received frame carries to find P: peer, protocol, key. */
static bool same_receiver(const struct pw_conf *a, const struct pw_conf *b)
{
	return addr_eq(&a->peer, &b->peer) && a->tunnel.ops == b->tunnel.ops &&
	       a->tunnel.ops->same_rx(&a->tunnel, &b->tunnel);
}

static int check_pw(struct l2vpn_conf *c, unsigned k, struct dp_config *dp,
		    struct shmib_err *err)
{
	struct pw_conf *p = &c->pw[k];

	p->vpls = find_named(c->vpls, c->nvpls, sizeof(c->vpls[0]), p->vpls_name);
	if (p->vpls < 0)
		return fail(err, dp->file, p->line, "pseudowire", p->name, "vpls",
			    *p->vpls_name ? "no such [vpls]" : "missing");
	if (!p->vc_id)
		return fail(err, dp->file, p->line, "pseudowire", p->name, "vc_id", "missing");
	if (!p->peer.af)
		return fail(err, dp->file, p->line, "pseudowire", p->name, "peer", "missing");
	if (p->peer.af != c->uplink[c->vpls[p->vpls].uplink].addr.af)
		return fail(err, dp->file, p->line, "pseudowire", p->name, "peer",
			    "not of the uplink address's family");
	if (addr_eq(&p->peer, &c->uplink[c->vpls[p->vpls].uplink].addr))
		return fail(err, dp->file, p->line, "pseudowire", p->name, "peer",
			    "the address of its own uplink [uplink %s]",
			    c->uplink[c->vpls[p->vpls].uplink].name);
	if (check_tunnel(p, dp->file, err) < 0)
		return -1;
	for (unsigned i = 0; i < k; i++) {
		const struct pw_conf *o = &c->pw[i];
		if (same_receiver(o, p))
			return fail(err, dp->file, p->line, "pseudowire", p->name, "peer",
				    "frames from this peer with this key/session would also match [pseudowire %s] (line %u)",
				    o->name, o->line);
		if (addr_eq(&o->peer, &p->peer) && o->vc_id == p->vc_id)
			return fail(err, dp->file, p->line, "pseudowire", p->name, "vc_id",
				    "%u is already [pseudowire %s] (line %u) to the same peer",
				    p->vc_id, o->name, o->line);
	}
	return 0;
}

/* Segment names share the directory with the ports' segments. */
static int check_names(struct l2vpn_conf *c, struct dp_config *dp, struct shmib_err *err)
{
	for (unsigned i = 0; i < c->npws; i++) {
		const struct pw_conf *p = &c->pw[i];

		if (find_named(c->vpls, c->nvpls, sizeof(c->vpls[0]), p->name) >= 0)
			return fail(err, dp->file, p->line, "pseudowire", p->name, "name",
				    "also the name of a [vpls]");
		if (find_port(dp, p->name) >= 0)
			return fail(err, dp->file, p->line, "pseudowire", p->name, "name",
				    "also the name of a [port]");
	}
	for (unsigned i = 0; i < c->nvpls; i++)
		if (find_port(dp, c->vpls[i].name) >= 0)
			return fail(err, dp->file, c->vpls[i].line, "vpls", c->vpls[i].name,
				    "name", "also the name of a [port]");
	return 0;
}

int l2vpn_conf_check(struct l2vpn_conf *c, struct dp_config *dp, struct shmib_err *err)
{
	if (!c)
		return 0;
	for (unsigned i = 0; i < c->nuplinks; i++)
		if (check_uplink(&c->uplink[i], dp, err) < 0)
			return -1;
	for (unsigned i = 0; i < c->nvpls; i++)
		if (check_vpls(c, &c->vpls[i], dp, err) < 0)
			return -1;
	for (unsigned i = 0; i < c->npws; i++)
		if (check_pw(c, i, dp, err) < 0)
			return -1;
	return check_names(c, dp, err);
}

/* Where the ids files' errors point: [l2vpn], else the first section
 * that makes the files be written. */
static unsigned ids_line(const struct l2vpn_conf *c)
{
	if (c->line)
		return c->line;
	return c->nvpls ? c->vpls[0].line : c->npws ? c->pw[0].line : 0;
}

static void default_path(char *path, const char *shmem_dir, const char *name)
{
	char dir[PATH_MAX];

	if (*path)
		return;
	strlcpy(dir, shmem_dir, sizeof(dir));
	snprintf(path, PATH_MAX, "%s/%s", dirname(dir), name);
}

/* Why PATH cannot be (re)written by rename from PATH.tmp.PID, or NULL:
 * the temporary file is created and removed again. */
static const char *unwritable(const char *path, int *e)
{
	char tmp[PATH_MAX + 32];
	struct stat st;
	int fd;

	if (!stat(path, &st) && !S_ISREG(st.st_mode))
		return "not a regular file";
	snprintf(tmp, sizeof(tmp), "%s.tmp.%d", path, (int)getpid());
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd < 0) {
		*e = errno;
		return "cannot be written";
	}
	close(fd);
	unlink(tmp);
	return NULL;
}

static bool same_file(const char *a, const char *b)
{
	struct stat x, y;

	if (!strcmp(a, b))
		return true;
	return !stat(a, &x) && !stat(b, &y) && x.st_dev == y.st_dev &&
	       x.st_ino == y.st_ino;
}

static int ids_fail(struct shmib_err *err, const char *file, unsigned line, const char *key,
		    const char *path, const char *why, int e)
{
	/* Two paths must fit: each is cut at 1,024 bytes. */
	shmib_fail(err, "%.1024s:%u: [l2vpn] %s: %.1024s %s%s%s", file, line,
		 key, path, why, e ? ": " : "", e ? strerror(e) : "");
	return -1;
}

int l2vpn_conf_paths(struct l2vpn_conf *c, const struct dp_config *dp, struct shmib_err *err)
{
	const char *keys[2] = { "vpls_ids", "pseudowire_ids" };
	char *paths[2];
	unsigned line;
	int e = 0;

	if (!c)
		return 0;
	paths[0] = c->vpls_ids;
	paths[1] = c->pw_ids;
	line = ids_line(c);
	default_path(c->vpls_ids, dp->shmem_dir, "vpls-ids");
	default_path(c->pw_ids, dp->shmem_dir, "pseudowire-ids");
	if (same_file(c->vpls_ids, c->pw_ids))
		return ids_fail(err, dp->file, line, "pseudowire_ids", c->pw_ids,
				"is also vpls_ids", 0);
	for (int i = 0; i < 2; i++) {
		const char *why = unwritable(paths[i], &e);

		if (why)
			return ids_fail(err, dp->file, line, keys[i], paths[i], why, e);
	}
	return 0;
}
