/*
 * Tunnel types of a pseudowire: one table of operations, one entry per
 * type, each type in a file of its own under tunnels/ (gre.c,
 * l2tpv3.c) that holds its wire format, its parameters and its
 * configuration keys.  The rest of the L2VPN (configuration, checks,
 * encapsulation, decapsulation, receive matching, PW-MIB objects,
 * telemetry, capture filters) reaches a type only through its entry,
 * so no code outside a type's file knows which types exist.
 *
 * What every type shares: it is carried directly in IPv6 or IPv4 under
 * an IP protocol number of its own (encap.h; decapsulation finds the
 * type by that number), it carries a whole Ethernet frame, and the
 * control channel (cc.h) rides in the same encapsulation marked by the
 * reserved identifier TUNNEL_CC_ID where the type's header carries its
 * key or session ID; a type's check refuses that value as a data
 * identifier.
 *
 * To add a tunnel type NAME:
 *   1. Write dataplane/l2vpn/tunnels/NAME.c, opening with its wire
 *      format, defining `const struct tunnel_ops tunnel_NAME` with
 *      every field of struct tunnel_ops, its PSN types among them
 *      (pwPsnType and cpwVcPsnType of its pseudowires, with the MIBs'
 *      names of the values in a comment).  Its parameters are a struct
 *      of that file, kept in struct tunnel's PARAM bytes (a static
 *      assertion that it fits, TUNNEL_PARAM_MAX); its configuration
 *      keys a cfg_key table with offsets into that struct (at most
 *      TUNNEL_KEYS_MAX); the header it writes at most TUNNEL_HDR_MAX
 *      bytes; what its parse reads goes in struct tunnel_rx (an
 *      identifier, and a pointer to anything more in the packet).
 *   2. Add `&tunnel_NAME` to the table in tunnel.c (and its extern
 *      declaration above it).
 *   3. Say its keys in conf.h, docs/man/shmib-dataplane.8 and
 *      config/examples/l2vpn.conf; test its bytes in
 *      tests/unit/test_l2vpn_encap.c as GRE's and L2TPv3's are.
 * The build takes every file of tunnels/.  A type defined outside the
 * tree (tests/unit/test_l2vpn_tunnel.c does so) joins the table with
 * tunnel_type_add() instead of step 2.
 */
#ifndef SHMIB_L2VPN_TUNNEL_H
#define SHMIB_L2VPN_TUNNEL_H

#include <endian.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define TUNNEL_CC_ID     0xfffffffeu
#define TUNNEL_HDR_MAX   16             /* the most a type's write puts */
#define TUNNEL_PARAM_MAX 32             /* bytes of a type's parameters */
#define TUNNEL_KEYS_MAX  8              /* configuration keys of a type */
#define TUNNEL_TYPES_MAX 8

struct cfg_key;
struct shmib_err;
struct tunnel_ops;

/* A pseudowire's tunnel: its type and the type's parameters.  Zeroed
 * before it is configured, so that equal tunnels are equal bytes (a
 * reload compares them so). */
struct tunnel {
	const struct tunnel_ops *ops;   /* NULL until "tunnel =" is read */
	union {
		uint8_t param[TUNNEL_PARAM_MAX];
		uint64_t align;
	};
};

/* What a received tunnel header says. */
struct tunnel_rx {
	const struct tunnel_ops *ops;   /* the type that parsed it */
	bool has_key;                   /* an identifier is present */
	uint32_t id;                    /* it: GRE key, L2TPv3 session ID */
	const uint8_t *cookie;          /* in the packet, if the type has one */
	size_t hdr_len;
};

enum tunnel_verdict {
	TUNNEL_DATA,
	TUNNEL_CC,
	TUNNEL_MISMATCH,
};

