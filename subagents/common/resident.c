/* Resident pages (see resident.h). */
#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#include "subagents/common/core.h"
#include "subagents/common/resident.h"

static unsigned alarm_reg;      /* 0: no drop pending */
static bool touched;            /* since the alarm was armed */

static void idle_check(unsigned reg, void *arg)
{
	struct agent *a = arg;

	(void)reg;
	alarm_reg = 0;
	if (touched) {                  /* still busy: look again later */
		resident_touched(a);
		return;
	}
	for (size_t i = 0; a->index && i < a->index->nsegs; i++)
		shm_seg_drop_pages(a->index->segs[i]);
}

void resident_touched(struct agent *a)
{
	if (alarm_reg) {
		touched = true;
		return;
	}
	touched = false;
	alarm_reg = snmp_alarm_register(RESIDENT_IDLE_SEC, 0, idle_check, a);
}
