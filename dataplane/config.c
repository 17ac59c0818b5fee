/*
 * Configuration file of shmib-dataplane: INI, parsed with DPDK's
 * rte_cfgfile.  '#' starts a comment.  Layout:
 *
 *   [global]                        optional, at most once
 *   shmem_dir = /var/lib/snabb/shmem   segment directory (--shmem-dir wins)
 *   publish_interval = 1            seconds between segment updates,
 *                                   0.01..3600, or 0: never (benchmarks)
 *   mbufs = 16383                   mbuf pool size per CPU socket
 *   capture_dir = /var/lib/shmib/capture   where captures started over
 *                                   telemetry write (monitor.h); need
 *                                   not exist until one starts
 *   capture_max_mb = 100            a capture stops when its file would
 *                                   grow past this (1..1048576 MiB)
 *
 *   [port NAME]                     one per port, NAME unique
 *   device = 0000:01:00.0           required: a PCI address (ifDescr is
 *                                   its full form), or a DPDK virtual
 *                                   device name with optional arguments
 *                                   (net_tap0, net_pcap0,rx_pcap=a.pcap);
 *                                   ifDescr is the name before the ','
 *   name = NAME                     ifName, default NAME
 *   alias = text                    ifAlias, up to 64 bytes, default ""
 *   mtu = 1500                      68..9600
 *   xconnect = OTHER                cross-connect with port OTHER: what one
 *                                   receives the other sends, both ways;
 *                                   saying it on one side is enough.  A
 *                                   port without xconnect drops what it
 *                                   receives (counted in ifInDiscards).
 *
 * Every error names file, line, section and key; see config.h.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bsd/string.h>
#include <rte_cfgfile.h>
#include <rte_pci.h>

#include "dataplane/cfgkeys.h"
#include "dataplane/cfglines.h"
#include "dataplane/config.h"
#include "dataplane/l2vpn/conf.h"
#include "shm/shm.h"

#define PCI_DEV_MAX  0x1f
#define PCI_FUNC_MAX 7

static int parse_interval(const char *v, void *dst, struct shmib_err *why)
{
	char *end;
	double s;

	errno = 0;
	s = strtod(v, &end);
	if (errno || end == v || *end || !(s == 0 || (s >= 0.01 && s <= 3600)))
		return shmib_fail(why, "'%s' is not a number of seconds (0.01..3600, or 0)", v);
	*(unsigned *)dst = (unsigned)(s * 1000 + 0.5);
	return 0;
}

static int parse_mbufs(const char *v, void *dst, struct shmib_err *why)
{
	unsigned long long n;

	if (cfg_parse_num(v, 1023, 4194303, "a number of mbufs", &n, why) < 0)
		return -1;
	*(unsigned *)dst = n;
	return 0;
}

static int parse_capture_mb(const char *v, void *dst, struct shmib_err *why)
{
	unsigned long long n;

	if (cfg_parse_num(v, 1, 1048576, "a size in MiB", &n, why) < 0)
		return -1;
	*(unsigned *)dst = n;
	return 0;
}

static int parse_ifname(const char *v, void *dst, struct shmib_err *why)
{
	if (!*v)
		return shmib_fail(why, "empty");
	strlcpy(dst, v, DP_VALUE_MAX);
	return 0;
}

static int parse_alias(const char *v, void *dst, struct shmib_err *why)
{
	if (strlen(v) > DP_ALIAS_MAX)
		return shmib_fail(why, "longer than %d bytes",
				DP_ALIAS_MAX);
	strlcpy(dst, v, DP_ALIAS_MAX + 1);
	return 0;
}

/* A PCI address in any form rte_pci_addr_parse takes, with device and
 * function in range; stored in its full form (ifDescr). */
static int parse_pci(struct dp_port_conf *p, const char *v, struct shmib_err *why)
{
	struct rte_pci_addr a;

	if (rte_pci_addr_parse(v, &a) < 0 || a.devid > PCI_DEV_MAX ||
	    a.function > PCI_FUNC_MAX)
		return shmib_fail(why, "'%s' is not a PCI address (DDDD:BB:DD.F)", v);
	rte_pci_device_name(&a, p->descr, sizeof(p->descr));
	strlcpy(p->device, p->descr, sizeof(p->device));
	p->pci = true;
	return 0;
}

/* PCI addresses start with a hex digit and hold a ':' before any
 * device argument; virtual device names start with "net_". */
