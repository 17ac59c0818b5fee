/*
 * What the agents do on signals.  SIGTERM and SIGINT stop them;
 * SIGHUP re-reads the .conf, the ifindex map and every other watched
 * file (net-snmp's convention) and goes on serving; SIGUSR1 and
 * SIGUSR2 log one status line.  A signal that arrives while the agent
 * waits for requests wakes it: it is handled before the next wait.
 */
#ifndef SHMIB_SIGNALS_H
#define SHMIB_SIGNALS_H

struct agent;

void signals_init(void);

/* Handles the signals that arrived; the stop signal, or 0. */
int signals_handle(struct agent *a);

#endif
