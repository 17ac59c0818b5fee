/*
 * The pwTable and cpwVcTable columns that are no plain segment object,
 * shared by shmib-pseudowire and shmib-exporter: they read nothing but
 * the cell's segment, so they run the same whatever serves them.
 */
#include <string.h>

#include "subagents/pseudowire/columns.h"
#include "profiles.h"

#define OPER_UP        1        /* pwOperStatus, cpwVcOperStatus up(1) */

/* pwUpTime, cpwVcUpTime: 0 while the pseudowire is not up, whatever
 * the time base says. */
static const struct {
	const char *uptime, *oper;
} oper_of[] = {
	{ OBJ_pwUpTime,    OBJ_pwOperStatus },
	{ OBJ_cpwVcUpTime, OBJ_cpwVcOperStatus },
};

static bool up_time(const struct agent_cell *c, struct agent_value *v)
{
	uint32_t oper;

	if (!agent_seg_value(c->agent, c->seg, c->mib, v))
		return false;
	for (size_t i = 0; i < sizeof oper_of / sizeof oper_of[0]; i++)
		if (!strcmp(c->mib->name, oper_of[i].uptime) &&
		    agent_seg_u32(c->seg, oper_of[i].oper, &oper) &&
		    oper != OPER_UP)
			v->num = 0;
	return true;
}

const struct agent_column pw_columns[] = {
	{ OBJ_pwUpTime, up_time },
	{ NULL },
};

const struct agent_column cpw_columns[] = {
	{ OBJ_cpwVcUpTime, up_time },
	{ NULL },
};

