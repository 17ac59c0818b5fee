/*
 * shmib-exporter: serves the dataplane's segments to Prometheus
 * (GET /metrics), see exporter.h.
 *
 *   shmib-exporter --listen ADDR:PORT --shmem-dir DIR --ifindex FILE
 *                  [--vpls-ids FILE --pseudowire-ids FILE --state-file FILE]
 *                  [--kernel-interfaces yes|no] [-f] [-p PIDFILE]
 *
 * The listening socket is bound before the daemon forks (after the
 * pidfile, so a second start says it runs already), so an address in
 * use or not local is one message and exit status 1.
 */
#include <errno.h>
#include <getopt.h>
#include <malloc.h>
#include <netdb.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include <bsd/libutil.h>

#include "exporter/exporter.h"

/* Blocks from this size up are mappings of their own, which free()
 * gives back to the system: a scrape's body (MBs, freed once sent,
 * http.c).  Left to itself glibc raises the threshold to the size of
 * the last mapping freed, and the next body would come from the heap
 * and stay in the exporter's memory. */
#define MMAP_THRESHOLD (256 * 1024)

/* Where shmib-pseudowire keeps its state when started by the shipped
 * systemd unit or init script (its SNMP_PERSISTENT_DIR). */
#define STATE_FILE "/var/lib/shmib/pseudowire/shmib-pseudowire.state"

enum { OPT_LISTEN = 256, OPT_SHMEM_DIR, OPT_IFINDEX, OPT_VPLS_IDS,
       OPT_PSEUDOWIRE_IDS, OPT_STATE_FILE, OPT_KERNEL_INTERFACES, OPT_SNMP_YML,
       OPT_HELP };

static const struct option options[] = {
	{ "listen",         required_argument, NULL, OPT_LISTEN },
	{ "shmem-dir",      required_argument, NULL, OPT_SHMEM_DIR },
	{ "ifindex",        required_argument, NULL, OPT_IFINDEX },
	{ "vpls-ids",       required_argument, NULL, OPT_VPLS_IDS },
	{ "pseudowire-ids", required_argument, NULL, OPT_PSEUDOWIRE_IDS },
	{ "state-file",     required_argument, NULL, OPT_STATE_FILE },
	{ "kernel-interfaces", required_argument, NULL, OPT_KERNEL_INTERFACES },
	{ "snmp-yml",       no_argument,       NULL, OPT_SNMP_YML },
	{ "help",           no_argument,       NULL, OPT_HELP },
	{ NULL },
};

static const char usage[] =
	"usage: shmib-exporter --listen ADDR:PORT --ifindex FILE [options]\n"
	"  --listen ADDR:PORT       where to serve /metrics ([::]:9100, :9100)\n"
	"  --shmem-dir DIR          segment directory (default /var/lib/snabb/shmem)\n"
	"  --ifindex FILE           ifindex map (required)\n"
	"  --vpls-ids FILE          VPLS segment names, one a line\n"
	"  --pseudowire-ids FILE    pseudowire segment names, one a line\n"
	"  --state-file FILE        shmib-pseudowire's index state, read only\n"
	"                           (default " STATE_FILE ")\n"
	"  --kernel-interfaces yes|no  serve the kernel's network interfaces of\n"
	"                           this namespace at their own ifindex beside\n"
	"                           the dataplane's (default yes)\n"
	"  -f                       stay in the foreground, log to stderr\n"
	"  -p PIDFILE               write the daemon's pid there\n"
	"  --snmp-yml               print snmp_exporter's modules of the same series\n";

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	stop = sig;
}

static const char **target(struct exporter *ex, int opt)
{
	switch (opt) {
	case OPT_LISTEN:         return &ex->listen;
	case OPT_SHMEM_DIR:      return &ex->shmem_dir;
	case OPT_IFINDEX:        return &ex->ifindex.path;
	case OPT_VPLS_IDS:       return &ex->ids[IDX_VPLS].path;
	case OPT_PSEUDOWIRE_IDS: return &ex->ids[IDX_PW].path;
	case OPT_STATE_FILE:     return &ex->state.path;
	case 'p':                return &ex->pidfile;
	default:                 return NULL;
	}
}

static int print_snmp_yml(void)
{
	struct text t = { 0 };

	snmp_yml(&t);
	if (t.failed || fwrite(t.p, 1, t.len, stdout) != t.len || fflush(stdout)) {
		free(t.p);
		fprintf(stderr, "shmib-exporter: cannot write the snmp_exporter modules\n");
		return 1;
	}
	free(t.p);
	return -1;
}

/* --kernel-interfaces ARG: 0, or 1 with the error printed. */
static int kernel_option(struct exporter *ex, const char *arg)
{
	bool on;

	if (kernifs_option(arg, &on)) {
		fprintf(stderr, "shmib-exporter: --kernel-interfaces: '%s' is neither yes nor no\n", arg);
		return 1;
	}
	ex->kernel_off = !on;
	return 0;
}

