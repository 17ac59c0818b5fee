/*
 * shmib-dataplane: the DPDK forwarding process.
 *
 *   shmib-dataplane [EAL options] -- --config FILE [--shmem-dir DIR]
 *                   [-f] [-p PIDFILE]
 *
 * Order of work: the configuration is read and checked first (errors
 * go to stderr, exit 1, nothing created); the pid file is taken and the
 * segment directory locked (owner.h: one dataplane per directory);
 * then the process detaches (unless -f; before rte_eal_init, which
 * starts threads), writes its pid, starts EAL, brings ports and
 * segments up (setup.c) and runs the main lcore loop: the publish
 * timer, link events, calls from other threads (lcall.h) and signals:
 * SIGINT, SIGTERM end it (clean shutdown: captures ended with their
 * files complete, segments removed), SIGHUP
 * reloads the configuration (reload.h), SIGUSR1 and SIGUSR2 are
 * ignored.  Exit status: 0 after a clean shutdown, 1 on any error.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bsd/libutil.h>
#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_timer.h>

#include "dataplane/capture.h"
#include "dataplane/config.h"
#include "dataplane/kernlink.h"
#include "dataplane/lcall.h"
#include "dataplane/log.h"
#include "dataplane/monitor.h"
#include "dataplane/owner.h"
#include "dataplane/reload.h"
#include "dataplane/setup.h"
#include "dataplane/stats.h"
#include "dataplane/telemetry.h"

#define LOOP_SLEEP_US 10000     /* main lcore: timer and link events */

struct opts {
	const char *config;
	const char *shmem_dir;
	const char *pidfile;
	bool foreground;
};

static volatile sig_atomic_t quit, hup;

static void on_signal(int sig)
{
	quit = sig;
}

static void on_hup(int sig)
{
	hup = sig;
}

static void usage(FILE *f)
{
	fprintf(f, "usage: shmib-dataplane [EAL options] -- --config FILE [--shmem-dir DIR] [-f] [-p PIDFILE]\n"
		"  --config FILE     ports, cross-connects and settings (INI)\n"
		"  --shmem-dir DIR   segment directory (default: the config's shmem_dir, else %s)\n"
		"  -f                stay in the foreground, log to stderr\n"
		"  -p PIDFILE        write the pid there; refuse to start if it is locked\n",
		DP_DEFAULT_SHMEM_DIR);
}

static int parse_opts(int argc, char **argv, struct opts *o)
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "shmem-dir", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	optind = 0;     /* full getopt reset: EAL parses its own argv next */
	while ((c = getopt_long(argc, argv, "fp:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'c': o->config = optarg; break;
		case 'd': o->shmem_dir = optarg; break;
		case 'f': o->foreground = true; break;
		case 'p': o->pidfile = optarg; break;
		case 'h': usage(stdout); exit(0);
		default: usage(stderr); return -1;
		}
	}
	argc -= optind, argv += optind, optind = 0;
	if (argc > 0) {
		fprintf(stderr, "shmib-dataplane: unexpected argument '%s'\n", argv[0]);
		return -1;
	}
	if (!o->config) {
		fprintf(stderr, "shmib-dataplane: --config FILE is required\n");
		usage(stderr);
		return -1;
	}
	return 0;
}

/* The EAL part of argv ends at "--"; returns its index (argc if none). */
static int eal_argc(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--"))
			return i;
	return argc;
}

static int load_config(const struct opts *o, struct dp_config *cfg)
{
	struct shmib_err err;

	if (reload_read(o->config, o->shmem_dir, cfg, &err) < 0) {
		fprintf(stderr, "shmib-dataplane: error: %s\n", err.msg);
		return -1;
	}
	return 0;
}

/* Takes the pid file (exits when another process holds it). */
static struct pidfh *take_pidfile(const struct opts *o)
{
	struct pidfh *pfh = NULL;
	pid_t other;

	if (o->pidfile) {
		pfh = pidfile_open(o->pidfile, 0644, &other);
		if (!pfh) {
			if (errno == EEXIST)
				fprintf(stderr, "shmib-dataplane: error: already running (pid %d, %s)\n",
					(int)other, o->pidfile);
			else
				fprintf(stderr, "shmib-dataplane: error: %s: %s\n",
					o->pidfile, strerror(errno));
			exit(1);
		}
	}
	return pfh;
}

/* Detaches, keeping the working directory: EAL arguments such as
 * rx_pcap=FILE may be relative. */
static void daemonize(const struct opts *o, struct pidfh *pfh)
{
	if (!o->foreground && daemon(1, 0) < 0) {
		fprintf(stderr, "shmib-dataplane: error: cannot detach: %s\n",
			strerror(errno));
		exit(1);
	}
	dp_log_open(o->foreground);
	if (pfh)
		pidfile_write(pfh);
}

/* Before EAL starts its threads, so that they inherit the handling. */
static void handle_signals(void)
{
	struct sigaction sa = { .sa_handler = on_signal };
	struct sigaction hsa = { .sa_handler = on_hup };
	struct sigaction ign = { .sa_handler = SIG_IGN };

	sigemptyset(&sa.sa_mask);
	sigemptyset(&hsa.sa_mask);
	sigemptyset(&ign.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &hsa, NULL);
	sigaction(SIGUSR1, &ign, NULL);
	sigaction(SIGUSR2, &ign, NULL);
}

static void main_loop(struct dp *dp, const struct opts *o)
{
	while (!quit) {
		if (hup) {
			hup = 0;
			dp_log(LOG_INFO, "SIGHUP: reloading %s", o->config);
			reload_apply(dp, o->config, o->shmem_dir);
		}
		lcall_serve(rte_lcore_id());
		monitor_drain(dp);
		rte_timer_manage();
		kernlink_poll();
		for (unsigned i = 0; i < dp->nports; i++)
			if (port_link_event(&dp->port[i]))
				stats_link(&dp->port[i]);
		rte_delay_us_sleep(LOOP_SLEEP_US);
	}
	dp_log(LOG_INFO, "%s: shutting down", strsignal(quit));
}

static int run(const struct dp_config *cfg, const struct opts *o)
{
	static struct dp dp;
	int rc = setup_up(&dp, cfg);

	if (rc == 0) {
		setup_launch(&dp);
		telemetry_start(&dp);
		main_loop(&dp, o);
		monitor_stop_all(&dp);
	}
	if (setup_down(&dp) < 0)
		rc = -1;
	return rc;
}

int main(int argc, char **argv)
{
	static struct dp_config cfg;
	struct opts o = { 0 };
	int n = eal_argc(argc, argv), rc;
	struct pidfh *pfh;

	/* The application's options follow "--", which stands in for
	 * their argv[0]. */
	if (n == argc) {
		usage(stderr);
		return 1;
	}
	if (parse_opts(argc - n, argv + n, &o) < 0 || load_config(&o, &cfg) < 0)
		return 1;
	pfh = take_pidfile(&o);
	if (owner_take(cfg.shmem_dir) < 0) {
		pidfile_remove(pfh);
		return 1;
	}
	daemonize(&o, pfh);
	owner_started();
	handle_signals();
	if (rte_eal_init(n, argv) < 0) {
		dp_log(LOG_ERR, "cannot initialise EAL: %s", rte_strerror(rte_errno));
		owner_release(true);
		pidfile_remove(pfh);
		return 1;
	}
	rte_timer_subsystem_init();
	capture_start();
	rc = run(&cfg, &o);
	capture_stop();
	owner_release(rc < 0);
	rte_timer_subsystem_finalize();
	rte_eal_cleanup();
	pidfile_remove(pfh);
	return rc < 0 ? 1 : 0;
}