struct tunnel_ops {
	const char *name;               /* tunnel = NAME */
	uint8_t proto;                  /* IP protocol number, one per type */
	uint8_t hdr_max;                /* most bytes write puts */
	/* The PSN type of its pseudowires, in each MIB's numbering (the
	 * two enumerations differ): pwPsnType (IANA-PWE3-MIB's
	 * IANAPwPsnTypeTC) and cpwVcPsnType (CISCO-IETF-PW-MIB).  Neither
	 * has 0. */
	uint8_t pw_psn_type;
	uint8_t cpw_psn_type;
	/* Keys of a [pseudowire] besides "tunnel"; offsets into the
	 * type's parameters; ended by a NULL name. */
	const struct cfg_key *keys;
	/* Why the parameters cannot work, naming the key in *KEY (which
	 * is "tunnel" on entry); NULL when they can. */
	const char *(*check)(const struct tunnel *t, const char **key);
	/* Whether frames from the same peer for A would also match B. */
	bool (*same_rx)(const struct tunnel *a, const struct tunnel *b);
	/* Writes the header we send (the control channel's when CC) into
	 * BUF (TUNNEL_HDR_MAX bytes); returns its length. */
	size_t (*write)(const struct tunnel *t, bool cc, uint8_t *buf);
	/* Parses a received header (LEN bytes from the IP payload on)
	 * into RX; -1 when malformed. */
	int (*parse)(const uint8_t *buf, size_t len, struct tunnel_rx *rx);
	/* Whether RX, parsed by this type, belongs to T. */
	enum tunnel_verdict (*match)(const struct tunnel *t,
				     const struct tunnel_rx *rx);
	/* pwInboundLabel and pwOutboundLabel: what we accept and send. */
	void (*labels)(const struct tunnel *t, uint32_t *in, uint32_t *out);
	/* The type and its parameters as text, for telemetry. */
	void (*describe)(const struct tunnel *t, char *buf, size_t len);
	/* A pcap filter's test of the header of frames we receive (or
	 * send, when OUT), " and IP[HDR:4] = ...", or "" when the type's
	 * protocol and the addresses say it all.  IP is "ip" or "ip6",
	 * HDR the offset of the tunnel header in the IP packet. */
	void (*filter)(const struct tunnel *t, bool out, const char *ip,
		       unsigned hdr, char *buf, size_t len);
};

/* The I-th type of the table, NULL past the last. */
const struct tunnel_ops *tunnel_type_at(unsigned i);

/* The type named NAME, or carried in IP protocol PROTO; NULL if none. */
const struct tunnel_ops *tunnel_type_find(const char *name);
const struct tunnel_ops *tunnel_type_of_proto(uint8_t proto);

/* The names for an error: "gre or l2tpv3".  Returns BUF. */
const char *tunnel_type_names(char *buf, size_t len);

/* Adds a type defined outside the table, before the configuration is
 * read; why not (name or protocol taken, table full, too many keys,
 * header too long), or NULL. */
const char *tunnel_type_add(const struct tunnel_ops *ops);

/* Sets KEY = V in T, whose type is set (what the configuration does
 * with a [pseudowire]'s entries); -1 with WHY for a bad value or a key
 * the type does not have. */
int tunnel_set(struct tunnel *t, const char *key, const char *v,
	       struct shmib_err *why);

/* A 32-bit identifier value, for the types' key tables. */
int tunnel_parse_u32(const char *v, void *dst, struct shmib_err *why);

/* Parses a received header of protocol OPS->proto into RX. */
static inline int tunnel_parse(const struct tunnel_ops *ops, const uint8_t *buf,
			       size_t len, struct tunnel_rx *rx)
{
	rx->ops = ops;
	return ops->parse(buf, len, rx);
}

/* Whether RX belongs to T, as data or control channel. */
static inline enum tunnel_verdict tunnel_match(const struct tunnel *t,
					       const struct tunnel_rx *rx)
{
	if (rx->ops != t->ops)
		return TUNNEL_MISMATCH;
	return t->ops->match(t, rx);
}

static inline size_t tunnel_write(const struct tunnel *t, bool cc, uint8_t *buf)
{
	return t->ops->write(t, cc, buf);
}

/* Big-endian header fields, for the types' files. */
static inline void tunnel_put16(uint8_t *p, uint16_t v)
{
	v = htobe16(v);
	memcpy(p, &v, 2);
}

static inline void tunnel_put32(uint8_t *p, uint32_t v)
{
	v = htobe32(v);
	memcpy(p, &v, 4);
}

static inline uint16_t tunnel_get16(const uint8_t *p)
{
	uint16_t v;

	memcpy(&v, p, 2);
	return be16toh(v);
}

static inline uint32_t tunnel_get32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return be32toh(v);
}

#endif
