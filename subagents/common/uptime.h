/*
 * The clock: UNIX time now, and the sysUpTime base that turns it into
 * TimeStamps (agent_stamp() in agent.h).
 *
 * The base is the UNIX time at which the master's sysUpTime was 0.  A
 * daemon learns it through AgentX (uptime.c); a module inside snmpd
 * takes snmpd's own uptime.
 */
#ifndef SHMIB_UPTIME_H
#define SHMIB_UPTIME_H

#include <stdint.h>

struct agent;

/* UNIX time now, in centiseconds. */
int64_t uptime_now_cs(void);

/* A daemon: learns the base each time the AgentX session opens.
 * Before init_snmp(); uptime_stop() before snmp_shutdown(). */
void uptime_init(struct agent *a);
void uptime_stop(struct agent *a);

/* A module: the base is snmpd's start. */
void uptime_in_snmpd(struct agent *a);

#endif
