/*
 * The L2VPN at run time: what the configuration's uplinks, VPLS
 * instances and pseudowires become, and the three places it runs.
 *
 *  - l2vpn_input(), on the worker lcore, for every burst received on an
 *    L2VPN port: an AC's frames go into its VPLS bridge; an uplink's
 *    frames are neighbour discovery, control channel or pseudowire
 *    traffic (decapsulated into the bridge), anything else is dropped
 *    (ifInDiscards).  Frames leave through per-port transmit buffers,
 *    pseudowire frames encapsulated.
 *  - A one-second rte_timer on the same worker (run by l2vpn_poll() from
 *    its loop): heartbeats out, dead peers down, next-hop solicitation,
 *    MAC aging.
 *  - A publish rte_timer on the main lcore: pseudowire and VPLS
 *    segments from the worker's counters and status, so the packet path
 *    never touches a segment.
 *
 * All L2VPN ports are polled by one worker lcore, the first (one queue
 * each), which owns the bridges: no locks.  With more workers, the
 * others take the cross-connects (fwd_assign()).
 */
#ifndef SHMIB_L2VPN_L2VPN_H
#define SHMIB_L2VPN_L2VPN_H

#include <stdbool.h>
#include <stdint.h>

#include <rte_mbuf.h>

#include "dataplane/fwd.h"
#include "dataplane/port.h"

/* Creates the run-time state and the segments, writes the ids files.
 * PORTS are the configured ports (set up, not started); WORKER is the
 * lcore that will poll them.  0 when the config has no L2VPN. */
int l2vpn_setup(const struct dp_config *cfg, struct dp_port *ports,
		unsigned worker);

/* A burst received on L2VPN port IDX, on the worker. */
void l2vpn_input(unsigned idx, struct fwd_lcore *l, struct rte_mbuf **m,
		 uint16_t n);

/* Whether LCORE is the worker that polls the L2VPN (and runs its
 * timers); false when there is no L2VPN. */
bool l2vpn_runs_on(unsigned lcore);

/* From that worker's loop: runs its timers now and then. */
void l2vpn_poll(void);

/* Replaces the state by one built from CFG (same ports: reload.c
 * checked), handed to the worker at its quiescent point; unchanged
 * pseudowires keep counters, status and segment.  -1 when the new
 * state could not be built or handed over: the old one stays. */
int l2vpn_reload(const struct dp_config *cfg, struct dp_port *ports);

/* The period of the pseudowire and VPLS segment updates (0: none). */
int l2vpn_publish_every(unsigned ms);

/* Stops the timers, frees the bridges, removes the segments (when
 * UNLINK_FILES).  Call after the workers have stopped. */
void l2vpn_teardown(bool unlink_files);

/* Writes every pseudowire and VPLS segment's files again (the segment
 * directory was removed under them), and the ids files; the count of
 * segments, or -1 (logged). */
int l2vpn_republish(void);

#endif
