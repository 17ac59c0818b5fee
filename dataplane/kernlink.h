/*
 * Link state of ports that sit on a kernel interface (net_af_packet,
 * net_pcap with iface=, net_tap with iface=): their PMDs report no link
 * changes, so the state is the kernel interface's (up and running),
 * from rtnetlink: a dump at the start, then RTM_NEWLINK/RTM_DELLINK
 * read by the main lcore's loop (never by a forwarding lcore), each
 * change published at once (stats_link).  A kernel interface that is
 * deleted leaves its port down until one of its name comes back.
 */
#ifndef SHMIB_DP_KERNLINK_H
#define SHMIB_DP_KERNLINK_H

#include <stdbool.h>

#include "dataplane/port.h"

/* Finds the kernel interface under each of the N ports and its state;
 * -1 (logged) if rtnetlink cannot be used while a port needs it. */
int kernlink_start(struct dp_port *ports, unsigned n);

/* Reads the events that arrived (non-blocking). */
void kernlink_poll(void);

/* The link of P: the kernel interface's, else what the PMD says. */
bool kernlink_up(const struct dp_port *p, bool pmd_up);

void kernlink_stop(void);

#endif
