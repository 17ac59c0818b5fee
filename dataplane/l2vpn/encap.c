/*
 * Outer headers of pseudowire frames; layout in encap.h.
 */
#include <string.h>

#include <rte_byteorder.h>
#include <rte_ip.h>

#include "dataplane/l2vpn/encap.h"

#define IPV4_DF 0x4000

static size_t ip6_init(uint8_t *p, const struct addr *src,
		       const struct addr *dst, uint8_t proto)
{
	struct rte_ipv6_hdr *ip = (struct rte_ipv6_hdr *)p;

	memset(ip, 0, sizeof(*ip));
	ip->vtc_flow = rte_cpu_to_be_32(6u << 28);
	ip->proto = proto;
	ip->hop_limits = ENCAP_HOP_LIMIT;
	memcpy(ip->src_addr, src->a, 16);
	memcpy(ip->dst_addr, dst->a, 16);
	return sizeof(*ip);
}

static size_t ip4_init(uint8_t *p, const struct addr *src,
		       const struct addr *dst, uint8_t proto)
{
	struct rte_ipv4_hdr *ip = (struct rte_ipv4_hdr *)p;

	memset(ip, 0, sizeof(*ip));
	ip->version_ihl = RTE_IPV4_VHL_DEF;
	ip->fragment_offset = rte_cpu_to_be_16(IPV4_DF);
	ip->time_to_live = ENCAP_HOP_LIMIT;
	ip->next_proto_id = proto;
	memcpy(&ip->src_addr, src->a, 4);
	memcpy(&ip->dst_addr, dst->a, 4);
	return sizeof(*ip);
}

void encap_init(struct encap *e, const struct addr *src,
		const struct addr *dst, const struct tunnel *t, bool cc)
{
	struct rte_ether_hdr *eth = (struct rte_ether_hdr *)e->hdr;
	uint8_t *l3 = e->hdr + sizeof(*eth);
	uint8_t proto = t->ops->proto;
	size_t n;

	memset(e, 0, sizeof(*e));
	e->af = dst->af;
	if (dst->af == AF_INET6) {
		eth->ether_type = rte_cpu_to_be_16(RTE_ETHER_TYPE_IPV6);
		n = ip6_init(l3, src, dst, proto);
	} else {
		eth->ether_type = rte_cpu_to_be_16(RTE_ETHER_TYPE_IPV4);
		n = ip4_init(l3, src, dst, proto);
		e->ip4_sum = rte_raw_cksum(l3, n);
	}
	n += sizeof(*eth);
	e->len = n + tunnel_write(t, cc, e->hdr + n);
}

void encap_set_macs(struct encap *e, const struct rte_ether_addr *src,
		    const struct rte_ether_addr *dst)
{
	struct rte_ether_hdr *eth = (struct rte_ether_hdr *)e->hdr;

	rte_ether_addr_copy(src, &eth->src_addr);
	rte_ether_addr_copy(dst, &eth->dst_addr);
}

int encap_push(struct rte_mbuf *m, const struct encap *e)
{
	uint8_t *p = (uint8_t *)rte_pktmbuf_prepend(m, e->len);

	if (!p)
		return -1;
	memcpy(p, e->hdr, e->len);
	p += RTE_ETHER_HDR_LEN;
	if (e->af == AF_INET6) {
		struct rte_ipv6_hdr *ip = (struct rte_ipv6_hdr *)p;
		uint16_t len = rte_pktmbuf_pkt_len(m) - RTE_ETHER_HDR_LEN - sizeof(*ip);

		ip->payload_len = rte_cpu_to_be_16(len);
		return 0;
	}
	struct rte_ipv4_hdr *ip = (struct rte_ipv4_hdr *)p;
	uint16_t len = rte_cpu_to_be_16(rte_pktmbuf_pkt_len(m) - RTE_ETHER_HDR_LEN);
	uint32_t sum = e->ip4_sum + len;

	ip->total_length = len;
	sum = (sum & 0xffff) + (sum >> 16);
	sum = (sum & 0xffff) + (sum >> 16);
	ip->hdr_checksum = (uint16_t)~sum;
	return 0;
}

/* Fills peer and proto; returns the IP header length, 0 if not to
 * LOCAL or not well formed. */
static size_t ip6_parse(const uint8_t *p, size_t len, const struct addr *local,
			struct decap *d)
{
	const struct rte_ipv6_hdr *ip = (const struct rte_ipv6_hdr *)p;

	if (len < sizeof(*ip) || (rte_be_to_cpu_32(ip->vtc_flow) >> 28) != 6 ||
	    memcmp(ip->dst_addr, local->a, 16))
		return 0;
	if (rte_be_to_cpu_16(ip->payload_len) > len - sizeof(*ip))
		return 0;
	d->peer.af = AF_INET6;
	memcpy(d->peer.a, ip->src_addr, 16);
	d->proto = ip->proto;
	return sizeof(*ip);
}

static size_t ip4_parse(const uint8_t *p, size_t len, const struct addr *local,
			struct decap *d)
{
	const struct rte_ipv4_hdr *ip = (const struct rte_ipv4_hdr *)p;

	if (len < sizeof(*ip) || ip->version_ihl != RTE_IPV4_VHL_DEF ||
	    memcmp(&ip->dst_addr, local->a, 4))
		return 0;
	/* Fragments would need reassembly; they are not ours. */
	if (rte_be_to_cpu_16(ip->fragment_offset) & ~IPV4_DF)
		return 0;
	if (rte_be_to_cpu_16(ip->total_length) > len ||
	    rte_raw_cksum(ip, sizeof(*ip)) != 0xffff)
		return 0;
	d->peer.af = AF_INET;
	memset(d->peer.a, 0, sizeof(d->peer.a));
	memcpy(d->peer.a, &ip->src_addr, 4);
	d->proto = ip->next_proto_id;
	return sizeof(*ip);
}

static size_t ip_payload_len(const uint8_t *ip, uint8_t af, size_t hl)
{
	if (af == AF_INET6)
		return rte_be_to_cpu_16(((const struct rte_ipv6_hdr *)ip)->payload_len);
	return rte_be_to_cpu_16(((const struct rte_ipv4_hdr *)ip)->total_length) - hl;
}

enum decap_result decap_parse(const struct rte_mbuf *m,
			      const struct addr *local, struct decap *d)
{
	const uint8_t *p = rte_pktmbuf_mtod(m, const uint8_t *);
	size_t len = rte_pktmbuf_data_len(m);
	const struct rte_ether_hdr *eth = (const struct rte_ether_hdr *)p;
	size_t hl = 0;

	if (len < sizeof(*eth))
		return DECAP_OTHER;
	uint16_t type = rte_be_to_cpu_16(eth->ether_type);
	p += sizeof(*eth);
	len -= sizeof(*eth);
	if (type == RTE_ETHER_TYPE_IPV6 && local->af == AF_INET6)
		hl = ip6_parse(p, len, local, d);
	else if (type == RTE_ETHER_TYPE_IPV4 && local->af == AF_INET)
		hl = ip4_parse(p, len, local, d);
	const struct tunnel_ops *ops = hl ? tunnel_type_of_proto(d->proto) : NULL;
	if (!ops)
		return DECAP_OTHER;
	/* Ethernet padding after the IP packet is not tunnel payload. */
	size_t plen = ip_payload_len(p, local->af, hl);
	if (tunnel_parse(ops, p + hl, plen, &d->rx))
		return DECAP_BAD;
	d->off = sizeof(*eth) + hl + d->rx.hdr_len;
	d->len = plen - d->rx.hdr_len;
	return DECAP_OK;
}