static int parse_device(const char *v, void *dst, struct shmib_err *why)
{
	struct dp_port_conf *p = dst;
	size_t namelen = strcspn(v, ",");

	if (isxdigit((unsigned char)*v) && memchr(v, ':', namelen))
		return parse_pci(p, v, why);
	if (strncmp(v, "net_", 4) || namelen == 4 || namelen >= DP_NAME_MAX)
		return shmib_fail(why, "'%s' is neither a PCI address nor a virtual device (net_...)", v);
	strlcpy(p->device, v, sizeof(p->device));
	strlcpy(p->descr, v, namelen + 1);
	p->pci = false;
	return 0;
}

#define GLOBAL(k, fn, field) { k, fn, offsetof(struct dp_config, field) }
#define PORT(k, fn, field)   { k, fn, offsetof(struct dp_port_conf, field) }

static const struct cfg_key global_keys[] = {
	GLOBAL("shmem_dir", cfg_parse_path, shmem_dir),
	GLOBAL("publish_interval", parse_interval, publish_ms),
	GLOBAL("mbufs", parse_mbufs, mbufs),
	GLOBAL("capture_dir", cfg_parse_path, capture_dir),
	GLOBAL("capture_max_mb", parse_capture_mb, capture_max_mb),
	{ NULL },
};

static const struct cfg_key port_keys[] = {
	{ "device", parse_device, 0 },  /* sets device, descr and pci */
	PORT("name", parse_ifname, ifname),
	PORT("alias", parse_alias, alias),
	PORT("mtu", cfg_parse_mtu, mtu),
	PORT("xconnect", cfg_parse_name, xconnect_name),
	{ NULL },
};

/* State of one load: where errors point to. */
struct load {
	const char *file;
	struct dp_config *c;
	struct cfglines lines;
	struct shmib_err *err;
};

