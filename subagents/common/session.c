/*
 * The AgentX session (see session.h).
 */
#include <stdlib.h>

#include "subagents/common/core.h"
#include "subagents/common/handler.h"
#include "subagents/common/session.h"
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
	return 0;
}

static void unregister_all(struct agent *a)
{
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
		snmp_shutdown(a->def->name);
	}
	free_subtrees(a);
}
