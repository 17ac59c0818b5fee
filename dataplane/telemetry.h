/*
 * What the dataplane believes, over DPDK telemetry (the socket
 * dpdk-telemetry.py reads; EAL's --no-telemetry turns it off):
 *
 *   /shmib/ports                  port names
 *   /shmib/port,NAME              device, ifDescr, ifName, ifAlias, link,
 *                                 speed, MTU, the counters as published
 *   /shmib/pseudowires            pseudowire names
 *   /shmib/pseudowire,NAME        peer, tunnel, status and why, control
 *                                 channel, counters
 *   /shmib/capture_filter,NAME    the BPF (pcap-filter) expression that
 *                                 selects its frames on its uplink
 *   /shmib/vpls[,NAME]            VPLS names; one VPLS: configuration,
 *                                 members, MAC table size and counters
 *   /shmib/macs,VPLS[,START]      a page of its MAC table
 *   /shmib/config                 the configuration in force
 *
 * Each answer is built by the lcore that owns the state (lcall.h):
 * ports on the main lcore, the L2VPN on its worker.
 */
#ifndef SHMIB_DP_TELEMETRY_H
#define SHMIB_DP_TELEMETRY_H

#include "dataplane/setup.h"

/* Registers the commands; they answer about DP from now on. */
void telemetry_start(struct dp *dp);

#endif
