/*
 * The interface segment of one port: the IF-MIB ifTable/ifXTable
 * objects Snabb's lib.ipc.shmem.iftable_mib writes, in its order, so
 * the interface subagent (and Snabb's Perl one) serve a full row (the
 * interface profile of mibs/profiles.txt).
 * Written only by the main lcore: created at start, updated on the
 * publish timer and on link events, removed on clean shutdown.
 */
#ifndef SHMIB_DP_IFSEG_H
#define SHMIB_DP_IFSEG_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include "shm/shm.h"

#define IFSEG_MODE 0640

/* What a port has counted since it started (64-bit; the 32-bit
 * objects are their low halves).  Multicast excludes broadcast. */
struct if_counters {
	uint64_t in_octets, in_ucast, in_mcast, in_bcast, in_discards, in_errors;
	uint64_t out_octets, out_ucast, out_mcast, out_bcast, out_discards, out_errors;
};

/* What does not change while the port exists. */
struct ifseg_port {
	const char *descr;      /* ifDescr */
	const char *ifname;
	const char *alias;
	const uint8_t *mac;     /* 6 bytes */
	bool connector;         /* a physical connector (PCI port) */
};

struct ifseg;

/* Creates and publishes segment NAME in DIR; NOW_NS (shm_now_ns) is
 * the time the counters start from (ifCounterDiscontinuityTime) and of
 * the initial link state (ifLastChange), written in seconds (Snabb's
 * auxiliaries) and in nanoseconds (the _TimeAbsNs ones). */
struct ifseg *ifseg_create(const char *dir, const char *name,
			   const struct ifseg_port *port, uint64_t now_ns,
			   struct shmib_err *err);

/* Link state; returns true when ifOperStatus changed (then
 * ifLastChange is NOW_NS). */
bool ifseg_set_link(struct ifseg *s, bool up, uint32_t speed_mbps, uint64_t now_ns);

/* ifName and ifAlias (a reload may change them). */
void ifseg_set_names(struct ifseg *s, const char *ifname, const char *alias);

void ifseg_set_mode(struct ifseg *s, uint32_t mtu, bool promisc);

/* Counters never go backwards: a value below the last one published
 * keeps the last one. */
void ifseg_set_counters(struct ifseg *s, const struct if_counters *c);

/* Calls FN for each counter of C with the name it is published as (its
 * 64-bit object when it has one, else its 32-bit one). */
void ifseg_each_counter(const struct if_counters *c,
			void (*fn)(void *ctx, const char *name, uint64_t v),
			void *ctx);

/* Writes the segment's files again (they were removed under it). */
int ifseg_republish(struct ifseg *s, struct shmib_err *err);

/* Removes the files (may be NULL) and frees. */
void ifseg_destroy(struct ifseg *s, bool unlink_files);

#endif
