/*
 * The kernel's network interfaces of the agent's namespace, served
 * beside the dataplane's segments (an agent_source, agent.h).
 *
 * Each interface is a memory segment (shm.h) holding the objects a
 * dataplane interface segment holds, with the values snmpd's own
 * IF-MIB (net-snmp 5.9, if-mib/data_access/interface_linux.c) gives
 * for it, so the core serves it, stamps ifLastChange and sends
 * linkDown/linkUp as for any other row.  Its row is the kernel's
 * ifindex.
 *
 * Data comes from rtnetlink (libmnl): a dump at the start, then
 * RTM_NEWLINK/RTM_DELLINK events on the agent's loop.  Counters are
 * announced by nothing: they come with a dump made before a request
 * when the last one is older than KERNEL_STATS_AGE_CS.  ifSpeed by the
 * ethtool ioctl, as net-snmp reads it.  The state is the agent's
 * (agent_source_state): two interface agents in one process (two
 * snmpd modules) each have their own.
 */
#ifndef SHMIB_KERNEL_H
#define SHMIB_KERNEL_H

#include <stdbool.h>
#include <stdint.h>

#include "subagents/common/agent.h"

#define KERNEL_STATS_AGE_CS 100

extern const struct agent_source kernel_source;

/* --kernel-interfaces yes|no (before the agent starts); -1 if ARG is
 * neither. */
int kernel_option(struct agent *a, const char *arg);

/* The kernel ifindex of SEG if it is a kernel interface's, else 0. */
uint32_t kernel_ifindex(struct agent *a, const struct shm_seg *seg);

/* The name of the kernel interface IFINDEX, NULL if there is none. */
const char *kernel_name(struct agent *a, uint32_t ifindex);

#endif
