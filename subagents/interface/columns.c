/*
 * The ifTable columns the dataplane does not write (see main.c): their
 * handlers, shared by shmib-interface and shmib-exporter.  They read
 * nothing but the cell's segment and index, so they run the same
 * whatever serves them.
 */
#include "subagents/interface/columns.h"
#include "profiles.h"

static bool if_index(const struct agent_cell *c, struct agent_value *v)
{
	v->num = c->idx[0];
	return true;
}

static bool if_specific(const struct agent_cell *c, struct agent_value *v)
{
	static const oid zero_dot_zero[] = { 0, 0 };

	(void)c;
	v->ptr = zero_dot_zero;
	v->len = 2;
	return true;
}

static bool or_zero(const struct agent_cell *c, struct agent_value *v)
{
	if (!agent_seg_value(c->agent, c->seg, c->mib, v))
		v->num = 0;
	return true;
}

/* The segment's own value, else the sum of two other counters. */
static bool sum_of(const struct agent_cell *c, struct agent_value *v,
		   const char *x, const char *y)
{
	struct agent_value w = *v;

	if (agent_seg_value(c->agent, c->seg, c->mib, v))
		return true;
	if (!agent_seg_value(c->agent, c->seg, mib_lookup(x), v) ||
	    !agent_seg_value(c->agent, c->seg, mib_lookup(y), &w))
		return false;
	v->num = (uint32_t)(v->num + w.num);
	return true;
}

static bool in_nucast(const struct agent_cell *c, struct agent_value *v)
{
	return sum_of(c, v, OBJ_ifInMulticastPkts, OBJ_ifInBroadcastPkts);
}

static bool out_nucast(const struct agent_cell *c, struct agent_value *v)
{
	return sum_of(c, v, OBJ_ifOutMulticastPkts, OBJ_ifOutBroadcastPkts);
}

const struct agent_column if_columns[] = {
	{ OBJ_ifIndex, if_index },
	{ OBJ_ifSpecific, if_specific },
	{ OBJ_ifOutQLen, or_zero },
	{ OBJ_ifInNUcastPkts, in_nucast },
	{ OBJ_ifOutNUcastPkts, out_nucast },
	{ NULL },
};

