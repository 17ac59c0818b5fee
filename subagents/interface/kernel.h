/*
 * The kernel's network interfaces of the agent's namespace, served
 * beside the dataplane's segments: kernif.h's segments handed to the
 * core by an agent_source (agent.h), so the core serves them, stamps
 * ifLastChange and sends linkDown/linkUp as for any other row.
 *
 * A dump at the start, then RTM_NEWLINK/RTM_DELLINK events on the
 * agent's loop.  Counters are announced by nothing: they come with a
 * dump made before a request when the last one is older than
 * KERNEL_STATS_AGE_CS.  The state is the agent's (agent_source_state):
 * two interface agents in one process (two snmpd modules) each have
 * their own.
 */
#ifndef SHMIB_KERNEL_H
#define SHMIB_KERNEL_H

#include <stdbool.h>
#include <stdint.h>

#include "subagents/common/agent.h"
#include "subagents/interface/kernif.h"

#define KERNEL_STATS_AGE_CS 100

extern const struct agent_source kernel_source;

/* --kernel-interfaces yes|no (before the agent starts); -1 if ARG is
 * neither. */
int kernel_option(struct agent *a, const char *arg);

/* The agent's kernel interfaces; NULL when it serves none. */
const struct kernifs *kernel_ifs(struct agent *a);

#endif
