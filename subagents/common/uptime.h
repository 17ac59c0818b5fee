/*
 * The master's sysUpTime base (see uptime.c); agent_stamp() in
 * agent.h converts with it.
 */
#ifndef SHMIB_UPTIME_H
#define SHMIB_UPTIME_H

/* Learns the base each time the AgentX session opens.  Before
 * init_snmp(). */
void uptime_init(void);

#endif
