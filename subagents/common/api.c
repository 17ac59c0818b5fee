/*
 * The part of agent.h that definitions call: accessors of the state
 * in force, notes, compound scalars.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#include "subagents/common/core.h"
#include "subagents/common/notify.h"
#include "subagents/common/resident.h"

const struct ifmap *agent_ifmap(struct agent *a)
{
	return a->ifmap;
}

void **agent_source_state(struct agent *a)
{
	return &a->source_state;
}

const char *agent_ifmap_file(struct agent *a)
{
	return a->opt.ifindex;
}

void agent_segs_signalled(struct agent *a, struct shm_seg **segs, size_t n)
{
	notify_signalled(a, segs, n);
}

unsigned agent_check_interval(const struct agent *a)
{
	return a->opt.check_interval;
}

void agent_note(struct agent *a, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	notes_vlog(&a->notes, agent_log, fmt, ap);
	va_end(ap);
}

static int table_by_name(struct agent *a, const char *name)
{
	for (size_t t = 0; t < a->tables.n; t++)
		if (!strcmp(a->tables.v[t].def->name, name))
			return t;
	return -1;
}

size_t agent_table_rows(struct agent *a, const char *table)
{
	int t = table_by_name(a, table);

	return t < 0 || !a->index ? 0 : a->index->rows[t].n;
}

int64_t agent_table_changed(struct agent *a, const char *table)
{
	int t = table_by_name(a, table);

	return t < 0 ? 0 : a->changed[t];
}

bool agent_scalar_sum(struct agent *a, const struct mib_object *mib,
		      struct agent_value *v)
{
	uint64_t sum = 0;

	for (size_t i = 0; i < a->index->nsegs; i++) {
		resident_segs(a, &a->index->segs[i], a->index->nsegs - i);
		if (agent_seg_value(a, a->index->segs[i], mib, v))
			sum += v->num;
	}
	v->num = mib->type == MIB_COUNTER64 ? sum : (uint32_t)sum;
	return true;
}

bool agent_scalar_first(struct agent *a, const struct mib_object *mib,
			struct agent_value *v)
{
	for (size_t i = 0; i < a->index->nsegs; i++) {
		resident_segs(a, &a->index->segs[i], a->index->nsegs - i);
		if (agent_seg_value(a, a->index->segs[i], mib, v))
			return true;
	}
	return false;
}
