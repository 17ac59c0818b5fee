/*
 * Option parsing: the common options of options.h, then the agent's
 * own long options, handed to its parser.  -L is net-snmp's own
 * (snmp_log_options), so logging is set up exactly as for snmpd.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#include "subagents/common/core.h"

enum {
	OPT_SHMEM_DIR = 1000,
	OPT_CHECK_INTERVAL,
	OPT_IFINDEX,
	OPT_HELP,
};

#define COMMON_OPTIONS 4

static const struct option common[COMMON_OPTIONS] = {
	{ "shmem-dir",      required_argument, NULL, OPT_SHMEM_DIR },
	{ "check-interval", required_argument, NULL, OPT_CHECK_INTERVAL },
	{ "ifindex",        required_argument, NULL, OPT_IFINDEX },
	{ "help",           no_argument,       NULL, OPT_HELP },
};

static void usage(const struct agent *a, FILE *f)
{
	fprintf(f,
		"usage: shmib-%s [options]\n"
		"  --shmem-dir DIR          segment directory (default %s)\n"
		"  --check-interval SECONDS fallback rescan interval (default %d)\n"
		"  --ifindex FILE           ifindex map: \"<ifDescr> <ifIndex>\" lines%s\n"
		"%s"
		"  -f                       stay in the foreground\n"
		"  -x ADDRESS               AgentX socket of the master agent\n"
		"  -p PIDFILE               write the pid; refuse to start twice\n"
		"  -L LOGOPTS               logging, as snmpd (default: syslog;\n"
		"                           stderr with -f)\n"
		"  --help                   this text\n"
		"The agent reads %s.conf from net-snmp's configuration path.\n",
		a->def->name, OPT_SHMEM_DIR_DEFAULT, OPT_CHECK_INTERVAL_DEFAULT,
		a->def->need_ifindex ? " (required)" : "",
		a->def->usage ? a->def->usage : "", a->def->name);
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

static struct option *all_options(const struct agent *a)
{
	size_t n = 0;
	struct option *v;

	while (a->def->options && a->def->options[n].name)
		n++;
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
		fprintf(stderr, "--check-interval: '%s' is not a number of seconds in 1..86400\n",
			optarg);
		return -1;
	case OPT_IFINDEX:
		o->ifindex = optarg;
		return 0;
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
		fprintf(stderr, "-L: bad logging option '%s'\n", optarg);
		return -1;
	}
	if (c >= 256 && a->def->option)
		return a->def->option(a, c, optarg);
	return -1;
}

int options_parse(struct agent *a, int argc, char **argv)
{
	struct options *o = &a->opt;
	struct option *longopts = all_options(a);
	int c, rc = 0;

	*o = (struct options){
		.shmem_dir = OPT_SHMEM_DIR_DEFAULT,
		.check_interval = OPT_CHECK_INTERVAL_DEFAULT,
	};
	if (!longopts)
		return -1;
	while (rc == 0 && (c = getopt_long(argc, argv, "fx:p:L:", longopts, NULL)) != -1) {
		if (c == OPT_HELP) {
			usage(a, stdout);
			rc = 1;
		} else if (c == '?' || one(a, c, argv, argc)) {
			usage(a, stderr);
			rc = -1;
		}
	}
	free(longopts);
	if (rc == 0 && optind < argc) {
		fprintf(stderr, "shmib-%s: unexpected argument '%s'\n", a->def->name, argv[optind]);
		rc = -1;
	}
	if (rc == 0 && a->def->need_ifindex && !o->ifindex) {
		fprintf(stderr, "shmib-%s: --ifindex FILE is required\n", a->def->name);
		rc = -1;
	}
	return rc;
}
