/*
 * Next-hop resolution for the uplink: IPv6 neighbour discovery
 * (RFC 4861) or ARP (RFC 826) for IPv4, as little as a host with one
 * default route needs.
 *
 *  - We solicit the next hop's MAC (NS to its solicited-node multicast
 *    address with our link-layer address option, or an ARP request to
 *    broadcast) until it answers, then keep the MAC; a later NA/ARP
 *    from the next hop with another MAC replaces it.
 *  - We answer NS / ARP requests for our own address, so the peer can
 *    resolve us (NA: solicited + override, target link-layer option).
 *  - A static next-hop MAC in the configuration stops solicitation;
 *    we still answer.
 *
 * Frames are handled in place: a request becomes its reply in the same
 * mbuf (same length).  NS/NA must have hop limit 255, code 0 and a
 * right ICMPv6 checksum.
 */
#ifndef SHMIB_L2VPN_ND_H
#define SHMIB_L2VPN_ND_H

#include <stdbool.h>
#include <stdint.h>

#include <rte_ether.h>
#include <rte_mbuf.h>

#include "dataplane/l2vpn/addr.h"

#define ND_SOLICIT_INTERVAL 1          /* seconds, until resolved */

struct nd {
	struct addr local;
	struct addr next_hop;
	struct rte_ether_addr local_mac;
	struct rte_ether_addr next_hop_mac;
	bool resolved;
	bool fixed;                     /* static next-hop MAC */
};

enum nd_result {
	ND_OTHER,               /* not neighbour discovery for us */
	ND_DONE,                /* used (the caller frees it) */
	ND_REPLY,               /* rewritten into a reply: send it */
};

void nd_init(struct nd *nd, const struct addr *local,
	     const struct addr *next_hop, const struct rte_ether_addr *mac,
	     const struct rte_ether_addr *static_mac);

/* Handles a frame received on the uplink.  *LEARNED is set when the
 * next hop's MAC became known or changed. */
enum nd_result nd_input(struct nd *nd, struct rte_mbuf *m, bool *learned);

/* Writes a solicitation for the next hop into the empty mbuf M. */
int nd_solicit(const struct nd *nd, struct rte_mbuf *m);

#endif
