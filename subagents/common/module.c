/*
 * The agent as an snmpd module, loaded by net-snmp's dlmod:
 *
 *   dlmod shmib_interface /usr/lib/shmib/shmib_interface.so
 *   shmib_interface --shmem-dir DIR --ifindex FILE ...
 *
 * init_shmib_NAME (AGENT_MODULE in agent.h) runs when snmpd reads the
 * dlmod line: it registers the directive named after the module,
 * whose line holds the daemon's long options, and the notification
 * settings.  Once snmpd has read all of its configuration the agent
 * starts, inside snmpd: its handlers in snmpd's registry, its inotify
 * fd and alarms on snmpd's loop, its notifications to snmpd's trap
 * sinks.  A bad line or file: logged, the module serves nothing and
 * snmpd goes on.
 *
 * A SIGHUP of snmpd unloads every module (deinit_shmib_NAME), re-reads
 * the configuration and loads them again: deinit releases everything
 * the agent registered.  When snmpd stops, deinit runs from inside
 * net-snmp's own teardown (a shutdown callback unregistering the
 * dlmod directive): there it releases the agent's memory, handlers,
 * alarms and descriptors but leaves the directives and callbacks to
 * net-snmp, which is walking those very lists and frees them next.
 */
#include <stdlib.h>
#include <string.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include "subagents/common/core.h"

#define ARGS_MAX 64

extern int netsnmp_running;     /* snmpd's; 0 once it is stopping */

/* What the module holds between snmpd's calls, which carry no
 * argument: the agent of this module (one a module). */
static struct {
	const struct agent_def *def;
	char token[64];                 /* shmib_NAME */
	struct agent *agent;            /* NULL: serving nothing */
	char *line;                     /* the directive's options */
} mod;

static void parse_line(const char *token, char *line)
{
	(void)token;
	if (mod.line)
		snmp_log(LOG_WARNING, "%s: a second line; the last one counts\n", mod.token);
	free(mod.line);
	mod.line = strdup(line ? line : "");
}

/* The directive's words as an argv (ARGV[0] the module's name); the
 * words point into BUF. */
static int split(char *buf, char **argv)
{
	int argc = 0;

	argv[argc++] = mod.token;
	for (char *w = strtok(buf, " \t"); w; w = strtok(NULL, " \t")) {
		if (argc == ARGS_MAX - 1) {
			snmp_log(LOG_ERR, "%s: more than %d words\n", mod.token, ARGS_MAX - 2);
			return -1;
		}
		argv[argc++] = w;
	}
	argv[argc] = NULL;
	return argc;
}

static void stop_agent(void)
{
	agent_free(mod.agent);
	mod.agent = NULL;
}

/* After snmpd has read its configuration: the options, then the
 * agent.  The line stays allocated: options point into it. */
static int start(int major, int minor, void *server, void *client)
{
	char *argv[ARGS_MAX];
	int argc;

	(void)major, (void)minor, (void)server, (void)client;
	if (!mod.agent || mod.agent->started)
		return 0;
	if (!mod.line) {
		snmp_log(LOG_ERR, "%s: no '%s' line in snmpd.conf; serving nothing\n",
			 mod.token, mod.token);
		stop_agent();
		return 0;
	}
	if ((argc = split(mod.line, argv)) < 0 || options_parse(mod.agent, argc, argv) ||
	    agent_start(mod.agent)) {
		snmp_log(LOG_ERR, "%s: serving nothing\n", mod.token);
		stop_agent();
		return 0;
	}
	snmp_log(LOG_INFO, "%s started inside snmpd: %s, every %us\n", mod.token,
		 mod.agent->opt.shmem_dir, mod.agent->opt.check_interval);
	return 0;
}

/* The notification settings are directives of snmpd.conf too: known
 * before the lines that set them are read. */
static void register_knobs(struct agent *a)
{
	for (const struct agent_notify *n = a->def->notifications; n && n->table; n++) {
		if (n->enable)
			knob_get(a, n->enable, false);
		if (n->rate)
			knob_get(a, n->rate, true);
	}
}

void agent_module_init(const struct agent_def *def)
{
	mod.def = def;
	snprintf(mod.token, sizeof mod.token, "shmib_%s", def->name);
	mod.agent = agent_new(def, NULL);
	if (!mod.agent) {
		snmp_log(LOG_ERR, "%s: out of memory\n", mod.token);
		return;
	}
	mod.agent->in_snmpd = true;
	register_knobs(mod.agent);
	register_config_handler(NULL, mod.token, parse_line, NULL,
				"--shmem-dir DIR --ifindex FILE ... (the daemon's options)");
	snmp_register_callback(SNMP_CALLBACK_LIBRARY, SNMP_CALLBACK_POST_READ_CONFIG, start, NULL);
}

void agent_module_deinit(void)
{
	bool exiting = !netsnmp_running;

	if (mod.agent)
		mod.agent->conf_kept = exiting;
	stop_agent();
	if (!exiting) {
		unregister_config_handler(NULL, mod.token);
		snmp_unregister_callback(SNMP_CALLBACK_LIBRARY, SNMP_CALLBACK_POST_READ_CONFIG,
					 start, NULL, 1);
	}
	free(mod.line);
	mod.line = NULL;
}
