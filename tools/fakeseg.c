/*
 * shmib-fakeseg: writes synthetic segments for tests, demos and
 * benchmarks, with the objects Snabb writes (the segment profiles of
 * mibs/profiles.txt less shmib's additions) and values that a test can
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
 * every counter is i (or k) times a multiplier from the key tables below,
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

#include "profiles.h"
#include "shm/profile.h"

#define PROGRESS_EVERY 2000
#define IFACES_MAX     65535    /* PCI bus:device.function space */
#define VPLS_MAX       65535
#define PWS_MAX        65535
#define KEYS_MAX       64       /* keys of the largest profile */
#define FWD_CAPACITY   4096     /* a VPLS's MAC table */
/* pwPsnType and cpwVcPsnType other(6): what Snabb's writer says of GRE
 * and L2TPv3 alike (shmib's dataplane says each tunnel type's). */
#define SNABB_PSN_TYPE 6
_Static_assert(IF_KEYS <= KEYS_MAX && PW_KEYS <= KEYS_MAX && VPLS_KEYS <= KEYS_MAX,
	       "KEYS_MAX below a profile's keys");

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
	K_STR,          /* field arg (F_COUNT: empty) */
};

/* The value of a profile's key. */
struct fake {
	enum kind kind;
	uint64_t arg;
};

#define CONST(v)   { K_CONST, v }
#define SCALE(m)   { K_SCALE, m }
#define STR(f)     { K_STR, f }
#define NOW        { K_NOW }
#define COUNT      { K_COUNT }
#define EMPTY      STR(F_COUNT)

/* The interface profile's keys. */
static const struct fake if_fakes[IF_KEYS] = {
	[IF_DESCR] = STR(F_DESCR),
	[IF_TYPE] = CONST(6),
	[IF_MTU] = CONST(1500),
	[IF_SPEED] = CONST(4294967295u),
	[IF_HIGHSPEED] = CONST(10000),
	[IF_MAC] = STR(F_MAC),
	[IF_ADMIN] = CONST(1),
	[IF_OPER] = CONST(1),
	[IF_LAST_CHANGE_S] = NOW,
	[IF_IN_OCTETS] = SCALE(1000000007),
	[IF_IN_UCAST] = SCALE(1000003),
	[IF_IN_MCAST] = SCALE(1009),
	[IF_IN_BCAST] = SCALE(101),
	[IF_IN_DISCARDS] = SCALE(3),
	[IF_IN_ERRORS] = SCALE(5),
	[IF_IN_UNKNOWN] = SCALE(7),
	[IF_OUT_OCTETS] = SCALE(2000000011),
	[IF_OUT_UCAST] = SCALE(2000003),
	[IF_OUT_MCAST] = SCALE(2003),
	[IF_OUT_BCAST] = SCALE(211),
	[IF_OUT_DISCARDS] = SCALE(11),
	[IF_OUT_ERRORS] = SCALE(13),
	[IF_NAME] = STR(F_NAME),
	[IF_TRAP_ENABLE] = CONST(2),
	[IF_PROMISC] = CONST(2),
	[IF_CONNECTOR] = CONST(1),
	[IF_ALIAS] = STR(F_ALIAS),
	[IF_DISCONT_S] = NOW,
};

/* The pseudowire profile's keys. */
static const struct fake pw_fakes[PW_KEYS] = {
	[PW_PEER_TYPE] = CONST(2),
	[PW_PEER_ADDR] = STR(F_PEER),
	[PW_VC_ID] = SCALE(1),
	[PW_MTU] = CONST(1500),
	[PW_REMOTE_MTU] = CONST(0),
	[PW_REMOTE_IFSTR] = EMPTY,
	[PW_OUT_LABEL] = SCALE(1),
	[PW_IN_LABEL] = SCALE(1),
	[PW_PSN_TYPE] = CONST(SNABB_PSN_TYPE),
	[PW_CPW_PSN_TYPE] = CONST(SNABB_PSN_TYPE),
	[PW_NAME] = STR(F_PWNAME),
	[PW_DESCR] = STR(F_PWDESCR),
	[PW_CREATED_S] = NOW,
	[PW_UP_BASE] = NOW,
	[PW_LAST_CHANGE_S] = NOW,
	[PW_OPER] = CONST(1),
	[PW_INBOUND] = CONST(1),
	[PW_REMOTE_STATUS] = CONST(0),
	[PW_ERRORS] = SCALE(1),
	[PW_IN_PKTS] = SCALE(1000003),
	[PW_IN_BYTES] = SCALE(1000000007),
	[PW_OUT_PKTS] = SCALE(2000003),
	[PW_OUT_BYTES] = SCALE(2000000011),
	[PW_PW_VLAN] = CONST(4095),
	[PW_VLAN_MODE] = CONST(1),
	[PW_PORT_VLAN] = CONST(4095),
	[PW_PORT] = STR(F_PORT),
	[PW_CPW_VLAN] = CONST(4097),
	[PW_CPW_PORT_VLAN] = CONST(4097),
	[PW_VPLS] = STR(F_VPLS),
};

