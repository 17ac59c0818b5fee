/*
 * Forwarding on the worker lcores.  Each worker polls its streams (an
 * rx queue of a port and what to do with the frames) in a loop and
 * counts, per port, in its own cache-aligned counters, which only it
 * writes and the main lcore reads (stats.c); a worker never touches a
 * segment.  Actions are a table: the cross-connect sends to the paired
 * port's queue of the same number (only this stream uses it, so no
 * locking); the bridge and pseudowire stages of the L2VPN take their
 * place next to it.
 */
#ifndef SHMIB_DP_FWD_H
#define SHMIB_DP_FWD_H

#include <stdbool.h>
#include <stdint.h>

#include <rte_common.h>
#include <rte_lcore.h>

#include "dataplane/config.h"
#include "dataplane/port.h"

#define FWD_BURST       32
#define FWD_QUEUES_MAX  16
#define FWD_STREAMS_MAX (DP_PORTS_MAX * FWD_QUEUES_MAX)

/* Per lcore and port.  tx_drop: frames the device refused. */
struct fwd_counters {
	uint64_t rx_pkts, rx_bytes, rx_mcast, rx_bcast, rx_drop;
	uint64_t tx_pkts, tx_bytes, tx_mcast, tx_bcast, tx_drop;
} __rte_cache_aligned;

/* Adds V to a counter only this lcore writes: a plain load and an
 * atomic store, so a reader on another lcore sees a whole value, with
 * no locked instruction on the forwarding path. */
#define CTR_ADD(field, v) \
	__atomic_store_n(&(field), (field) + (v), __ATOMIC_RELAXED)

enum fwd_action {
	FWD_DROP,               /* no forwarding rule */
	FWD_XCONNECT,
	FWD_L2VPN,              /* an L2VPN uplink or AC (l2vpn/l2vpn.h) */
	FWD_ACTIONS,
};

struct fwd_stream {
	enum fwd_action action;
	uint16_t rx_port, rx_queue;     /* ethdev ids */
	uint16_t tx_port, tx_queue;
	uint8_t rx_idx, tx_idx;         /* config indexes: counters */
	bool classify;                  /* count multicast/broadcast */
};

struct fwd_lcore {
	unsigned nstreams;
	uint64_t start_tsc, stop_tsc;
	struct fwd_stream stream[FWD_STREAMS_MAX];
	struct fwd_counters ctr[DP_PORTS_MAX];
} __rte_cache_aligned;

/* Workers (all lcores but the main one) and their streams. */
extern struct fwd_lcore *fwd_lcores[RTE_MAX_LCORE];

/* Sets each port's queue count: as many as workers, as the device
 * allows, and the same on both sides of a cross-connect. */
void fwd_plan_queues(struct dp_port *ports, unsigned n, unsigned workers);

/* Allocates the workers' state and deals the streams out to them. */
int fwd_assign(struct dp_port *ports, unsigned n);

/* The worker loop (rte_eal_remote_launch); runs until fwd_stop().
 * Between two passes over its streams a worker serves calls
 * (lcall.h): one relaxed load a pass while nobody calls. */
int fwd_main(void *arg);
void fwd_stop(void);

/* Returns 0 once every worker that polls a port has been between two
 * passes (no worker is still inside an rx/tx callback removed before
 * the call); -1 when one did not answer within TIMEOUT_MS.  Not on a
 * worker; before fwd_stop(). */
int fwd_quiesce(unsigned timeout_ms);

/* Sum of every worker's counters of config port IDX. */
void fwd_sum(unsigned idx, struct fwd_counters *sum);

void fwd_free(void);

#endif
