/*
 * What the dataplane believes, over DPDK telemetry (the socket
 * dpdk-telemetry.py reads; EAL's --no-telemetry turns it off):
 *
 *   /shmib/ports                  port names
 *   /shmib/port,PORT              device, ifDescr, ifName, ifAlias, link,
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
 *   /shmib/capture_start,PORT FILE [dir=rx|tx|both] [count=N] [snaplen=N] [filter=EXPR]
 *                                 captures PORT into capture_dir/FILE
 *                                 (capreq.h, monitor.h)
 *   /shmib/capture_stop,PORT      ends it: the final counts
 *   /shmib/captures               captures running or ended, by port
 *
 * PORT is a port's name or its ifDescr.  A capture's errors are
 * replies {"error": why}; the other commands answer null to a bad
 * parameter.
 * Each answer is built by the lcore that owns the state (lcall.h):
 * ports and captures on the main lcore, the L2VPN on its worker.
 */
#ifndef SHMIB_DP_TELEMETRY_H
#define SHMIB_DP_TELEMETRY_H

#include "dataplane/setup.h"

/* Registers the commands; they answer about DP from now on. */
void telemetry_start(struct dp *dp);

#endif
