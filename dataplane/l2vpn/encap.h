/*
 * The outer headers of a pseudowire frame on the uplink:
 *
 *   Ethernet  dst = next hop's MAC, src = uplink MAC,
 *             type 0x86dd (IPv6) or 0x0800 (IPv4), untagged
 *   IPv6      version 6, traffic class 0, flow label 0, payload length,
 *             next header: the tunnel type's protocol, hop limit 64,
 *             src = uplink address, dst = peer address; no extension
 *             headers
 *   or IPv4   version 4, IHL 5, TOS 0, total length, ID 0, DF, TTL 64,
 *             protocol as IPv6's next header, header checksum, src,
 *             dst; no options
 *   tunnel    the header of the pseudowire's tunnel type (tunnel.h)
 *   payload   the customer's Ethernet frame, without FCS
 *
 * Each pseudowire keeps one prebuilt template of these headers (and one
 * for its control channel); encapsulating is one prepend, one copy and
 * the length fields.  Decapsulating parses the same layout and refuses
 * anything else: IPv4 fragments or options, IPv6 extension headers,
 * packets not addressed to the uplink.
 */
#ifndef SHMIB_L2VPN_ENCAP_H
#define SHMIB_L2VPN_ENCAP_H

#include <stdbool.h>
#include <stdint.h>

#include <rte_ether.h>
#include <rte_mbuf.h>

#include "dataplane/l2vpn/addr.h"
#include "dataplane/l2vpn/tunnel.h"

#define ENCAP_HOP_LIMIT 64
#define ENCAP_HDR_MAX   (RTE_ETHER_HDR_LEN + 40 + TUNNEL_HDR_MAX)

struct encap {
	uint8_t hdr[ENCAP_HDR_MAX];
	uint8_t len;                    /* bytes of hdr in use */
	uint8_t af;
	uint32_t ip4_sum;               /* IPv4 header sum, total length 0 */
};

/* What a received uplink frame says. */
struct decap {
	struct addr peer;               /* outer source address */
	uint8_t proto;                  /* IP protocol: a tunnel type's */
	struct tunnel_rx rx;
	uint16_t off;                   /* where the inner frame starts */
	uint16_t len;                   /* and its length (no padding) */
};

enum decap_result {
	DECAP_OK,
	DECAP_OTHER,            /* not a tunnel type's packet to LOCAL */
	DECAP_BAD,              /* to LOCAL, tunnel protocol, malformed */
};

/* Builds the template for a frame from SRC to DST through T (its
 * control channel when CC).  MACs are zero until encap_set_macs. */
void encap_init(struct encap *e, const struct addr *src,
		const struct addr *dst, const struct tunnel *t, bool cc);

void encap_set_macs(struct encap *e, const struct rte_ether_addr *src,
		    const struct rte_ether_addr *dst);

/* Prepends E to M and fills in the lengths; -1 when M lacks headroom. */
int encap_push(struct rte_mbuf *m, const struct encap *e);

/* Parses M (contiguous) as a tunnel packet to LOCAL. */
enum decap_result decap_parse(const struct rte_mbuf *m,
			      const struct addr *local, struct decap *d);

#endif
