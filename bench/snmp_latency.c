/*
 * bench-snmp-latency: the round-trip time of single SNMP requests.
 *
 * Sends one SNMPv2c GET (or GETNEXT with --next) per OID given, one
 * request in flight at a time, --repeat times over the list, and
 * times each request from send to decoded response with the monotonic
 * clock; with --until FILE, over and over until FILE exists (the
 * longest answer while something happens in the agent).  Prints
 * "median_us p90_us requests max_us" on one line.  Spawning a
 * tool per request would measure process start-up instead; one
 * long-lived session measures the agent.  Any error response, timeout
 * or exception value (noSuchInstance, endOfMibView...) exits 1.
 *
 *   bench-snmp-latency [--next] [--repeat R | --until FILE] [--community C]
 *                      HOST:PORT OID...
 */
#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct probe {
	netsnmp_session *ss;
	int pdu_type;
};

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* One request for name; its round-trip time in µs, or -1 on error. */
static double one_request(const struct probe *p, const oid *name, size_t len)
{
	netsnmp_pdu *pdu = snmp_pdu_create(p->pdu_type), *resp = NULL;
	double t0, t;
	int ok;

	snmp_add_null_var(pdu, name, len);
	t0 = now_us();
	ok = snmp_synch_response(p->ss, pdu, &resp) == STAT_SUCCESS &&
	     resp->errstat == SNMP_ERR_NOERROR && resp->variables &&
	     resp->variables->type != SNMP_NOSUCHOBJECT &&
	     resp->variables->type != SNMP_NOSUCHINSTANCE &&
	     resp->variables->type != SNMP_ENDOFMIBVIEW;
	t = now_us() - t0;
	if (resp)
		snmp_free_pdu(resp);
	return ok ? t : -1;
}

static netsnmp_session *open_session(const char *peer, const char *community, long timeout_us)
{
	netsnmp_session s, *ss;

	snmp_sess_init(&s);
	s.version = SNMP_VERSION_2c;
	s.peername = (char *)peer;
	s.community = (u_char *)community;
	s.community_len = strlen(community);
	s.retries = 0;
	s.timeout = timeout_us;
	ss = snmp_open(&s);
	if (!ss) {
		snmp_perror("bench-snmp-latency");
		exit(1);
	}
	return ss;
}

static void usage(void)
{
	fprintf(stderr, "usage: bench-snmp-latency [--next] [--repeat R | --until FILE] "
			"[--community C] HOST:PORT OID...\n");
	exit(2);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "next", no_argument, NULL, 'n' },
		{ "repeat", required_argument, NULL, 'r' },
		{ "community", required_argument, NULL, 'c' },
		{ "until", required_argument, NULL, 'u' },
		{ 0 }
	};
	struct probe p = { .pdu_type = SNMP_MSG_GET };
	const char *community = "public", *until = NULL;
	int repeat = 1, c, n = 0, total;
	double *times;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'n')
			p.pdu_type = SNMP_MSG_GETNEXT;
		else if (c == 'r')
			repeat = atoi(optarg);
		else if (c == 'c')
			community = optarg;
		else if (c == 'u')
			until = optarg;
		else
			usage();
	}
	if (argc - optind < 2 || repeat < 1)
		usage();

	netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DONT_PERSIST_STATE, 1);
	netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DISABLE_PERSISTENT_LOAD, 1);
	init_snmp("bench-snmp-latency");
	/* Waiting out a long block is what --until measures. */
	p.ss = open_session(argv[optind], community, until ? 60000000 : 3000000);
	total = repeat * (argc - optind - 1);
	times = calloc(total, sizeof *times);
	if (!times)
		return 1;

	for (int r = 0; r == 0 || (until ? access(until, F_OK) != 0 : r < repeat); r++) {
		for (int i = optind + 1; i < argc; i++) {
			oid name[MAX_OID_LEN];
			size_t len = MAX_OID_LEN;

			if (!read_objid(argv[i], name, &len)) {
				fprintf(stderr, "bench-snmp-latency: bad OID %s\n", argv[i]);
				return 2;
			}
			if (n == total) {
				double *more = reallocarray(times, total *= 2, sizeof *times);

				if (!more)
					return 1;
				times = more;
			}
			times[n] = one_request(&p, name, len);
			if (times[n++] < 0) {
				fprintf(stderr, "bench-snmp-latency: request for %s failed\n", argv[i]);
				return 1;
			}
		}
	}
	qsort(times, n, sizeof *times, by_value);
	printf("%.1f %.1f %d %.1f\n", times[n / 2], times[n * 9 / 10], n, times[n - 1]);
	free(times);
	snmp_close(p.ss);
	return 0;
}
