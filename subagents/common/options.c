/*
 * Option parsing: the common options of options.h, then the agent's
 * own long options, handed to its parser.  -L is net-snmp's own
 * (snmp_log_options), so logging is set up exactly as for snmpd.
 *
 * Inside snmpd the same options come from the module's line of
 * snmpd.conf; -f, -x, -p, -L and --help mean nothing there (snmpd has
 * its own) and are ignored with a log line, and errors go to snmpd's
 * log, each naming the module.
 */
#include <stdarg.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#include "subagents/common/core.h"

/* Below AGENT_OPT_FIRST: the agents' own start there. */
enum {
	OPT_SHMEM_DIR = 1000,
	OPT_CHECK_INTERVAL,
	OPT_IFINDEX,
	OPT_RESIDENT_PAGES,
	OPT_HELP,
};
_Static_assert(OPT_HELP < AGENT_OPT_FIRST, "the agents' option values start after the core's");

#define COMMON_OPTIONS 5

static const struct option common[COMMON_OPTIONS] = {
	{ "shmem-dir",      required_argument, NULL, OPT_SHMEM_DIR },
	{ "check-interval", required_argument, NULL, OPT_CHECK_INTERVAL },
	{ "ifindex",        required_argument, NULL, OPT_IFINDEX },
	{ "resident-pages", required_argument, NULL, OPT_RESIDENT_PAGES },
	{ "help",           no_argument,       NULL, OPT_HELP },
};

static void usage(const struct agent *a, FILE *f)
{
	fprintf(f,
		"usage: shmib-%s [options]\n"
		"  --shmem-dir DIR          segment directory (default %s)\n"
		"  --check-interval SECONDS fallback rescan interval (default %d)\n"
		"  --ifindex FILE           ifindex map: \"<ifDescr> <ifIndex>\" lines%s\n"
		"  --resident-pages N|all   pages of segments kept mapped at most\n"
		"                           (default %d; all: no limit while\n"
		"                           requests come, the default inside snmpd)\n"
		"%s"
		"  -f                       stay in the foreground\n"
		"  -x ADDRESS               AgentX socket of the master agent\n"
		"  -p PIDFILE               write the pid; refuse to start twice\n"
		"  -L LOGOPTS               logging, as snmpd (default: syslog;\n"
		"                           stderr with -f)\n"
		"  --help                   this text\n"
		"The agent reads %s.conf from net-snmp's configuration path.\n",
		a->def->name, OPT_SHMEM_DIR_DEFAULT, OPT_CHECK_INTERVAL_DEFAULT,
		a->def->need_ifindex ? " (required)" : "", RESIDENT_PAGES,
		a->def->usage ? a->def->usage : "", a->def->name);
}

/* One error line: stderr for a daemon (before its logging is set up),
 * snmpd's log for a module. */
static void complain(const struct agent *a, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (a->in_snmpd)
		snmp_log(LOG_ERR, "shmib_%s: %s\n", a->def->name, msg);
	else
		fprintf(stderr, "%s\n", msg);
}

static int seconds(const char *arg, unsigned *v)
{
	char *end;
	unsigned long n;

	errno = 0;
	n = strtoul(arg, &end, 10);
	if (errno || end == arg || *end || n < 1 || n > 86400 || arg[0] == '-')
		return -1;
	*v = n;
	return 0;
}

/* N pages in RESIDENT_PAGES_MIN..RESIDENT_PAGES_MAX, or "all". */
static int pages(const char *arg, size_t *v)
{
	char *end;
	unsigned long n;

	if (strcmp(arg, "all") == 0) {
		*v = RESIDENT_ALL;
		return 0;
	}
	errno = 0;
	n = strtoul(arg, &end, 10);
	if (errno || end == arg || *end || arg[0] == '-' ||
	    n < RESIDENT_PAGES_MIN || n > RESIDENT_PAGES_MAX)
		return -1;
	*v = n;
	return 0;
}

/* The agent's options are the core's contract with it: a value that
 * would be taken for a common option, or a flag that makes getopt
 * return 0, is refused rather than silently served by the wrong code. */
static int check_agent_options(const struct agent *a, size_t *n)
{
	const struct option *o = a->def->options;

	for (*n = 0; o && o[*n].name; ++*n)
		if (o[*n].flag || o[*n].val < AGENT_OPT_FIRST) {
			complain(a, "shmib-%s: option --%s: value %d %s", a->def->name,
				 o[*n].name, o[*n].val, o[*n].flag ? "with a flag" :
				 "below AGENT_OPT_FIRST (the common options' values)");
			return -1;
		}
	return 0;
}