static int fail(struct load *ld, unsigned line, const char *section,
		const char *key, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static int fail(struct load *ld, unsigned line, const char *section,
		const char *key, const char *fmt, ...)
{
	struct cfg_where w = { ld->file, section, &ld->lines, ld->err };
	struct shmib_err why;
	va_list ap;

	va_start(ap, fmt);
	shmib_vfail(&why, fmt, ap);
	va_end(ap);
	return cfg_fail(&w, line, key, "%s", why.msg);
}

static struct dp_port_conf *new_port(struct load *ld, const char *section,
				     const char *name, unsigned line)
{
	struct dp_config *c = ld->c;
	struct dp_port_conf *p;
	const char *why = shm_segment_name_problem(name);

	if (why)    /* it names the port's segment */
		return fail(ld, line, section, NULL, "bad port name '%s': %s",
			    name, why), NULL;
	for (unsigned i = 0; i < c->nports; i++)
		if (!strcmp(c->port[i].name, name))
			return fail(ld, line, section, NULL,
				    "duplicate port (first on line %u)",
				    c->port[i].line), NULL;
	if (c->nports == DP_PORTS_MAX)
		return fail(ld, line, section, NULL, "more than %d ports",
			    DP_PORTS_MAX), NULL;
	p = &c->port[c->nports++];
	memset(p, 0, sizeof(*p));
	strlcpy(p->name, name, sizeof(p->name));
	strlcpy(p->ifname, name, sizeof(p->ifname));
	p->mtu = DP_DEFAULT_MTU;
	p->xconnect = DP_NO_PORT;
	p->line = line;
	return p;
}

static int parse_section(struct load *ld, struct rte_cfgfile *cfg,
			 unsigned s, bool *seen_global)
{
	unsigned line = ld->lines.section[s];
	char section[CFG_NAME_LEN];
	struct cfg_where w = { ld->file, section, &ld->lines, ld->err };
	const struct cfg_key *keys;
	void *base;

	if (rte_cfgfile_section_num_entries_by_index(cfg, section, s) < 0)
		return fail(ld, line, "?", NULL, "unreadable section");
	if (!strcmp(section, "global")) {
		if (*seen_global)
			return fail(ld, line, section, NULL, "given twice");
		*seen_global = true;
		keys = global_keys;
		base = ld->c;
	} else if (!strncmp(section, "port", 4) && isspace((unsigned char)section[4])) {
		const char *name = section + 5;

		while (isspace((unsigned char)*name))
			name++;
		keys = port_keys;
		base = new_port(ld, section, name, line);
		if (!base)
			return -1;
	} else if (l2vpn_conf_claims(section)) {
		return l2vpn_conf_section(&ld->c->l2vpn, ld->file, cfg, s,
					  &ld->lines, ld->err);
	} else {
		return fail(ld, line, section, NULL,
			    "unknown section (expected [global] or [port NAME])");
	}
	return cfg_parse_section(&w, cfg, s, keys, base);
}

static int check_port(struct load *ld, unsigned i)
{
	struct dp_config *c = ld->c;
	struct dp_port_conf *p = &c->port[i];
	char section[DP_NAME_MAX + 8];

	snprintf(section, sizeof(section), "port %s", p->name);
	if (!*p->device)
		return fail(ld, p->line, section, "device", "missing");
	for (unsigned j = 0; j < i; j++)
		if (!strcmp(c->port[j].descr, p->descr))
			return fail(ld, p->line, section, "device",
				    "%s is already port '%s' (line %u)",
				    p->descr, c->port[j].name, c->port[j].line);
	if (!*p->xconnect_name)
		return 0;
	for (unsigned j = 0; j < c->nports; j++)
		if (!strcmp(c->port[j].name, p->xconnect_name))
			p->xconnect = j;
	if (p->xconnect == DP_NO_PORT)
		return fail(ld, p->line, section, "xconnect", "no port '%s'",
			    p->xconnect_name);
	if (p->xconnect == (int)i)
		return fail(ld, p->line, section, "xconnect",
			    "a port cannot be cross-connected to itself");
	return 0;
}

/* Makes cross-connects mutual; a port already connected elsewhere is
 * an error. */
static int pair_ports(struct load *ld)
{
	struct dp_config *c = ld->c;

	for (unsigned i = 0; i < c->nports; i++) {
		struct dp_port_conf *p = &c->port[i];
		struct dp_port_conf *o;

		if (p->xconnect == DP_NO_PORT)
			continue;
		o = &c->port[p->xconnect];
		if (o->xconnect != DP_NO_PORT && o->xconnect != (int)i) {
			char section[DP_NAME_MAX + 8];

			snprintf(section, sizeof(section), "port %s", p->name);
			return fail(ld, p->line, section, "xconnect",
				    "port '%s' is cross-connected to '%s'",
				    o->name, c->port[o->xconnect].name);
		}
		o->xconnect = i;
	}
	return 0;
}

static int check(struct load *ld)
{
	if (!ld->c->nports) {
		shmib_fail(ld->err, "%s: no [port NAME] section",
			 ld->file);
		return -1;
	}
	for (unsigned i = 0; i < ld->c->nports; i++)
		if (check_port(ld, i) < 0)
			return -1;
	if (pair_ports(ld) < 0)
		return -1;
	return l2vpn_conf_check(ld->c->l2vpn, ld->c, ld->err);
}

static void defaults(struct dp_config *c, const char *file)
{
	memset(c, 0, sizeof(*c));
	strlcpy(c->file, file, sizeof(c->file));
	strlcpy(c->shmem_dir, DP_DEFAULT_SHMEM_DIR, sizeof(c->shmem_dir));
	c->publish_ms = DP_DEFAULT_PUBLISH_MS;
	c->mbufs = DP_DEFAULT_MBUFS;
	strlcpy(c->capture_dir, DP_DEFAULT_CAPTURE_DIR, sizeof(c->capture_dir));
	c->capture_max_mb = DP_DEFAULT_CAPTURE_MAX_MB;
}

static int load_sections(struct load *ld, struct rte_cfgfile *cfg)
{
	bool seen_global = false;
	int n = rte_cfgfile_num_sections(cfg, NULL, 0);

	if (n != (int)ld->lines.nsections) {
		shmib_fail(ld->err, "%s: cannot parse", ld->file);
		return -1;
	}
	for (int s = 0; s < n; s++)
		if (parse_section(ld, cfg, s, &seen_global) < 0)
			return -1;
	return check(ld);
}

int dp_config_load(const char *file, struct dp_config *c, struct shmib_err *err)
{
	struct rte_cfgfile_parameters params = { .comment_character = CFG_COMMENT };
	struct load *ld = calloc(1, sizeof(*ld));
	struct rte_cfgfile *cfg;
	int rc = -1;

	if (!ld) {
		shmib_fail(err, "%s: out of memory", file);
		return -1;
	}
	*ld = (struct load){ .file = file, .c = c, .err = err };
	defaults(c, file);
	if (cfglines_scan(file, &ld->lines, err) < 0)
		goto out;
	cfg = rte_cfgfile_load_with_params(file, CFG_FLAG_EMPTY_VALUES, &params);
	if (!cfg) {
		shmib_fail(err, "%s: cannot parse", file);
		goto out;
	}
	rc = load_sections(ld, cfg);
	rte_cfgfile_close(cfg);
out:
	free(ld);
	return rc;
}