/* 0 to run, 1 on bad usage or failure, -1 when done (--help). */
static int parse(struct exporter *ex, int argc, char **argv)
{
	int opt;

	ex->shmem_dir = "/var/lib/snabb/shmem";
	while ((opt = getopt_long(argc, argv, "fp:", options, NULL)) != -1) {
		const char **t = target(ex, opt);

		if (t)
			*t = optarg;
		else if (opt == 'f')
			ex->foreground = true;
		else if (opt == OPT_HELP)
			return fputs(usage, stdout), -1;
		else if (opt == OPT_SNMP_YML)
			return print_snmp_yml();
		else if (opt == OPT_KERNEL_INTERFACES) {
			if (kernel_option(ex, optarg))
				return 1;
		}
		else
			return fputs(usage, stderr), 1;
	}
	if (optind < argc || !ex->listen || !ex->ifindex.path) {
		fprintf(stderr, "shmib-exporter: %s\n%s", optind < argc ?
			"unexpected arguments" : "--listen and --ifindex are required", usage);
		return 1;
	}
	if (!ex->ids[IDX_VPLS].path != !ex->ids[IDX_PW].path) {
		fprintf(stderr, "shmib-exporter: --vpls-ids and --pseudowire-ids go together\n");
		return 1;
	}
	if (ex->ids[IDX_PW].path && !ex->state.path)
		ex->state.path = STATE_FILE;
	return 0;
}

/* A listening TCP socket on ADDR:PORT ([v6]:port, host:port, :port). */
static int listen_on(const char *spec)
{
	char host[256];
	const char *colon = strrchr(spec, ':');
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM, .ai_flags = AI_PASSIVE },
			*ai = NULL;
	size_t hl;
	int fd = -1, on = 1, rc;

	if (!colon || !colon[1] || (hl = colon - spec) >= sizeof host) {
		fprintf(stderr, "shmib-exporter: --listen %s: not ADDR:PORT\n", spec);
		return -1;
	}
	if (spec[0] == '[' && hl >= 2 && spec[hl - 1] == ']')
		memcpy(host, spec + 1, hl - 2), host[hl - 2] = '\0';
	else
		memcpy(host, spec, hl), host[hl] = '\0';
	rc = getaddrinfo(host[0] ? host : NULL, colon + 1, &hints, &ai);
	if (rc) {
		fprintf(stderr, "shmib-exporter: --listen %s: %s\n", spec, gai_strerror(rc));
		return -1;
	}
	fd = socket(ai->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) ||
	    bind(fd, ai->ai_addr, ai->ai_addrlen) || listen(fd, 64)) {
		fprintf(stderr, "shmib-exporter: --listen %s: %s\n", spec, strerror(errno));
		if (fd >= 0)
			close(fd);
		fd = -1;
	}
	freeaddrinfo(ai);
	return fd;
}

static struct pidfh *take_pidfile(const char *path)
{
	pid_t other;
	struct pidfh *pfh = pidfile_open(path, 0644, &other);

	if (!pfh && errno == EEXIST)
		fprintf(stderr, "shmib-exporter: %s: already running as pid %d\n", path, (int)other);
	else if (!pfh)
		fprintf(stderr, "shmib-exporter: %s: %s\n", path, strerror(errno));
	return pfh;
}

static int serve(struct exporter *ex, int fd)
{
	struct sigaction sa = { .sa_handler = on_signal };
	struct http *h;
	sigset_t none;

	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	render_start();
	h = http_start(ex, fd);
	if (!h) {
		log_msg(LOG_ERR, "cannot start the HTTP server on %s\n", ex->listen);
		return 1;
	}
	log_msg(LOG_INFO, "serving %s on http://%s/metrics\n", ex->shmem_dir, ex->listen);
	sigemptyset(&none);
	while (!stop)
		sigsuspend(&none);
	log_msg(LOG_INFO, "stopping (signal %d)\n", (int)stop);
	http_stop(h);
	return 0;
}

int main(int argc, char **argv)
{
	static struct exporter ex;
	struct pidfh *pfh = NULL;
	int rc = parse(&ex, argc, argv), fd;

	if (rc)
		return rc > 0 ? 1 : 0;
	mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD);
	if (ex.pidfile && !(pfh = take_pidfile(ex.pidfile)))
		return 1;
	fd = listen_on(ex.listen);
	if (fd < 0) {
		if (pfh)
			pidfile_remove(pfh);
		return 1;
	}
	ex.segs = (struct segset){ .log = log_line };
	ex.ifmap = ifmap_new();
	log_open(ex.foreground);
	if (sources_start(&ex)) {        /* before detaching: exit 1 */
		sources_free(&ex);
		if (pfh)
			pidfile_remove(pfh);
		return 1;
	}
	if (!ex.foreground && daemon(0, 0)) {
		fprintf(stderr, "shmib-exporter: daemon: %s\n", strerror(errno));
		return 1;
	}
	if (pfh)
		pidfile_write(pfh);
	rc = ex.ifmap ? serve(&ex, fd) : 1;
	sources_free(&ex);
	if (pfh)
		pidfile_remove(pfh);
	return rc;
}
