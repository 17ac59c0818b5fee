/*
 * The notifications of shmib-pseudowire: pwDown/pwUp (PW-STD-MIB) and
 * cpwVcDown/cpwVcUp (CISCO-IETF-PW-MIB) when a pseudowire's
 * pwOperStatus or cpwVcOperStatus changes.
 */
#ifndef SHMIB_PW_NOTIFICATIONS_H
#define SHMIB_PW_NOTIFICATIONS_H

#include "subagents/common/agent.h"

extern const struct agent_notify pw_notifications[];

#endif
