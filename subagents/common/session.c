/*
 * The AgentX session (see session.h).
 */
#include <stdlib.h>

#include "subagents/common/core.h"
#include "subagents/common/handler.h"
#include "subagents/common/notify_conf.h"
#include "subagents/common/session.h"
#include "subagents/common/strcap.h"
#include "subagents/common/sysor.h"
#include "subagents/common/uptime.h"

/* -x wins over the .conf's agentXSocket: set again after the .conf
 * was read, before net-snmp connects. */
static int force_socket(int major, int minor, void *server, void *client)
{
	struct agent *a = client;

	(void)major, (void)minor, (void)server;
	netsnmp_ds_set_string(NETSNMP_DS_APPLICATION_ID, NETSNMP_DS_AGENT_X_SOCKET,
			      a->opt.agentx);
	return 0;
}

static int register_subtree(struct subtree *st)
{
	netsnmp_handler_registration *reg;

	reg = netsnmp_create_handler_registration(st->name, handle_request, st->root,
						  st->root_len, HANDLER_CAN_RONLY);
	if (!reg)
		return -1;
	reg->my_reg_void = st;
	if (netsnmp_register_handler(reg) != MIB_REGISTERED_OK) {
		snmp_log(LOG_ERR, "cannot register %s\n", st->name);
		return -1;      /* net-snmp freed REG */
	}
	st->reg = reg;
	return 0;
}

/* Every table and scalar of the definition in exactly one subtree. */
static int check_placed(struct agent *a)
{
	size_t placed = 0, ns = 0;

	while (a->def->scalars && a->def->scalars[ns].name)
		ns++;
	for (size_t i = 0; i < a->nsubtrees; i++)
		placed += a->subtrees[i]->n;
	if (placed == a->tables.n + ns)
		return 0;
	snmp_log(LOG_ERR, "%s: %zu tables and scalars, %zu in the subtrees\n",
		 a->def->name, a->tables.n + ns, placed);
	return -1;
}

static int make_subtrees(struct agent *a)
{
	size_t n = 0;

	while (a->def->subtrees[n].name)
		n++;
	a->subtrees = calloc(n + 1, sizeof *a->subtrees);
	if (!a->subtrees)
		return -1;
	for (a->nsubtrees = 0; a->nsubtrees < n; a->nsubtrees++)
		if (!(a->subtrees[a->nsubtrees] = subtree_new(a, &a->def->subtrees[a->nsubtrees])))
			return -1;
	return check_placed(a);
}

/* Inside snmpd: the subtrees only, into snmpd's own registry. */
static int register_all(struct agent *a)
{
	for (size_t i = 0; i < a->nsubtrees; i++)
		if (register_subtree(a->subtrees[i]))
			return -1;
	return sysor_register(a->def);
}

/* In snmpd; a daemon's entries go with its session. */
static void unregister_all(struct agent *a)
{
	sysor_unregister(a->def);
	for (size_t i = 0; i < a->nsubtrees; i++)
		if (a->subtrees[i]->reg)
			netsnmp_unregister_handler(a->subtrees[i]->reg);
}

static void free_subtrees(struct agent *a)
{
	for (size_t i = 0; i < a->nsubtrees; i++)
		subtree_free(a->subtrees[i]);
	free(a->subtrees);
	a->subtrees = NULL;
	a->nsubtrees = 0;
}

int session_start(struct agent *a)
{
	if (make_subtrees(a))
		return -1;
	if (a->in_snmpd)
		return register_all(a);
	netsnmp_ds_set_boolean(NETSNMP_DS_APPLICATION_ID, NETSNMP_DS_AGENT_ROLE, 1);
	if (a->opt.agentx)
		netsnmp_register_callback(SNMP_CALLBACK_LIBRARY, SNMP_CALLBACK_POST_READ_CONFIG,
					  force_socket, a, NETSNMP_CALLBACK_HIGHEST_PRIORITY);
	uptime_init(a);
	if (init_agent(a->def->name)) {
		snmp_log(LOG_ERR, "cannot initialise the net-snmp agent library\n");
		return -1;
	}
	/* init_agent() sets net-snmp's default (15 s); the .conf's
	 * agentxPingInterval, read by init_snmp(), still wins. */
	netsnmp_ds_set_int(NETSNMP_DS_APPLICATION_ID, NETSNMP_DS_AGENT_AGENTX_PING_INTERVAL,
			   a->opt.check_interval);
	init_snmp(a->def->name);
	return register_all(a);
}

/* net-snmp runs its shutdown callbacks holding a lock on their list,
 * and the AgentX one waits for the master's answer to its Close: a
 * master that dies meanwhile makes it unregister itself from that
 * list, which then waits 100 ms for the lock and asserts.  The same
 * callbacks, in the same order, are run here without the lock: each
 * taken off the list first, so snmp_shutdown() finds none left. */
static void run_shutdown_callbacks(void)
{
	struct snmp_gen_callback *l = snmp_callback_list(SNMP_CALLBACK_LIBRARY,
							 SNMP_CALLBACK_SHUTDOWN);
	struct snmp_gen_callback *v;
	size_t n = 0;

	for (struct snmp_gen_callback *c = l; c; c = c->next)
		n++;
	if (!n || !(v = calloc(n, sizeof *v)))
		return;         /* snmp_shutdown() runs them as before */
	n = 0;
	for (struct snmp_gen_callback *c = l; c; c = c->next)
		if (c->sc_callback)
			v[n++] = *c;
	for (size_t i = 0; i < n; i++)
		if (snmp_unregister_callback(SNMP_CALLBACK_LIBRARY, SNMP_CALLBACK_SHUTDOWN,
					     v[i].sc_callback, v[i].sc_client_arg, 1))
			v[i].sc_callback(SNMP_CALLBACK_LIBRARY, SNMP_CALLBACK_SHUTDOWN,
					 NULL, v[i].sc_client_arg);
	free(v);
}

/* The .conf's directives anew, without net-snmp's update_config():
 * that also runs the post-read callbacks, and the AgentX one would
 * open a second session or a second reconnect timer. */
void session_reread(struct agent *a)
{
	knobs_reset(a);
	read_config_files(NORMAL_CONFIG);
	if (a->opt.agentx)
		force_socket(0, 0, NULL, a);
}

/* The callbacks go first: snmp_shutdown() would free their argument,
 * the agent. */
void session_stop(struct agent *a)
{
	if (a->in_snmpd) {
		unregister_all(a);
	} else {
		snmp_unregister_callback(SNMP_CALLBACK_LIBRARY, SNMP_CALLBACK_POST_READ_CONFIG,
					 force_socket, a, 1);
		uptime_stop(a);
		run_shutdown_callbacks();
		snmp_shutdown(a->def->name);
	}
	strcap_free();
	free_subtrees(a);
}
