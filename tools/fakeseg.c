/*
 * shmib-fakeseg: writes synthetic segments for tests, demos and
 * benchmarks, with the objects Snabb writes and values that a test can
 * compute from the segment number alone.
 *
 *   --interfaces N      segments if1..ifN (Snabb's iftable_mib set) and
 *                       the ifindex map "<ifDescr> <i>"
 *   --vpls V --pseudowires P
 *                       VPLS segments vpls1..vplsV, P pseudowire
 *                       segments pw<v>_<p> per VPLS, and the vpls-ids
 *                       and pseudowire-ids files
 *
 * Values (i: interface number, k = (v-1)*P + p: pseudowire number):
 * ifDescr "0000:%02x:%02x.%x" of i>>8, (i>>3)&31, i&7 (a PCI address);
 * every counter is i (or k) times a multiplier from the tables below,
 * Counter32 objects hold the low 32 bits; times are --time (default:
 * now).  --help prints the multipliers from the same tables.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "mibs/catalogue.h"
#include "shm/shm.h"
#include "tools/mibtype.h"

#define PROGRESS_EVERY 2000
#define IFACES_MAX     65535    /* PCI bus:device.function space */
#define VPLS_MAX       65535
#define PWS_MAX        65535

/* Per-segment strings, filled in before the segment is written. */
enum field {
	F_DESCR, F_NAME, F_ALIAS, F_MAC,                /* interfaces */
	F_VPLS, F_VPLSDESCR,                            /* VPLS, and PW's VPLS */
	F_PWNAME, F_PWDESCR, F_PEER, F_PORT,            /* pseudowires */
	F_COUNT
};

struct row {
	uint64_t n;             /* i, v or k */
	uint64_t count;         /* pseudowires per VPLS */
	uint64_t now;
	struct { char buf[64]; size_t len; } f[F_COUNT];
};

enum kind {
	K_CONST,        /* arg */
	K_SCALE,        /* n * arg */
	K_COUNT,        /* row count */
	K_NOW,          /* --time */
	K_STR,          /* field arg, capacity cap */
	K_BITS,         /* bits 0-7 arg, in the catalogue's octets */
};

struct spec {
	const char *name;
	enum kind kind;
	uint64_t arg;
	size_t cap;
	bool own_type;          /* not in the catalogue: type given here */
	enum shm_type type;
};

#define CONST(n, v)     { n, K_CONST, v }
#define SCALE(n, m)     { n, K_SCALE, m }
#define STR(n, f, c)    { n, K_STR, f, c }
#define BITS(n, b)      { n, K_BITS, b }
#define TIMESTAMP(n)    { n, K_NOW, 0, 0, true, SHM_COUNTER64 }
#define AUXSTR(n, f)    { n, K_STR, f, 255, true, SHM_OCTETSTR }

/* Snabb's lib.ipc.shmem.iftable_mib, in its order. */
static const struct spec if_specs[] = {
	STR("ifDescr", F_DESCR, 255),
	CONST("ifType", 6),
	CONST("ifMtu", 1500),
	CONST("ifSpeed", 4294967295u),
	CONST("ifHighSpeed", 10000),
	STR("ifPhysAddress", F_MAC, 6),
	CONST("ifAdminStatus", 1),
	CONST("ifOperStatus", 1),
	CONST("ifLastChange", 0),
	TIMESTAMP("_X_ifLastChange_TicksBase"),
	SCALE("ifInOctets", 1000000007),
	SCALE("ifInUcastPkts", 1000003),
	SCALE("ifInDiscards", 3),
	SCALE("ifInErrors", 5),
	SCALE("ifInUnknownProtos", 7),
	SCALE("ifOutOctets", 2000000011),
	SCALE("ifOutUcastPkts", 2000003),
	SCALE("ifOutDiscards", 11),
	SCALE("ifOutErrors", 13),
	STR("ifName", F_NAME, 255),
	SCALE("ifInMulticastPkts", 1009),
	SCALE("ifInBroadcastPkts", 101),
	SCALE("ifOutMulticastPkts", 2003),
	SCALE("ifOutBroadcastPkts", 211),
	SCALE("ifHCInOctets", 1000000007),
	SCALE("ifHCInUcastPkts", 1000003),
	SCALE("ifHCInMulticastPkts", 1009),
	SCALE("ifHCInBroadcastPkts", 101),
	SCALE("ifHCOutOctets", 2000000011),
	SCALE("ifHCOutUcastPkts", 2000003),
	SCALE("ifHCOutMulticastPkts", 2003),
	SCALE("ifHCOutBroadcastPkts", 211),
	CONST("ifLinkUpDownTrapEnable", 2),
	CONST("ifPromiscuousMode", 2),
	CONST("ifConnectorPresent", 1),
	STR("ifAlias", F_ALIAS, 64),
	CONST("ifCounterDiscontinuityTime", 0),
	TIMESTAMP("_X_ifCounterDiscontinuityTime_TimeAbs"),
};