/* The VPLS profile's keys. */
static const struct fake vpls_fakes[VPLS_KEYS] = {
	[VPLS_NAME] = STR(F_VPLS),
	[VPLS_DESCR] = STR(F_VPLSDESCR),
	[VPLS_MTU] = CONST(1500),
	[VPLS_OPER] = CONST(1),
	[VPLS_PEERS] = COUNT,
	[VPLS_NOTIF_ENABLE] = CONST(2),
	[VPLS_FWD_HIGH] = CONST(95),    /* the MIB's defaults */
	[VPLS_FWD_LOW] = CONST(90),
	[VPLS_FWD_ENTRIES] = SCALE(1),
	[VPLS_FWD_CAPACITY] = CONST(FWD_CAPACITY),
};

/* A kind of segment: its profile, less what Snabb does not write. */
struct kindset {
	const char *what;
	const struct shm_profile *p;
	const struct fake *fakes;
	size_t nkeys;
	unsigned omit;
	unsigned not_snabb;     /* also left out with --snabb */
};

#define KEYS(a) (sizeof(a) / sizeof((a)[0]))

static const struct kindset ifaces = { "interface", &profile_if, if_fakes, KEYS(if_fakes), IF_G_SHMIB };
static const struct kindset pws = { "pseudowire", &profile_pw, pw_fakes, KEYS(pw_fakes), PW_G_SHMIB };
static const struct kindset vplss = { "VPLS", &profile_vpls, vpls_fakes, KEYS(vpls_fakes), VPLS_G_SHMIB,
				       VPLS_G_FILL };

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

/* The value of every key for row R. */
static void values(const struct kindset *ks, const struct row *r,
		   struct shm_pval *v)
{
	for (size_t k = 0; k < ks->nkeys; k++) {
		const struct fake *f = &ks->fakes[k];

		v[k] = (struct shm_pval){
			.num = f->kind == K_SCALE ? r->n * f->arg :
			       f->kind == K_COUNT ? r->count :
			       f->kind == K_NOW ? r->now : f->arg,
			.str = "",
		};
		if (f->kind == K_STR && f->arg < F_COUNT)
			v[k].str = r->f[f->arg].buf, v[k].len = r->f[f->arg].len;
	}
}

static void write_segment(const struct opts *o, const struct kindset *ks,
			  const char *name, const struct row *r)
{
	struct shmib_err err;
	struct shm_pval v[KEYS_MAX];
	struct shm_pseg s;
	struct shm_writer *w = o->plain ? shm_writer_new_plain(o->dir, name, &err) :
					  shm_writer_new(o->dir, name, &err);

	values(ks, r, v);
	if (shm_pseg_init(&s, w, ks->p, ks->omit | (o->plain ? ks->not_snabb : 0), v,
			  &err) < 0 ||
	    shm_writer_publish(s.w, 0644, &err))
		die("%s", err.msg);
	shm_pseg_free(&s, false);
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
	for (size_t i = 0; i < ks->p->n; i++) {
		const struct shm_pobj *o = &ks->p->obj[i];
		const struct fake *f = &ks->fakes[o->key];

		if (o->key && f->kind == K_SCALE && !(o->group & ks->omit))
			printf("    %-28s %s * %" PRIu64 "%s\n", o->name, n, f->arg,
			       o->type == SHM_COUNTER64 ? "" : "  (low 32 bits)");
	}
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
	       "when --interfaces N is given, else none; pwPsnType and cpwVcPsnType\n"
	       "other(%d), as Snabb's writer has them whatever the tunnel; counters:\n",
	       SNABB_PSN_TYPE);
	help_formulas(&pws, "k");
	printf("vplsStatusPeerCount = P; MAC table fill (not with --snabb):\n"
	       "_X_vplsFwdEntries = v of _X_vplsFwdCapacity = %d.\n", FWD_CAPACITY);
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

	parse(argc, argv, &o);
	if (mkdir(o.dir, 0755) && errno != EEXIST)
		die("%s: %s", o.dir, strerror(errno));
	if (o.interfaces)
		write_interfaces(&o);
	if (o.vpls)
		write_vpls(&o);
	return 0;
}
