/*
 * sysORTable entries (SNMPv2-MIB, RFC 3418): the MIB modules an agent
 * implements, one entry per subtree that has a description (struct
 * agent_subtree), registered with the master over AgentX
 * (AddAgentCaps).  net-snmp keeps the list and sends it again when
 * the session to the master is reopened.
 */
#ifndef SHMIB_SYSOR_H
#define SHMIB_SYSOR_H

#include "subagents/common/agent.h"

/* After the session started; -1 (logged) when one cannot be made. */
int sysor_register(const struct agent_def *def);
void sysor_unregister(const struct agent_def *def);

#endif