/* Snabb's l2vpn pseudowire (PW-STD, CISCO-IETF-PW, PW-ENET-STD,
 * CISCO-IETF-PW-ENET), plus the PW's rows of the PwBind tables. */
static const struct spec pw_specs[] = {
	CONST("pwType", 5),
	CONST("pwOwner", 1),
	CONST("pwPsnType", 6),
	CONST("pwSetUpPriority", 0),
	CONST("pwHoldingPriority", 0),
	CONST("pwPeerAddrType", 2),
	STR("pwPeerAddr", F_PEER, 16),
	CONST("pwAttachedPwIndex", 0),
	CONST("pwIfIndex", 0),
	SCALE("pwID", 1),
	CONST("pwLocalGroupID", 0),
	STR("pwGroupAttachmentID", F_COUNT, 0),
	STR("pwLocalAttachmentID", F_COUNT, 0),
	STR("pwRemoteAttachmentID", F_COUNT, 0),
	CONST("pwCwPreference", 2),
	CONST("pwLocalIfMtu", 1500),
	CONST("pwLocalIfString", 1),
	BITS("pwLocalCapabAdvert", 0x40),
	CONST("pwRemoteGroupID", 0),
	CONST("pwCwStatus", 6),
	CONST("pwRemoteIfMtu", 0),
	STR("pwRemoteIfString", F_COUNT, 80),
	BITS("pwRemoteCapabilities", 0x40),
	CONST("pwFragmentCfgSize", 0),
	BITS("pwRmtFragCapability", 0x80),
	CONST("pwFcsRetentionCfg", 1),
	BITS("pwFcsRetentionStatus", 0x10),
	SCALE("pwOutboundLabel", 1),
	SCALE("pwInboundLabel", 1),
	STR("pwName", F_PWNAME, 255),
	STR("pwDescr", F_PWDESCR, 255),
	CONST("pwCreateTime", 0),
	TIMESTAMP("_X_pwCreateTime_TimeAbs"),
	CONST("pwUpTime", 0),
	TIMESTAMP("_X_pwUpTime_TicksBase"),
	CONST("pwLastChange", 0),
	TIMESTAMP("_X_pwLastChange_TicksBase"),
	CONST("pwAdminStatus", 1),
	CONST("pwOperStatus", 1),
	BITS("pwLocalStatus", 0),
	CONST("pwRemoteStatusCapable", 3),
	BITS("pwRemoteStatus", 0),
	CONST("pwRowStatus", 1),
	CONST("pwStorageType", 2),
	CONST("pwOamEnable", 2),
	CONST("pwGenAGIType", 0),
	CONST("pwGenLocalAIIType", 0),
	CONST("pwGenRemoteAIIType", 0),
	SCALE("pwPerfTotalErrorPackets", 1),
	CONST("cpwVcType", 5),
	CONST("cpwVcOwner", 1),
	CONST("cpwVcPsnType", 6),
	CONST("cpwVcSetUpPriority", 0),
	CONST("cpwVcHoldingPriority", 0),
	CONST("cpwVcInboundMode", 2),
	CONST("cpwVcPeerAddrType", 2),
	STR("cpwVcPeerAddr", F_PEER, 16),
	SCALE("cpwVcID", 1),
	CONST("cpwVcLocalGroupID", 0),
	CONST("cpwVcControlWord", 2),
	CONST("cpwVcLocalIfMtu", 1500),
	CONST("cpwVcLocalIfString", 1),
	CONST("cpwVcRemoteGroupID", 0),
	CONST("cpwVcRemoteControlWord", 1),
	CONST("cpwVcRemoteIfMtu", 0),
	STR("cpwVcRemoteIfString", F_COUNT, 80),
	SCALE("cpwVcOutboundVcLabel", 1),
	SCALE("cpwVcInboundVcLabel", 1),
	STR("cpwVcName", F_PWNAME, 255),
	STR("cpwVcDescr", F_PWDESCR, 255),
	CONST("cpwVcCreateTime", 0),
	TIMESTAMP("_X_cpwVcCreateTime_TimeAbs"),
	CONST("cpwVcUpTime", 0),
	TIMESTAMP("_X_cpwVcUpTime_TicksBase"),
	CONST("cpwVcAdminStatus", 1),
	CONST("cpwVcOperStatus", 1),
	CONST("cpwVcInboundOperStatus", 1),
	CONST("cpwVcOutboundOperStatus", 1),
	CONST("cpwVcRowStatus", 1),
	CONST("cpwVcStorageType", 2),
	SCALE("cpwVcPerfTotalErrorPackets", 1),
	SCALE("cpwVcPerfTotalInHCPackets", 1000003),
	SCALE("cpwVcPerfTotalInHCBytes", 1000000007),
	SCALE("cpwVcPerfTotalOutHCPackets", 2000003),
	SCALE("cpwVcPerfTotalOutHCBytes", 2000000011),
	CONST("cpwVcPerfTotalDiscontinuityTime", 0),
	CONST("pwEnetPwInstance", 1),          /* the row's second index */
	CONST("pwEnetPwVlan", 4095),
	CONST("pwEnetVlanMode", 1),
	CONST("pwEnetPortVlan", 4095),
	CONST("pwEnetPortIfIndex", 0),
	AUXSTR("_X_pwEnetPortIfIndex", F_PORT),
	CONST("pwEnetPwIfIndex", 0),
	CONST("pwEnetRowStatus", 1),
	CONST("pwEnetStorageType", 2),
	CONST("cpwVcEnetPwVlan", 4097),        /* the row's second index */
	CONST("cpwVcEnetVlanMode", 1),
	CONST("cpwVcEnetPortVlan", 4097),
	CONST("cpwVcEnetPortIfIndex", 0),
	AUXSTR("_X_cpwVcEnetPortIfIndex", F_PORT),
	CONST("cpwVcEnetVcIfIndex", 0),
	CONST("cpwVcEnetRowStatus", 1),
	CONST("cpwVcEnetStorageType", 2),
	AUXSTR("_X_vplsName", F_VPLS),
	CONST("vplsPwBindConfigType", 1),
	CONST("vplsPwBindType", 1),
	CONST("vplsPwBindRowStatus", 1),
	CONST("vplsPwBindStorageType", 2),
	CONST("cvplsPwBindConfigType", 1),
	CONST("cvplsPwBindType", 1),
	CONST("cvplsPwBindRowStatus", 1),
	CONST("cvplsPwBindStorageType", 2),
};

