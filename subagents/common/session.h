/*
 * The AgentX session: the agent is a net-snmp subagent (role 1) named
 * after the application (it reads NAME.conf), connects to the master
 * at -x ADDRESS or the .conf's agentXSocket, pings it every
 * agentxPingInterval (default: the check interval) and reconnects by
 * itself when the master goes away.  Each subtree of the definition
 * is registered read-only (a SET gets notWritable) with the request
 * handler of handler.c.
 *
 * Inside snmpd (a module) there is no session: the subtrees go into
 * snmpd's own registry, and out of it again at session_stop.
 */
#ifndef SHMIB_SESSION_H
#define SHMIB_SESSION_H

struct agent;

/* Initialises net-snmp, connects, registers; -1 (logged) on error. */
int session_start(struct agent *a);
void session_stop(struct agent *a);
/* Re-reads the .conf (notification settings, AgentX parameters for
 * the next connection; -x still wins). */
void session_reread(struct agent *a);

#endif
