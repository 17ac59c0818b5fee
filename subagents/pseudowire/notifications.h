/*
 * The notifications of shmib-pseudowire: pwDown/pwUp (PW-STD-MIB) and
 * cpwVcDown/cpwVcUp (CISCO-IETF-PW-MIB) when a pseudowire's
 * pwOperStatus or cpwVcOperStatus changes; vplsStatusChanged and
 * vplsFwdFullAlarmRaised/Cleared (VPLS-GENERIC-MIB), and their
 * CISCO-IETF-VPLS-GENERIC-MIB twins, when a VPLS's status or its MAC
 * table fill level changes.
 */
#ifndef SHMIB_PW_NOTIFICATIONS_H
#define SHMIB_PW_NOTIFICATIONS_H

#include "subagents/common/agent.h"

extern const struct agent_notify pw_notifications[];

#endif
