/* sysORTable entries (see sysor.h). */
#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>
#include <net-snmp/agent/agent_sysORTable.h>
#include <net-snmp/agent/sysORTable.h>

#include "subagents/common/sysor.h"

/* The module's OID: the catalogue object's with UP arcs dropped. */
static size_t module_oid(const struct agent_subtree *st, oid *out)
{
	const struct mib_object *m = mib_lookup(st->object);
	size_t n = m && m->oid_len > st->up ? m->oid_len - st->up : 0;

	for (size_t i = 0; i < n; i++)
		out[i] = m->oid[i];
	return n;
}

int sysor_register(const struct agent_def *def)
{
	oid o[MIB_OID_MAX];

	for (const struct agent_subtree *st = def->subtrees; st->name; st++) {
		size_t n = st->sysor ? module_oid(st, o) : 0;

		if (n && register_sysORTable(o, n, st->sysor) != SYS_ORTABLE_REGISTERED_OK) {
			snmp_log(LOG_ERR, "cannot register %s in sysORTable\n", st->name);
			return -1;
		}
	}
	return 0;
}

void sysor_unregister(const struct agent_def *def)
{
	oid o[MIB_OID_MAX];

	for (const struct agent_subtree *st = def->subtrees; st->name; st++) {
		size_t n = st->sysor ? module_oid(st, o) : 0;

		if (n)
			unregister_sysORTable(o, n);
	}
}