/* One VPLS instance: VPLS-GENERIC and CISCO-IETF-VPLS-GENERIC. */
static const struct spec vpls_specs[] = {
	STR("vplsConfigName", F_VPLS, 255),
	STR("vplsConfigDescr", F_VPLSDESCR, 255),
	CONST("vplsConfigAdminStatus", 1),
	CONST("vplsConfigMacLearning", 1),
	CONST("vplsConfigDiscardUnknownDest", 2),
	CONST("vplsConfigMacAging", 1),
	CONST("vplsConfigFwdFullHighWatermark", 95),
	CONST("vplsConfigFwdFullLowWatermark", 90),
	CONST("vplsConfigRowStatus", 1),
	CONST("vplsConfigMtu", 1500),
	STR("vplsConfigVpnId", F_COUNT, 255),
	CONST("vplsConfigStorageType", 2),
	CONST("vplsConfigSignalingType", 3),
	CONST("vplsStatusOperStatus", 1),
	{ "vplsStatusPeerCount", K_COUNT },
	STR("cvplsConfigName", F_VPLS, 255),
	STR("cvplsConfigDescr", F_VPLSDESCR, 255),
	CONST("cvplsConfigAdminStatus", 1),
	CONST("cvplsConfigMacLearning", 1),
	CONST("cvplsConfigDiscardUnknownDest", 2),
	CONST("cvplsConfigMacAging", 1),
	CONST("cvplsConfigFwdFullHighWatermark", 95),
	CONST("cvplsConfigFwdFullLowWatermark", 90),
	CONST("cvplsConfigRowStatus", 1),
	CONST("cvplsConfigMtu", 1500),
	STR("cvplsConfigVpnId", F_COUNT, 255),
	CONST("cvplsConfigServiceType", 2),
	CONST("cvplsConfigStorageType", 2),
	CONST("cvplsStatusOperStatus", 1),
	{ "cvplsStatusPeerCount", K_COUNT },
	CONST("cvplsStatusNotifEnable", 2),
	CONST("cvplsNotificationMaxRate", 0),
};

