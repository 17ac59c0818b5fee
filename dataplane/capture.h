/*
 * Packet capture from outside: the process answers DPDK's pdump
 * requests, so the stock dpdk-dumpcap (a secondary process: it needs
 * the dataplane's --file-prefix and shared hugepage memory, which
 * --no-huge does not give) captures any port, both directions, with a
 * BPF filter, while forwarding goes on.  Nothing is copied while
 * nobody captures: pdump installs its rx/tx callbacks only for the
 * time of a capture.  A pseudowire's frames are captured on its uplink
 * with the filter /shmib/pseudowire,NAME gives (telemetry.h).
 */
#ifndef SHMIB_DP_CAPTURE_H
#define SHMIB_DP_CAPTURE_H

/* After rte_eal_init(); logs when capture is unavailable. */
void capture_start(void);

/* Before rte_eal_cleanup(). */
void capture_stop(void);

#endif
