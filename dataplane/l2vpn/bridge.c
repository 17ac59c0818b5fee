/*
 * VPLS learning bridge; behaviour in bridge.h.
 */
#include <string.h>

#include <rte_hash.h>
#include <rte_hash_crc.h>
#include <rte_malloc.h>

#include "dataplane/l2vpn/bridge.h"

/* The table's key: the MAC copied out of the frame, where it may lie
 * at any alignment, into storage the hash function may load in words. */
union mac_key {
	uint64_t align;
	struct rte_ether_addr mac;
};

static union mac_key key_of(const struct rte_ether_addr *mac)
{
	union mac_key k = { 0 };

	k.mac = *mac;
	return k;
}

struct bridge_entry {
	uint64_t seen;
	uint16_t port;
};

int bridge_init(struct bridge *b, const char *name, unsigned entries,
		uint32_t aging, uint16_t mtu, int socket)
{
	struct rte_hash_parameters p = {
		.name = name,
		.entries = entries,
		.key_len = RTE_ETHER_ADDR_LEN,
		.hash_func = rte_hash_crc,
		.socket_id = socket,
	};

	memset(b, 0, sizeof(*b));
	b->aging = aging;
	b->mtu = mtu;
	b->mac = rte_hash_create(&p);
	if (!b->mac)
		return -1;
	b->entry = rte_zmalloc_socket(name,
		sizeof(*b->entry) * (rte_hash_max_key_id(b->mac) + 1), 0, socket);
	if (!b->entry) {
		rte_hash_free(b->mac);
		b->mac = NULL;
		return -1;
	}
	return 0;
}

void bridge_free(struct bridge *b)
{
	rte_hash_free(b->mac);
	rte_free(b->entry);
	b->mac = NULL;
	b->entry = NULL;
}

int bridge_add_port(struct bridge *b, enum bridge_kind kind)
{
	if (b->nports == BRIDGE_PORTS_MAX)
		return -1;
	b->kind[b->nports] = kind;
	return b->nports++;
}

void bridge_ready(struct bridge *b)
{
	b->vpws = b->nports == 2 && b->kind[0] != b->kind[1];
}

static void learn(struct bridge *b, const struct rte_ether_addr *src,
		  unsigned in, uint64_t now)
{
	union mac_key k = key_of(src);
	int32_t pos = rte_hash_lookup(b->mac, &k);

	if (pos < 0) {
		pos = rte_hash_add_key(b->mac, &k);
		if (pos < 0) {
			b->stats.full++;
			return;
		}
		b->stats.learned++;
	} else if (b->entry[pos].port != in) {
		b->stats.moved++;
	}
	b->entry[pos].port = in;
	b->entry[pos].seen = now;
}

static int flood(struct bridge *b, unsigned in, uint16_t *out)
{
	bool from_pw = b->kind[in] == BRIDGE_PW;
	int n = 0;

	for (unsigned p = 0; p < b->nports; p++)
		if (p != in && !(from_pw && b->kind[p] == BRIDGE_PW))
			out[n++] = p;
	b->stats.flooded++;
	return n;
}

int bridge_forward(struct bridge *b, unsigned in,
		   const struct rte_ether_hdr *eth, uint32_t len,
		   uint64_t now, uint16_t *out)
{
	if (len - RTE_ETHER_HDR_LEN > b->mtu) {
		b->stats.mtu_drops++;
		return BRIDGE_DROP_MTU;
	}
	if (b->vpws) {
		out[0] = !in;
		return 1;
	}
	if (rte_is_unicast_ether_addr(&eth->src_addr))
		learn(b, &eth->src_addr, in, now);
	if (!rte_is_unicast_ether_addr(&eth->dst_addr))
		return flood(b, in, out);
	union mac_key k = key_of(&eth->dst_addr);
	int32_t pos = rte_hash_lookup(b->mac, &k);
	if (pos < 0)
		return flood(b, in, out);
	unsigned to = b->entry[pos].port;
	if (to == in || (b->kind[in] == BRIDGE_PW && b->kind[to] == BRIDGE_PW)) {
		b->stats.filtered++;
		return 0;
	}
	out[0] = to;
	return 1;
}

unsigned bridge_age(struct bridge *b, uint64_t now)
{
	const void *key;
	void *data;
	uint32_t it = 0;
	int32_t pos;
	unsigned n = 0;

	while ((pos = rte_hash_iterate(b->mac, &key, &data, &it)) >= 0) {
		if (now - b->entry[pos].seen <= b->aging)
			continue;
		rte_hash_del_key(b->mac, key);
		n++;
	}
	b->stats.aged += n;
	return n;
}

unsigned bridge_count(const struct bridge *b)
{
	return b->mac ? (unsigned)rte_hash_count(b->mac) : 0;
}

int bridge_walk(const struct bridge *b, uint32_t *it, struct rte_ether_addr *mac,
		unsigned *port, uint64_t *seen)
{
	const void *key;
	void *data;
	int32_t pos;

	if (!b->mac || (pos = rte_hash_iterate(b->mac, &key, &data, it)) < 0)
		return -1;
	memcpy(mac, key, sizeof(*mac));
	*port = b->entry[pos].port;
	*seen = b->entry[pos].seen;
	return 0;
}

static bool identity(const struct bridge *from, const int *map)
{
	for (unsigned p = 0; p < from->nports; p++)
		if (map[p] != (int)p)
			return false;
	return true;
}

static void swap_tables(struct bridge *a, struct bridge *b)
{
	struct rte_hash *mac = a->mac;
	struct bridge_entry *entry = a->entry;

	a->mac = b->mac;
	a->entry = b->entry;
	b->mac = mac;
	b->entry = entry;
}

/* In place: an update of each entry, no insertion. */
static void renumber(struct bridge *b, const int *map)
{
	const void *key;
	void *data;
	uint32_t it = 0;
	int32_t pos;

	while ((pos = rte_hash_iterate(b->mac, &key, &data, &it)) >= 0) {
		int port = map[b->entry[pos].port];

		if (port < 0)
			rte_hash_del_key(b->mac, key);
		else
			b->entry[pos].port = port;
	}
}

static void copy(struct bridge *to, const struct bridge *from, const int *map)
{
	const void *key;
	void *data;
	uint32_t it = 0;
	int32_t pos, at;

	while ((pos = rte_hash_iterate(from->mac, &key, &data, &it)) >= 0) {
		int port = map[from->entry[pos].port];
		union mac_key k = key_of(key);

		if (port < 0)
			continue;
		if ((at = rte_hash_add_key(to->mac, &k)) < 0) {
			to->stats.full++;
			continue;
		}
		to->entry[at] = (struct bridge_entry){ from->entry[pos].seen, port };
	}
}

unsigned bridge_carry(struct bridge *to, struct bridge *from, const int *map)
{
	to->stats = from->stats;
	if (rte_hash_max_key_id(to->mac) != rte_hash_max_key_id(from->mac)) {
		copy(to, from, map);
	} else {
		swap_tables(to, from);
		if (!identity(from, map))
			renumber(to, map);
	}
	return bridge_count(to);
}

int bridge_lookup(const struct bridge *b, const struct rte_ether_addr *mac)
{
	union mac_key k = key_of(mac);
	int32_t pos = rte_hash_lookup(b->mac, &k);

	return pos < 0 ? -1 : b->entry[pos].port;
}