#define NSPECS(a) (sizeof(a) / sizeof((a)[0]))

struct kindset {
	const char *what;
	const struct spec *specs;
	size_t n;
	enum shm_type *types;   /* resolved once */
};

static struct kindset ifaces = { "interface", if_specs, NSPECS(if_specs) };
static struct kindset pws = { "pseudowire", pw_specs, NSPECS(pw_specs) };
static struct kindset vplss = { "VPLS", vpls_specs, NSPECS(vpls_specs) };

struct opts {
	const char *dir;
	unsigned long interfaces, vpls, pseudowires;
	char *ifindex, *vpls_ids, *pw_ids;
	bool plain;
	uint64_t now;
};

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static void die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "shmib-fakeseg: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

/* Every name's storage type, from the catalogue unless given here. */
static void resolve(struct kindset *ks)
{
	ks->types = calloc(ks->n, sizeof(*ks->types));
	if (!ks->types)
		die("%s", strerror(ENOMEM));
	for (size_t i = 0; i < ks->n; i++) {
		const struct spec *s = &ks->specs[i];
		const struct mib_object *m = mib_lookup(s->name);

		if (s->own_type)
			ks->types[i] = s->type;
		else if (!m || !mibtype_storage(m->type, &ks->types[i]))
			die("%s is not a stored object of the catalogue", s->name);
	}
}

static void set_value(struct shm_writer *w, int h, const struct spec *s,
		      enum shm_type type, const struct row *r)
{
	uint64_t v = s->kind == K_SCALE ? r->n * s->arg :
		     s->kind == K_COUNT ? r->count :
		     s->kind == K_NOW ? r->now : s->arg;
	uint8_t octets[SHM_BITS_LEN] = { (uint8_t)s->arg };

	if (s->kind == K_STR && s->arg < F_COUNT)
		shm_writer_set_str(w, h, r->f[s->arg].buf, r->f[s->arg].len);
	else if (s->kind == K_BITS)
		shm_writer_set_str(w, h, octets, mib_bits_octets(mib_lookup(s->name)));
	else if (type == SHM_COUNTER64)
		shm_writer_set_u64(w, h, v);
	else if (type != SHM_OCTETSTR && type != SHM_BITS)
		shm_writer_set_u32(w, h, (uint32_t)v);
}

static void write_segment(const struct opts *o, const struct kindset *ks,
			  const char *name, const struct row *r)
{
	struct shmib_err err;
	struct shm_writer *w = o->plain ? shm_writer_new_plain(o->dir, name, &err) :
					  shm_writer_new(o->dir, name, &err);

	if (!w)
		die("%s", err.msg);
	for (size_t i = 0; i < ks->n; i++) {
		const struct spec *s = &ks->specs[i];
		int h = shm_writer_add(w, s->name, ks->types[i], s->cap, &err);

		if (h < 0)
			die("%s", err.msg);
		set_value(w, h, s, ks->types[i], r);
	}
	if (shm_writer_publish(w, 0644, &err))
		die("%s", err.msg);
	shm_writer_free(w);
}

