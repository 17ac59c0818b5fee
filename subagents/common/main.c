/*
 * agent_main: the agent as a daemon.  Options, logging, pidfile,
 * daemon, then net-snmp's loop, which also runs the AgentX session,
 * the inotify fd and the timers of the agent (life.c).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <bsd/libutil.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include "subagents/common/core.h"
#include "subagents/common/signals.h"

static void setup_logging(struct agent *a)
{
	if (a->opt.logging)
		return;
	if (a->opt.foreground)
		snmp_enable_stderrlog();
	else
		snmp_enable_syslog_ident(a->def->name, LOG_DAEMON);
}

static struct pidfh *take_pidfile(const char *path)
{
	pid_t other;
	struct pidfh *pfh = pidfile_open(path, 0644, &other);

	if (pfh)
		return pfh;
	if (errno == EEXIST)
		fprintf(stderr, "%s: already running as pid %d\n", path, (int)other);
	else
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
	return NULL;
}

int agent_main(const struct agent_def *def, int argc, char **argv)
{
	struct agent *a = agent_new(def, def->name);
	struct pidfh *pfh = NULL;
	int rc, stop = 0;

	if (!a)
		return 1;
	rc = options_parse(a, argc, argv);
	if (rc) {
		agent_free(a);  /* what options set up (a source's state) */
		return rc > 0 ? 0 : 1;
	}
	setup_logging(a);
	if (a->opt.pidfile && !(pfh = take_pidfile(a->opt.pidfile))) {
		agent_free(a);
		return 1;
	}
	if (!a->opt.foreground && daemon(0, 0)) {
		fprintf(stderr, "daemon: %s\n", strerror(errno));
		agent_free(a);
		return 1;
	}
	if (pfh)
		pidfile_write(pfh);
	signals_init();
	rc = agent_start(a);
	if (rc == 0) {
		snmp_log(LOG_INFO, "shmib-%s started: %s, every %us\n", def->name,
			 a->opt.shmem_dir, a->opt.check_interval);
		while (!(stop = signals_handle(a)))
			agent_check_and_process(1);
		snmp_log(LOG_INFO, "shmib-%s stopping (signal %d)\n", def->name, stop);
	}
	agent_free(a);
	if (pfh)
		pidfile_remove(pfh);
	return rc ? 1 : 0;
}
