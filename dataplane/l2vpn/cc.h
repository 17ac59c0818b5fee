/*
 * The pseudowire control channel: in-band, one message every heartbeat
 * interval in each direction, carried in the pseudowire's own
 * encapsulation with the reserved key / session ID TUNNEL_CC_ID
 * (tunnel.h).  The payload is a sequence of TLVs, the format of Snabb's
 * l2vpn control channel so the two interoperate:
 *
 *   type (1 byte) | length (1 byte, of the value) | value
 *
 *   1 heartbeat       uint16, big-endian: the sender's interval, seconds
 *   2 mtu             uint16, big-endian: the sender's VPLS MTU
 *   3 if_description  the sender's interface string, no terminator
 *   4 vc_id           uint32, big-endian: the pseudowire's VC ID
 *
 * We send all four.  The receiver's pseudowire is inbound-up while
 * messages with a heartbeat arrive and their MTU (and VC ID) equal its
 * own; it goes down on a mismatch, on a malformed message (unknown
 * type, truncated TLV) or when nothing arrived for dead_factor times
 * the peer's heartbeat interval.  The pseudowire is operationally up
 * when inbound-up (the outbound side is always up: we send).
 *
 * No DPDK here: messages are byte buffers, time is seconds passed in.
 */
#ifndef SHMIB_L2VPN_CC_H
#define SHMIB_L2VPN_CC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CC_IFSTR_MAX          80      /* pwRemoteIfString SIZE(0..80) */
#define CC_MSG_MAX            (4 + 4 + 2 + CC_IFSTR_MAX + 6)
#define CC_DEFAULT_HEARTBEAT  10
#define CC_DEFAULT_DEAD       3

enum cc_tlv {
	CC_TLV_HEARTBEAT = 1,
	CC_TLV_MTU = 2,
	CC_TLV_IF_DESCRIPTION = 3,
	CC_TLV_VC_ID = 4,
};

struct cc_conf {
	uint16_t heartbeat;             /* seconds; 0: no control channel */
	uint16_t dead_factor;
	uint16_t mtu;
	uint32_t vc_id;
	char ifstr[CC_IFSTR_MAX + 1];
};

/* One received message. */
struct cc_msg {
	bool has_heartbeat, has_mtu, has_vc_id;
	uint16_t heartbeat;
	uint16_t mtu;
	uint32_t vc_id;
	char ifstr[CC_IFSTR_MAX + 1];   /* empty when absent */
};

struct cc_state {
	bool up;                        /* inbound oper status */
	uint16_t remote_heartbeat;      /* 0: nothing heard (timer off) */
	uint64_t last_rx;               /* seconds */
	uint16_t remote_mtu;
	char remote_ifstr[CC_IFSTR_MAX + 1];
	char why[128];                  /* reason of the last change */
};

/* What cc_receive / cc_expire changed. */
enum {
	CC_CHANGED_STATUS = 1,
	CC_CHANGED_REMOTE = 2,          /* remote MTU or interface string */
};

/* Writes our message into BUF (CC_MSG_MAX bytes); returns its length. */
size_t cc_build(const struct cc_conf *c, uint8_t *buf);

/* Parses a message; -1 with *ERR set when malformed. */
int cc_parse(const uint8_t *buf, size_t len, struct cc_msg *m,
	     const char **err);

/* A message arrived at NOW (a NULL M: one that did not parse, ERR
 * says why).  Returns CC_CHANGED_* bits. */
int cc_receive(struct cc_state *s, const struct cc_conf *c,
	       const struct cc_msg *m, const char *err, uint64_t now);

/* Called at least once a second: declares the peer dead when silent
 * too long.  Returns CC_CHANGED_* bits. */
int cc_expire(struct cc_state *s, const struct cc_conf *c, uint64_t now);

#endif