static void field(struct row *r, enum field f, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void field(struct row *r, enum field f, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(r->f[f].buf, sizeof(r->f[f].buf), fmt, ap);
	va_end(ap);
	r->f[f].len = n < (int)sizeof(r->f[f].buf) ? (size_t)n : sizeof(r->f[f].buf) - 1;
}

static void field_bytes(struct row *r, enum field f, const uint8_t *b, size_t n)
{
	memcpy(r->f[f].buf, b, n);
	r->f[f].len = n;
}

static void if_descr(struct row *r, enum field f, unsigned long i)
{
	field(r, f, "0000:%02lx:%02lx.%lx", i >> 8, (i >> 3) & 31, i & 7);
}

static void progress(const char *what, unsigned long done, unsigned long total)
{
	if (done % PROGRESS_EVERY == 0 || done == total)
		fprintf(stderr, "shmib-fakeseg: %lu/%lu %s segments\n", done,
			total, what);
}

/* Writes lines 1..N of PATH with LINE, under a temporary name, then
 * renamed: a subagent watching the file never sees half of it. */
static void write_lines(const char *path, unsigned long n,
			void (*line)(const struct opts *, unsigned long, FILE *),
			const struct opts *o)
{
	char tmp[4096];
	FILE *f;

	snprintf(tmp, sizeof(tmp), "%s.tmp.%ld", path, (long)getpid());
	f = fopen(tmp, "w");
	if (!f)
		die("%s: %s", tmp, strerror(errno));
	for (unsigned long i = 1; i <= n; i++)
		line(o, i, f);
	if (fclose(f) || rename(tmp, path)) {
		unlink(tmp);
		die("%s: %s", path, strerror(errno));
	}
}

static void ifindex_line(const struct opts *o, unsigned long i, FILE *f)
{
	struct row r;

	(void)o;
	if_descr(&r, F_DESCR, i);
	fprintf(f, "%s %lu\n", r.f[F_DESCR].buf, i);
}

static void vpls_line(const struct opts *o, unsigned long v, FILE *f)
{
	(void)o;
	fprintf(f, "vpls%lu\n", v);
}

static void pw_line(const struct opts *o, unsigned long k, FILE *f)
{
	fprintf(f, "pw%lu_%lu\n", (k - 1) / o->pseudowires + 1,
		(k - 1) % o->pseudowires + 1);
}

static void write_interfaces(const struct opts *o)
{
	struct row r = { .now = o->now };
	char name[32];

	for (unsigned long i = 1; i <= o->interfaces; i++) {
		uint8_t mac[6] = { 0x02, 0, i >> 24, i >> 16, i >> 8, i };

		r.n = i;
		if_descr(&r, F_DESCR, i);
		field(&r, F_NAME, "if%lu", i);
		field(&r, F_ALIAS, "fake interface %lu", i);
		field_bytes(&r, F_MAC, mac, sizeof(mac));
		snprintf(name, sizeof(name), "if%lu", i);
		write_segment(o, &ifaces, name, &r);
		progress("interface", i, o->interfaces);
	}
	write_lines(o->ifindex, o->interfaces, ifindex_line, o);
}

static void write_pseudowire(const struct opts *o, struct row *r,
			     unsigned long v, unsigned long p)
{
	/* 2001:db8::<v>:<p> */
	uint8_t peer[16] = { 0x20, 0x01, 0x0d, 0xb8, [12] = v >> 8, v,
			     p >> 8, p };
	unsigned long k = (v - 1) * o->pseudowires + p;
	char name[32];

	r->n = k;
	field(r, F_PWNAME, "pw%lu_%lu", v, p);
	field(r, F_PWDESCR, "fake pseudowire %lu/%lu", v, p);
	field_bytes(r, F_PEER, peer, sizeof(peer));
	if (o->interfaces)
		if_descr(r, F_PORT, (k - 1) % o->interfaces + 1);
	else
		r->f[F_PORT].len = 0;
	snprintf(name, sizeof(name), "pw%lu_%lu", v, p);
	write_segment(o, &pws, name, r);
	progress("pseudowire", k, o->vpls * o->pseudowires);
}

static void write_vpls(const struct opts *o)
{
	struct row r = { .now = o->now, .count = o->pseudowires };
	char name[32];

	for (unsigned long v = 1; v <= o->vpls; v++) {
		r.n = v;
		field(&r, F_VPLS, "vpls%lu", v);
		field(&r, F_VPLSDESCR, "fake VPLS %lu", v);
		snprintf(name, sizeof(name), "vpls%lu", v);
		write_segment(o, &vplss, name, &r);
		for (unsigned long p = 1; p <= o->pseudowires; p++)
			write_pseudowire(o, &r, v, p);
	}
	write_lines(o->vpls_ids, o->vpls, vpls_line, o);
	write_lines(o->pw_ids, o->vpls * o->pseudowires, pw_line, o);
}

static void help_formulas(const struct kindset *ks, const char *n)
{
	for (size_t i = 0; i < ks->n; i++)
		if (ks->specs[i].kind == K_SCALE)
			printf("    %-28s %s * %" PRIu64 "%s\n", ks->specs[i].name,
			       n, ks->specs[i].arg, ks->types[i] == SHM_COUNTER64 ?
			       "" : "  (low 32 bits)");
}

static void usage(int rc)
{
	printf("usage: shmib-fakeseg --dir DIR [--interfaces N [--ifindex FILE]]\n"
	       "         [--vpls V --pseudowires P [--vpls-ids FILE] [--pseudowire-ids FILE]]\n"
	       "         [--snabb] [--time UNIXTIME]\n"
	       "\n"
	       "Writes synthetic segments into DIR (created if missing):\n"
	       "  if1..ifN          interface segments (Snabb's ifTable/ifXTable objects);\n"
	       "                    the map FILE (default DIR.ifindex) lists \"<ifDescr> <i>\"\n"
	       "  vpls1..vplsV      VPLS segments, ids in FILE (default DIR.vpls-ids)\n"
	       "  pw<v>_<p>         P pseudowire segments per VPLS, ids in FILE\n"
	       "                    (default DIR.pseudowire-ids)\n"
	       "  --snabb           Snabb's plain layout: no _X_seqlock, no padding\n"
	       "  --time T          UNIX time for the _TimeAbs/_TicksBase objects (default now)\n"
	       "\n"
	       "Values: interface i has ifDescr \"0000:%%02x:%%02x.%%x\" of i>>8, (i>>3)&31, i&7,\n"
	       "ifName \"if<i>\", ifAlias \"fake interface <i>\", ifPhysAddress 02:00:<i, 4 bytes>,\n"
	       "and these counters:\n");
	help_formulas(&ifaces, "i");
	printf("Pseudowire p of VPLS v is number k = (v-1)*P + p; pwName \"pw<v>_<p>\",\n"
	       "pwPeerAddr 2001:db8::<v>:<p>, attachment port: interface ((k-1) mod N)+1\n"
	       "when --interfaces N is given, else none; counters:\n");
	help_formulas(&pws, "k");
	printf("vplsStatusPeerCount = P.\n");
	exit(rc);
}

static unsigned long number(const char *opt, const char *s, unsigned long max)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || end == s || *end || *s == '-' || v > max)
		die("%s: \"%s\" is not a number in 0..%lu", opt, s, max);
	return v;
}

