/*
 * Reloading the configuration on SIGHUP, while forwarding goes on.
 *
 * The file is read and checked as at start; a bad file is reported as
 * at start (file:line:[section] key) and changes nothing.  What needs a
 * restart (the segment directory, the mbuf pool, the set of ports and
 * each port's device, MTU, cross-connect and L2VPN use; the lcores are
 * EAL options, not in the file) is refused with one log line naming
 * the key, and nothing changes.  Everything else is applied live:
 * pseudowires, VPLS instances, ACs and uplinks (l2vpn_reload()), ifName
 * and ifAlias of ports, the publish interval.  A port that stops being
 * an uplink or AC stays polled by the L2VPN's worker, which discards and
 * counts what it receives, until a restart.
 */
#ifndef SHMIB_DP_RELOAD_H
#define SHMIB_DP_RELOAD_H

#include "dataplane/config.h"
#include "dataplane/setup.h"

/* Reads FILE into C as at start; SHMEM_DIR (the --shmem-dir option,
 * may be NULL) overrides the file's.  -1 with ERR. */
int reload_read(const char *file, const char *shmem_dir, struct dp_config *c,
		struct shmib_err *err);

/* Re-reads FILE and applies it to DP; -1 (logged) when nothing was
 * changed.  Main lcore, workers running. */
int reload_apply(struct dp *dp, const char *file, const char *shmem_dir);

#endif
