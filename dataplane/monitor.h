/*
 * Packet capture inside the dataplane, driven over telemetry: the
 * capture that works without hugepages (dpdk-dumpcap, capture.h, needs
 * them).  /shmib/capture_start (request syntax in capreq.h) installs
 * rx and/or tx callbacks on every queue of one port; they run the
 * filter (capfilter.h), copy what passes with rte_pcapng_copy into a
 * pool of the capture's own and put it on a multi-producer ring,
 * never waiting: a frame that finds no buffer or a full ring is
 * counted as dropped.  The main lcore drains the rings into the files
 * (capfile.h) at each turn of its loop.  A capture ends on
 * /shmib/capture_stop, at its count, at the size cap (capture_max_mb,
 * logged), on a write error, or at shutdown; then the callbacks are
 * removed, the workers are waited past (fwd_quiesce) before anything
 * they may touch is freed, the ring is drained, and the file is closed
 * with its statistics block.  One capture a port; a finished one stays
 * listed (/shmib/captures) until the next on its port.  Captures go on
 * across a reload (SIGHUP): ports cannot change without a restart, and
 * capture_dir and capture_max_mb of the new file apply to the captures
 * started after it.  All functions on the main lcore.
 */
#ifndef SHMIB_DP_MONITOR_H
#define SHMIB_DP_MONITOR_H

#include <rte_telemetry.h>

#include "dataplane/setup.h"

/* Parses REQUEST and starts the capture; D gets its status, or
 * {"error": why} and -1. */
int monitor_start(struct dp *dp, const char *request, struct rte_tel_data *d);

/* Stops the capture on PORT (name or ifDescr); D gets its final status,
 * or {"error": why} and -1. */
int monitor_stop(struct dp *dp, const char *port, struct rte_tel_data *d);

/* Every capture, running or finished, by port name. */
void monitor_list(struct dp *dp, struct rte_tel_data *d);

/* Writes what the rings hold; ends the captures that reached their
 * count, cap or a write error.  At each turn of the main loop. */
void monitor_drain(struct dp *dp);

/* Ends every running capture (shutdown); before setup_down(). */
void monitor_stop_all(struct dp *dp);

#endif
