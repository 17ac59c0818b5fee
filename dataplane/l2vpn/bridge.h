/*
 * The learning bridge of one VPLS: attachment circuits and pseudowires
 * are its ports.  The MAC table is an rte_hash from the 6-byte address
 * to the port it was last seen on and when.
 *
 *  - A unicast source address is learned (or moved) on every frame.
 *  - A frame to a known unicast address goes to that port only (and
 *    nowhere when that is the port it came in on); broadcast,
 *    multicast and unknown unicast frames are flooded to every other
 *    port.
 *  - Split horizon: the pseudowires of a VPLS form a full mesh, so
 *    nothing that came in on a pseudowire goes out on a pseudowire.
 *  - MTU: a frame whose payload (length without the 14-byte Ethernet
 *    header; an AC's VLAN tag is removed before) exceeds the VPLS MTU
 *    is dropped; the caller counts it.
 *  - Aging: bridge_age() removes entries not seen for the aging time.
 *
 * A VPLS with one AC and one pseudowire is a VPWS: no table, every
 * frame goes to the other port (Snabb does the same).
 *
 * One lcore owns a bridge: no locks.
 */
#ifndef SHMIB_L2VPN_BRIDGE_H
#define SHMIB_L2VPN_BRIDGE_H

#include <stdbool.h>
#include <stdint.h>

#include <rte_ether.h>

#define BRIDGE_PORTS_MAX   64
#define BRIDGE_DROP_MTU    (-1)

enum bridge_kind {
	BRIDGE_AC,
	BRIDGE_PW,
};

struct bridge_stats {
	uint64_t learned, moved, aged, full;    /* MAC table */
	uint64_t flooded, filtered, mtu_drops;  /* frames */
};

struct bridge {
	struct rte_hash *mac;
	struct bridge_entry *entry;     /* by hash position */
	uint32_t aging;                 /* seconds */
	uint16_t mtu;
	bool vpws;
	unsigned nports;
	uint8_t kind[BRIDGE_PORTS_MAX];
	struct bridge_stats stats;
};

/* NAME must be unique in the process (it names the rte_hash). */
int bridge_init(struct bridge *b, const char *name, unsigned entries,
		uint32_t aging, uint16_t mtu, int socket);
void bridge_free(struct bridge *b);

/* Adds a port; returns its number, -1 when full. */
int bridge_add_port(struct bridge *b, enum bridge_kind kind);

/* Call after the last port: a VPLS of one AC and one PW becomes a VPWS. */
void bridge_ready(struct bridge *b);

/* Where a frame of LEN bytes from port IN goes: fills OUT (room for
 * BRIDGE_PORTS_MAX) and returns how many ports, 0 (filtered), or
 * BRIDGE_DROP_MTU.  NOW in seconds. */
int bridge_forward(struct bridge *b, unsigned in,
		   const struct rte_ether_hdr *eth, uint32_t len,
		   uint64_t now, uint16_t *out);

/* Removes entries older than the aging time; returns how many. */
unsigned bridge_age(struct bridge *b, uint64_t now);

/* Entries in the MAC table (0 for a VPWS). */
unsigned bridge_count(const struct bridge *b);

/* The next entry of the table from *IT (start at 0): its MAC, port and
 * when it was last seen; -1 after the last. */
int bridge_walk(const struct bridge *b, uint32_t *it, struct rte_ether_addr *mac,
		unsigned *port, uint64_t *seen);

/* A reload: FROM's entries and statistics into TO (empty), an entry on
 * FROM's port P now on TO's port MAP[P], dropped where that is -1 (the
 * port is gone) or TO is full.  With the same table size the table
 * itself changes hands (FROM gets TO's empty one) and is renumbered in
 * place, which costs nothing with the same port numbers (a description
 * changed, a pseudowire added last) and a walk of the table otherwise;
 * a new size copies every entry.  Returns the entries TO holds. */
unsigned bridge_carry(struct bridge *to, struct bridge *from, const int *map);

/* The port of MAC, or -1. */
int bridge_lookup(const struct bridge *b, const struct rte_ether_addr *mac);

#endif
