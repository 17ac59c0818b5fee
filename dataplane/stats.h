/*
 * Publishing to the interface segments, on the main lcore only: a
 * periodic rte_timer (the publish interval) refreshes every port's
 * counters, MTU, promiscuous mode and link; link events refresh the
 * link at once.  Counters come from the device (rte_eth_stats, and
 * multicast/broadcast xstats where the PMD has them) and from the
 * workers' software counters where the device has none.
 */
#ifndef SHMIB_DP_STATS_H
#define SHMIB_DP_STATS_H

#include "dataplane/ifseg.h"
#include "dataplane/port.h"

/* Starts the timer (INTERVAL_MS 0: none).  Call rte_timer_manage()
 * from the main lcore's loop. */
int stats_start(struct dp_port *ports, unsigned n, unsigned interval_ms);
void stats_stop(void);

/* A new period for the running timer (0: stops it). */
int stats_every(unsigned interval_ms);

void stats_read(const struct dp_port *p, struct if_counters *c);
void stats_publish(struct dp_port *p);

/* Link state into the segment; logs a change. */
void stats_link(struct dp_port *p);

#endif
