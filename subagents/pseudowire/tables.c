/*
 * What shmib-pseudowire serves: the PW, PW-ENET and VPLS tables of the
 * IETF and Cisco MIB modules, their indexers and the few columns and
 * scalars that are not a plain segment object.
 *
 * Rows (each table's INDEX is the catalogue's): a pseudowire segment
 * (named in --pseudowire-ids) is one row of pwTable, cpwVcTable and
 * cpwVcPerfTotalTable by pwIndex (= cpwVcIndex), of pwEnetTable by
 * pwIndex.pwEnetPwInstance, of cpwVcEnetTable by
 * cpwVcIndex.cpwVcEnetPwVlan (the second arcs are segment objects),
 * and of both PwBind tables by vplsIndex.pwIndex, the VPLS named by
 * its VPLS name (AUX_vplsName).  A VPLS segment (named in --vpls-ids) is one row of
 * the config and status tables by vplsIndex.  pwIndex and vplsIndex
 * are allocated per name (names.h), never read from a segment.
 *
 * cpwVcPerfTotalTable holds the totals since the pseudowire was
 * created; they are never served as pwPerfCurrentTable, whose rows
 * are 15-minute intervals.
 */
#include <stdio.h>
#include <string.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#include "profiles.h"
#include "subagents/common/ifmap.h"
#include "subagents/pseudowire/columns.h"
#include "subagents/pseudowire/names.h"
#include "subagents/pseudowire/tables.h"

/* ---- Indexers ----------------------------------------------------- */

static bool pw_indexer(struct agent *a, const struct shm_seg *seg,
		       uint32_t *idx)
{
	(void)a;
	idx[0] = names_index(IDX_PW, shm_seg_name(seg));
	return idx[0] != 0;
}

static bool vpls_indexer(struct agent *a, const struct shm_seg *seg,
			 uint32_t *idx)
{
	(void)a;
	idx[0] = names_index(IDX_VPLS, shm_seg_name(seg));
	return idx[0] != 0;
}

/* vplsIndex.pwIndex; a pseudowire without a VPLS name is point to
 * point (no VPLS) and has no row. */
static bool pw_bind_indexer(struct agent *a, const struct shm_seg *seg,
			    uint32_t *idx)
{
	char vpls[SHM_NAME_MAX + 1];

	if (!pw_indexer(a, seg, idx + 1) ||
	    agent_seg_string(seg, AUX_vplsName, vpls, sizeof vpls) <= 0)
		return false;
	idx[0] = names_index(IDX_VPLS, vpls);
	if (!idx[0] && !names_withheld(IDX_VPLS, vpls))
		agent_note(a, "segment %s: VPLS '%s' is not listed in %s: "
			   "no PwBind row", shm_seg_name(seg), vpls,
			   names_file(IDX_VPLS));
	return idx[0] != 0;
}

/* Notes an attachment-circuit port that the ifindex map does not know:
 * its EnetPortIfIndex is served as 0.  Without a map every port is
 * unknown, which needs no note per pseudowire. */
static void check_port(struct agent *a, const struct shm_seg *seg,
		       const char *aux)
{
	char descr[SHM_NAME_MAX + 1];
	const struct ifmap *map = agent_ifmap(a);
	ssize_t len;

	if (!ifmap_count(map))
		return;
	len = agent_seg_string(seg, aux, descr, sizeof descr);
	if (len > 0 && !ifmap_lookup(map, descr, len))
		agent_note(a, "segment %s: port '%s' of %s is not in the ifindex "
			   "map: served as 0", shm_seg_name(seg), descr, aux);
}

/* pwIndex (= cpwVcIndex) and the table's other index arcs from the
 * segment's objects of the same names. */
static bool enet_index(struct agent *a, const struct shm_seg *seg,
		       uint32_t *idx, const char *table, const char *port)
{
	if (!pw_indexer(a, seg, idx) || !agent_seg_index(seg, table, 1, idx))
		return false;
	check_port(a, seg, port);
	return true;
}

static bool pw_enet_indexer(struct agent *a, const struct shm_seg *seg,
			    uint32_t *idx)
{
	return enet_index(a, seg, idx, OBJ_pwEnetTable, AUX_pwEnetPortIfIndex);
}

static bool cpw_enet_indexer(struct agent *a, const struct shm_seg *seg,
			     uint32_t *idx)
{
	return enet_index(a, seg, idx, OBJ_cpwVcEnetTable,
			  AUX_cpwVcEnetPortIfIndex);
}

/* ---- Columns ------------------------------------------------------ */

/* pwEnetPortIfIndex, cpwVcEnetPortIfIndex: the ifIndex of the port
 * whose ifDescr is in _X_<column> (the profile's AUX_<column>); 0 for
 * an empty or unknown one.
 * Without the auxiliary, the object itself is served. */
