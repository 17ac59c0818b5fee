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
 * The kernel's network interfaces of the agent's namespace are rows
 * too, at their kernel ifindex (kernel.h), unless --kernel-interfaces
 * no.  They own their indices: a map that gives a dataplane port the
 * ifindex of a kernel interface is rejected, and when a kernel
 * interface comes later with an index the map gave, the dataplane row
 * is withheld (noted once, naming the map line to change).
 *
 * Notifications: linkDown/linkUp when a row's ifOperStatus changes
 * (RFC 2863: down is entering down(2); up is leaving down for anything
 * but notPresent(6)), for each row as its ifLinkUpDownTrapEnable says.
 */
#include <stdio.h>

#include "subagents/common/agent.h"
#include "subagents/common/ifmap.h"
#include "subagents/interface/columns.h"
#include "subagents/interface/kernel.h"
#include "profiles.h"

#define IFDESCR_MAX 255

static bool if_indexer(struct agent *a, const struct shm_seg *seg, uint32_t *idx)
{
	const struct kernifs *k = kernel_ifs(a);
	char descr[IFDESCR_MAX + 1];
	const struct kernif *kif;
	ssize_t n;

	if (k && (idx[0] = kernifs_ifindex_of(k, seg)))
		return true;
	n = agent_seg_string(seg, OBJ_ifDescr, descr, sizeof descr);
	if (n < 0)
		return false;
	idx[0] = ifmap_lookup(agent_ifmap(a), descr, n);
	if (!idx[0]) {
		agent_note(a, "segment %s: ifDescr '%s' is not in the ifindex map: not served",
			   shm_seg_name(seg), descr);
		return false;
	}
	if (!k || !(kif = kernifs_find(k, idx[0])))
		return true;
	agent_note(a, KERNIF_TAKEN_NOTE, agent_ifmap_file(a),
		   ifmap_line(agent_ifmap(a), descr, n), idx[0], descr, kif->name,
		   shm_seg_name(seg));
	return false;
}

/* A map must leave the kernel interfaces' indices alone. */
static int check_ifmap(struct agent *a, const struct ifmap *m, const char *file,
		       struct shmib_err *err)
{
	const struct kernifs *k = kernel_ifs(a);

	return k ? kernifs_check_ifmap(k, m, file, err) : 0;
}

enum { OPT_KERNEL_INTERFACES = AGENT_OPT_FIRST };

static const struct option options[] = {
	{ "kernel-interfaces", required_argument, NULL, OPT_KERNEL_INTERFACES },
	{ NULL },
};

static int option(struct agent *a, int opt, const char *arg)
{
	(void)opt;
	if (kernel_option(a, arg) == 0)
		return 0;
	fprintf(stderr, "--kernel-interfaces: '%s' is neither yes nor no\n", arg);
	return -1;
}

static bool if_number(struct agent *a, const struct mib_object *mib,
		      struct agent_value *v)
{
	(void)mib;
	v->num = agent_table_rows(a, OBJ_ifTable);
	return true;
}

static bool last_change(struct agent *a, const struct mib_object *mib,
			struct agent_value *v)
{
	(void)mib;
	v->num = agent_stamp(a, agent_table_changed(a, OBJ_ifTable));
	return true;
}

static const struct agent_table tables[] = {
	{ OBJ_ifTable, if_indexer, if_columns },
	{ OBJ_ifXTable, if_indexer, NULL },
	{ NULL },
};

static const struct agent_scalar scalars[] = {
	{ OBJ_ifNumber, if_number },
	{ OBJ_ifTableLastChange, last_change },
	{ NULL },
};

static const struct agent_subtree subtrees[] = {
	{ "interfaces", OBJ_ifNumber, 1 },        /* 1.3.6.1.2.1.2 */
	{ "ifMIB", OBJ_ifTableLastChange, 2,      /* 1.3.6.1.2.1.31 */
	  "The IF-MIB module: ifTable and ifXTable of the dataplane's ports" },
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
	{ OBJ_ifTable, OBJ_ifOperStatus, OBJ_linkDown, OBJ_linkUp,
	  .down_states = AGENT_STATE(IF_DOWN),
	  .up_states = AGENT_STATE(IF_UP) | AGENT_STATE(IF_TESTING) |
		       AGENT_STATE(IF_UNKNOWN) | AGENT_STATE(IF_DORMANT) |
		       AGENT_STATE(IF_LOWER_DOWN),
	  .not_present = IF_NOT_PRESENT,
	  .enable = OBJ_ifLinkUpDownTrapEnable,
	  .stamp = OBJ_ifLastChange },
	{ NULL },
};

static const struct agent_def interface = {
	.name = "interface",
	.subtrees = subtrees,
	.tables = tables,
	.scalars = scalars,
	.need_ifindex = true,
	.notifications = notifications,
	.options = options,
	.option = option,
	.usage =
	"  --kernel-interfaces yes|no  serve the kernel's network interfaces of\n"
	"                           this namespace at their own ifindex beside\n"
	"                           the dataplane's (default yes)\n",
	.source = &kernel_source,
	.check_ifmap = check_ifmap,
};

AGENT_MODULE(interface, shmib_interface)

int main(int argc, char **argv)
{
	return agent_main(&interface, argc, argv);
}
