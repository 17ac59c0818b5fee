/*
 * Tunnel headers of a pseudowire: GRE and L2TPv3, both carried directly
 * in IPv6 (or IPv4) and both carrying a whole Ethernet frame.
 *
 * GRE (RFC 2784, key extension RFC 2890), IP protocol 47:
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   |C|0|K|S|  Reserved0      | Ver |   Protocol Type 0x6558        |
 *   |      Checksum (if C)          |       Reserved1 (if C)        |
 *   |                         Key (if K)                            |
 *   |                  Sequence Number (if S)                       |
 *
 * We send C=0, S=0, Ver=0, K=1 with the configured key (or K=0 when the
 * pseudowire has no key).  We accept C and S from a peer (a checksum
 * present must be right; the sequence number is ignored), Ver must be
 * 0 and the protocol 0x6558 (transparent Ethernet bridging).
 *
 * L2TPv3 over IP (RFC 3931 section 4.1.1.2, as the "keyed IPv6 tunnel"
 * of RFC 8159), IP protocol 115, no L2-specific sublayer:
 *
 *   |                      Session ID (32)                          |
 *   |                      Cookie (64)                              |
 *   |                                                               |
 *
 * We send the remote session ID and remote cookie; we accept only the
 * local session ID with the local cookie.  Session ID 0 (an L2TPv3
 * control message) is refused.
 *
 * The control channel (cc.h) rides in the same encapsulation, marked
 * by the reserved key / session ID TUNNEL_CC_ID, with the pseudowire's
 * cookie; so a GRE pseudowire with key TUNNEL_CC_ID, or an L2TPv3 one
 * with that session ID, is refused by the configuration.
 */
#ifndef SHMIB_L2VPN_TUNNEL_H
#define SHMIB_L2VPN_TUNNEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TUNNEL_CC_ID        0xfffffffeu
#define TUNNEL_HDR_MAX      16          /* GRE with C, K and S */
#define TUNNEL_GRE_PROTO    47
#define TUNNEL_L2TPV3_PROTO 115
#define TUNNEL_GRE_TEB      0x6558

enum tunnel_type {
	TUNNEL_GRE,
	TUNNEL_L2TPV3,
};

struct tunnel {
	enum tunnel_type type;
	bool has_key;                   /* GRE: K bit */
	uint32_t key;                   /* GRE: both directions */
	uint32_t local_session;         /* L2TPv3: what we accept */
	uint32_t remote_session;        /* L2TPv3: what we send */
	uint8_t local_cookie[8];
	uint8_t remote_cookie[8];
};

/* What a received tunnel header says. */
struct tunnel_rx {
	bool has_key;
	uint32_t id;                    /* GRE key or L2TPv3 session ID */
	const uint8_t *cookie;          /* L2TPv3: 8 bytes in the packet */
	size_t hdr_len;
};

enum tunnel_verdict {
	TUNNEL_DATA,
	TUNNEL_CC,
	TUNNEL_MISMATCH,
};

/* "gre" / "l2tpv3" and back; -1 for an unknown name. */
const char *tunnel_type_name(enum tunnel_type type);
int tunnel_type_parse(const char *name);

uint8_t tunnel_proto(enum tunnel_type type);

/* Bytes of the header we send. */
size_t tunnel_hdr_len(const struct tunnel *t);

/* Writes the header we send (the control channel's when CC) into BUF
 * (TUNNEL_HDR_MAX bytes); returns its length. */
size_t tunnel_write(const struct tunnel *t, bool cc, uint8_t *buf);

/* Parses a received header of protocol PROTO in BUF (LEN bytes from
 * the IP payload onwards).  -1 when malformed: too short, GRE version
 * or protocol wrong, bad GRE checksum, L2TPv3 session 0. */
int tunnel_parse(uint8_t proto, const uint8_t *buf, size_t len,
		 struct tunnel_rx *rx);

/* Whether RX belongs to T, as data or control channel. */
enum tunnel_verdict tunnel_match(const struct tunnel *t,
				 const struct tunnel_rx *rx);

#endif