static struct option *all_options(const struct agent *a)
{
	size_t n;
	struct option *v;

	if (check_agent_options(a, &n) < 0)
		return NULL;
	v = calloc(COMMON_OPTIONS + n + 1, sizeof *v);
	if (!v)
		return NULL;
	memcpy(v, common, sizeof common);
	if (n)
		memcpy(v + COMMON_OPTIONS, a->def->options, n * sizeof *v);
	return v;
}

static int one(struct agent *a, int c, char **argv, int argc)
{
	struct options *o = &a->opt;

	switch (c) {
	case OPT_SHMEM_DIR:
		o->shmem_dir = optarg;
		return 0;
	case OPT_CHECK_INTERVAL:
		if (seconds(optarg, &o->check_interval) == 0)
			return 0;
		complain(a, "--check-interval: '%s' is not a number of seconds in 1..86400",
			 optarg);
		return -1;
	case OPT_IFINDEX:
		o->ifindex = optarg;
		return 0;
	case OPT_RESIDENT_PAGES:
		if (pages(optarg, &o->resident_pages) == 0)
			return 0;
		complain(a, "--resident-pages: '%s' is neither a number of pages in %u..%u nor 'all'",
			 optarg, RESIDENT_PAGES_MIN, RESIDENT_PAGES_MAX);
		return -1;
	case 'f':
		o->foreground = true;
		return 0;
	case 'x':
		o->agentx = optarg;
		return 0;
	case 'p':
		o->pidfile = optarg;
		return 0;
	case 'L':
		o->logging = true;
		if (snmp_log_options(optarg, argc, argv) == 0)
			return 0;
		complain(a, "-L: bad logging option '%s'", optarg);
		return -1;
	}
	if (c >= AGENT_OPT_FIRST && a->def->option)
		return a->def->option(a, c, optarg);
	return -1;
}

void options_default(struct options *o, bool in_snmpd)
{
	*o = (struct options){
		.shmem_dir = OPT_SHMEM_DIR_DEFAULT,
		.check_interval = OPT_CHECK_INTERVAL_DEFAULT,
		.resident_pages = in_snmpd ? RESIDENT_PAGES_MODULE : RESIDENT_PAGES,
	};
}

/* The daemon's options that snmpd has already. */
static bool ignored_in_snmpd(int c)
{
	return c == 'f' || c == 'x' || c == 'p' || c == 'L' || c == OPT_HELP;
}

/* One option inside snmpd: 0, or -1 after one log line. */
static int in_snmpd(struct agent *a, int c, char **argv, int argc)
{
	if (c == '?') {
		complain(a, "bad option '%s' (or its argument missing)", argv[optind - 1]);
		return -1;
	}
	if (ignored_in_snmpd(c)) {
		snmp_log(LOG_WARNING, "shmib_%s: %s%c ignored inside snmpd\n", a->def->name,
			 c == OPT_HELP ? "--help" : "-", c == OPT_HELP ? ' ' : c);
		return 0;
	}
	return one(a, c, argv, argc);
}

/* One option of a daemon: 0, 1 (--help) or -1 (usage printed). */
static int in_daemon(struct agent *a, int c, char **argv, int argc)
{
	if (c == OPT_HELP) {
		usage(a, stdout);
		return 1;
	}
	if (c == '?' || one(a, c, argv, argc)) {
		usage(a, stderr);
		return -1;
	}
	return 0;
}

int options_parse(struct agent *a, int argc, char **argv)
{
	struct option *longopts = all_options(a);
	int c, rc = 0;

	options_default(&a->opt, a->in_snmpd);
	if (!longopts)
		return -1;
	optind = 0;             /* getopt starts afresh (a module parses again) */
	opterr = !a->in_snmpd;
	while (rc == 0 && (c = getopt_long(argc, argv, "fx:p:L:", longopts, NULL)) != -1)
		rc = a->in_snmpd ? in_snmpd(a, c, argv, argc) : in_daemon(a, c, argv, argc);
	free(longopts);
	if (rc == 0 && optind < argc) {
		complain(a, "shmib-%s: unexpected argument '%s'", a->def->name, argv[optind]);
		rc = -1;
	}
	if (rc == 0 && a->def->need_ifindex && !a->opt.ifindex) {
		complain(a, "shmib-%s: --ifindex FILE is required", a->def->name);
		rc = -1;
	}
	return rc;
}
