/*
 * shmib-interface: IF-MIB's interfaces and ifMIB groups from interface
 * segments (those with an ifDescr).  The row of a segment is the
 * ifIndex its ifDescr has in the ifindex map; segments whose ifDescr
 * is not in the map are not served (noted once).
 *
 * Columns the dataplane does not write get the values an operator
 * expects: ifIndex itself, ifSpecific 0.0, ifOutQLen 0 and the
 * deprecated NUcast counters as multicast + broadcast.  ifNumber is
 * the number of rows served; ifTableLastChange the sysUpTime when a
 * row last appeared or vanished.
 *
 * Notifications: linkDown/linkUp when a row's ifOperStatus changes
 * (RFC 2863: down is entering down(2); up is leaving down for anything
 * but notPresent(6)), for each row as its ifLinkUpDownTrapEnable says.
 */
#include "subagents/common/agent.h"
#include "subagents/common/ifmap.h"
#include "subagents/interface/columns.h"

#define IFDESCR_MAX 255

static bool if_indexer(struct agent *a, const struct shm_seg *seg, uint32_t *idx)
{
	char descr[IFDESCR_MAX + 1];
	ssize_t n = agent_seg_string(seg, "ifDescr", descr, sizeof descr);

	if (n < 0)
		return false;
	idx[0] = ifmap_lookup(agent_ifmap(a), descr, n);
	if (idx[0])
		return true;
	agent_note(a, "segment %s: ifDescr '%s' is not in the ifindex map: not served",
		   shm_seg_name(seg), descr);
	return false;
}

static bool if_number(struct agent *a, const struct mib_object *mib,
		      struct agent_value *v)
{
	(void)mib;
	v->num = agent_table_rows(a, "ifTable");
	return true;
}

static bool last_change(struct agent *a, const struct mib_object *mib,
			struct agent_value *v)
{
	(void)mib;
	v->num = agent_stamp(a, agent_table_changed(a, "ifTable"));
	return true;
}

static const struct agent_table tables[] = {
	{ "ifTable", if_indexer, if_columns },
	{ "ifXTable", if_indexer, NULL },
	{ NULL },
};

static const struct agent_scalar scalars[] = {
	{ "ifNumber", if_number },
	{ "ifTableLastChange", last_change },
	{ NULL },
};

static const struct agent_subtree subtrees[] = {
	{ "interfaces", "ifNumber", 1 },        /* 1.3.6.1.2.1.2 */
	{ "ifMIB", "ifTableLastChange", 2 },    /* 1.3.6.1.2.1.31 */
	{ NULL },
};

#define IF_UP          1
#define IF_DOWN        2
#define IF_TESTING     3
#define IF_UNKNOWN     4
#define IF_DORMANT     5
#define IF_NOT_PRESENT 6
#define IF_LOWER_DOWN  7

static const struct agent_notify notifications[] = {
	{ "ifTable", "ifOperStatus", "linkDown", "linkUp",
	  .down_states = AGENT_STATE(IF_DOWN),
	  .up_states = AGENT_STATE(IF_UP) | AGENT_STATE(IF_TESTING) |
		       AGENT_STATE(IF_UNKNOWN) | AGENT_STATE(IF_DORMANT) |
		       AGENT_STATE(IF_LOWER_DOWN),
	  .not_present = IF_NOT_PRESENT,
	  .enable = "ifLinkUpDownTrapEnable" },
	{ NULL },
};

static const struct agent_def interface = {
	.name = "interface",
	.subtrees = subtrees,
	.tables = tables,
	.scalars = scalars,
	.need_ifindex = true,
	.notifications = notifications,
};

AGENT_MODULE(interface, shmib_interface)

int main(int argc, char **argv)
{
	return agent_main(&interface, argc, argv);
}