static char *beside(const char *dir, const char *suffix)
{
	size_t n = strlen(dir);
	char *p;

	while (n > 1 && dir[n - 1] == '/')
		n--;
	if (asprintf(&p, "%.*s%s", (int)n, dir, suffix) < 0)
		die("%s", strerror(ENOMEM));
	return p;
}

static void parse(int argc, char **argv, struct opts *o)
{
	static const struct option longopts[] = {
		{ "dir", required_argument, NULL, 'd' },
		{ "interfaces", required_argument, NULL, 'i' },
		{ "ifindex", required_argument, NULL, 'm' },
		{ "vpls", required_argument, NULL, 'v' },
		{ "pseudowires", required_argument, NULL, 'p' },
		{ "vpls-ids", required_argument, NULL, 'V' },
		{ "pseudowire-ids", required_argument, NULL, 'P' },
		{ "snabb", no_argument, NULL, 's' },
		{ "time", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	int c;

	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'd': o->dir = optarg; break;
		case 'i': o->interfaces = number("--interfaces", optarg, IFACES_MAX); break;
		case 'm': o->ifindex = optarg; break;
		case 'v': o->vpls = number("--vpls", optarg, VPLS_MAX); break;
		case 'p': o->pseudowires = number("--pseudowires", optarg, PWS_MAX); break;
		case 'V': o->vpls_ids = optarg; break;
		case 'P': o->pw_ids = optarg; break;
		case 's': o->plain = true; break;
		case 't': o->now = number("--time", optarg, UINT32_MAX); break;
		case 'h': usage(0); break;
		default: usage(2);
		}
	}
	if (optind < argc)
		die("unexpected argument \"%s\" (see --help)", argv[optind]);
	if (!o->dir)
		die("--dir is required (see --help)");
	if (!o->vpls != !o->pseudowires)
		die("--vpls and --pseudowires go together");
	if (!o->ifindex)
		o->ifindex = beside(o->dir, ".ifindex");
	if (!o->vpls_ids)
		o->vpls_ids = beside(o->dir, ".vpls-ids");
	if (!o->pw_ids)
		o->pw_ids = beside(o->dir, ".pseudowire-ids");
}

int main(int argc, char **argv)
{
	static struct opts o;   /* static: what it points to stays reachable */

	o.now = time(NULL);

	resolve(&ifaces);
	resolve(&pws);
	resolve(&vplss);
	parse(argc, argv, &o);
	if (mkdir(o.dir, 0755) && errno != EEXIST)
		die("%s: %s", o.dir, strerror(errno));
	if (o.interfaces)
		write_interfaces(&o);
	if (o.vpls)
		write_vpls(&o);
	return 0;
}