static bool enet_port_ifindex(const struct agent_cell *c,
			      struct agent_value *v)
{
	char aux[SHM_NAME_MAX + 1], descr[SHM_NAME_MAX + 1];
	ssize_t len;

	snprintf(aux, sizeof aux, SHM_AUX_PREFIX "%s", c->mib->name);
	len = agent_seg_string(c->seg, aux, descr, sizeof descr);
	if (len < 0)
		return agent_seg_value(c->agent, c->seg, c->mib, v);
	v->num = len ? ifmap_lookup(agent_ifmap(c->agent), descr, len) : 0;
	return true;
}

/* ---- Scalars ------------------------------------------------------ */

static bool pw_index_next(struct agent *a, const struct mib_object *mib,
			  struct agent_value *v)
{
	(void)a, (void)mib;
	v->num = names_next(IDX_PW);
	return true;
}

static bool vpls_index_next(struct agent *a, const struct mib_object *mib,
			    struct agent_value *v)
{
	(void)a, (void)mib;
	v->num = names_next(IDX_VPLS);
	return true;
}

/* ---- The definition ----------------------------------------------- */

static const struct agent_column pw_enet_columns[] = {
	{ OBJ_pwEnetPortIfIndex, enet_port_ifindex },
	{ NULL },
};

static const struct agent_column cpw_enet_columns[] = {
	{ OBJ_cpwVcEnetPortIfIndex, enet_port_ifindex },
	{ NULL },
};

const struct agent_table pw_tables[] = {
	{ OBJ_pwTable,             pw_indexer,       pw_columns },
	{ OBJ_cpwVcTable,          pw_indexer,       cpw_columns },
	{ OBJ_cpwVcPerfTotalTable, pw_indexer,       NULL },
	{ OBJ_pwEnetTable,         pw_enet_indexer,  pw_enet_columns },
	{ OBJ_cpwVcEnetTable,      cpw_enet_indexer, cpw_enet_columns },
	{ OBJ_vplsConfigTable,     vpls_indexer,     NULL },
	{ OBJ_vplsStatusTable,     vpls_indexer,     NULL },
	{ OBJ_vplsPwBindTable,     pw_bind_indexer,  NULL },
	{ OBJ_cvplsConfigTable,    vpls_indexer,     NULL },
	{ OBJ_cvplsStatusTable,    vpls_indexer,     NULL },
	{ OBJ_cvplsPwBindTable,    pw_bind_indexer,  NULL },
	{ NULL },
};

const struct agent_scalar pw_scalars[] = {
	{ OBJ_pwIndexNext,                pw_index_next },
	{ OBJ_pwPerfTotalErrorPackets,    agent_scalar_sum },
	{ OBJ_cpwVcIndexNext,             pw_index_next },
	{ OBJ_cpwVcPerfTotalErrorPackets, agent_scalar_sum },
	{ OBJ_vplsConfigIndexNext,        vpls_index_next },
	{ OBJ_cvplsConfigIndexNext,       vpls_index_next },
	{ OBJ_cvplsStatusNotifEnable,     agent_scalar_setting },
	{ OBJ_cvplsNotificationMaxRate,   agent_scalar_setting },
	{ OBJ_vplsStatusNotifEnable,      agent_scalar_setting },
	{ OBJ_vplsNotificationMaxRate,    agent_scalar_setting },
	{ OBJ_pwUpDownNotifEnable,        agent_scalar_setting },
	{ OBJ_pwNotifRate,                agent_scalar_setting },
	{ OBJ_cpwVcUpDownNotifEnable,     agent_scalar_setting },
	{ OBJ_cpwVcNotifRate,             agent_scalar_setting },
	{ NULL },
};

/* Each MIB module whole: its root is a catalogue object's OID with
 * the last UP arcs dropped. */
const struct agent_subtree pw_subtrees[] = {
	{ "pwStdMIB",        OBJ_pwIndexNext,          2,
	  "The PW-STD-MIB module: pseudowires" },
	{ "cpwVcMIB",        OBJ_cpwVcIndexNext,       2 },
	{ "pwEnetStdMIB",    OBJ_pwEnetPwVlan,         4,
	  "The PW-ENET-STD-MIB module: Ethernet pseudowires" },
	{ "cpwVcEnetMIB",    OBJ_cpwVcEnetVlanMode,    4 },
	{ "vplsGenericMIB",  OBJ_vplsConfigIndexNext,  2,
	  "The VPLS-GENERIC-MIB module: VPLS instances" },
	{ "cvplsGenericMIB", OBJ_cvplsConfigIndexNext, 2 },
	{ NULL },
};
