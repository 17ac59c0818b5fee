/*
 * The kernel's interfaces as memory segments (see kernif.h); each
 * rtnetlink link message rewrites every value of its interface.
 * Interfaces are kept sorted by ifindex; a dump marks those it
 * reports, so one that vanished while events were lost (ENOBUFS), or
 * between two dumps, goes at the next dump.
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>
#include <net/if.h>
#include <net/if_arp.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <linux/ethtool.h>
#include <linux/rtnetlink.h>
#include <linux/sockios.h>

#include "profiles.h"
#include "subagents/interface/kernif.h"
#include "subagents/common/uptime.h"
#include "shm/rtnl.h"

#define MAC_LEN      6          /* net-snmp serves the first 6 bytes */
#define TRUTH(b)     ((b) ? 1 : 2)
#define STATUS(b)    ((b) ? 1 : 2)

/* IANAifType */
enum { IFT_OTHER = 1, IFT_ETHERNET = 6, IFT_TOKENRING = 9, IFT_FDDI = 15,
       IFT_PPP = 23, IFT_LOOPBACK = 24, IFT_SLIP = 28, IFT_ARCNET = 35,
       IFT_ATM = 37, IFT_LOCALTALK = 42, IFT_HIPPI = 47, IFT_TUNNEL = 131,
       IFT_INFINIBAND = 199 };

/* net-snmp's netsnmp_convert_arphrd_type; anything else is other(1). */
static const struct { unsigned short arphrd; int32_t type; } types[] = {
	{ ARPHRD_ETHER, IFT_ETHERNET }, { ARPHRD_TUNNEL, IFT_TUNNEL },
	{ ARPHRD_TUNNEL6, IFT_TUNNEL }, { ARPHRD_IPGRE, IFT_TUNNEL },
	{ ARPHRD_SIT, IFT_TUNNEL }, { ARPHRD_INFINIBAND, IFT_INFINIBAND },
	{ ARPHRD_SLIP, IFT_SLIP }, { ARPHRD_CSLIP, IFT_SLIP },
	{ ARPHRD_SLIP6, IFT_SLIP }, { ARPHRD_CSLIP6, IFT_SLIP },
	{ ARPHRD_PPP, IFT_PPP }, { ARPHRD_LOOPBACK, IFT_LOOPBACK },
	{ ARPHRD_FDDI, IFT_FDDI }, { ARPHRD_ARCNET, IFT_ARCNET },
	{ ARPHRD_LOCALTLK, IFT_LOCALTALK }, { ARPHRD_HIPPI, IFT_HIPPI },
	{ ARPHRD_ATM, IFT_ATM },
};

/* The counters as net-snmp derives them from the kernel's: unicast in
 * is all packets in less multicast; broadcast, unknown protocols and
 * multicast out are not known (0). */
struct kstats {
	uint64_t in_octets, in_ucast, in_mcast, in_discards, in_errors;
	uint64_t out_octets, out_ucast, out_discards, out_errors, zero;
};

#define KS(f) offsetof(struct kstats, f)

/* The interface profile's counters (a key holds the 64- and the 32-bit
 * object of one count). */
static const struct { int key; size_t off; } counters[] = {
	{ IF_IN_OCTETS, KS(in_octets) }, { IF_IN_UCAST, KS(in_ucast) },
	{ IF_IN_MCAST, KS(in_mcast) }, { IF_IN_BCAST, KS(zero) },
	{ IF_IN_DISCARDS, KS(in_discards) }, { IF_IN_ERRORS, KS(in_errors) },
	{ IF_IN_UNKNOWN, KS(zero) },
	{ IF_OUT_OCTETS, KS(out_octets) }, { IF_OUT_UCAST, KS(out_ucast) },
	{ IF_OUT_MCAST, KS(zero) }, { IF_OUT_BCAST, KS(zero) },
	{ IF_OUT_DISCARDS, KS(out_discards) }, { IF_OUT_ERRORS, KS(out_errors) },
};

#define NCOUNTERS (sizeof counters / sizeof counters[0])

int kernifs_option(const char *arg, bool *on)
{
	static const struct { const char *word; bool on; } words[] = {
		{ "yes", true }, { "true", true }, { "1", true }, { "on", true },
		{ "no", false }, { "false", false }, { "0", false }, { "off", false },
	};

	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (!strcmp(arg, words[i].word))
			return *on = words[i].on, 0;
	return -1;
}

static struct kernif *find(const struct kernifs *k, uint32_t ifindex, size_t *at)
{
	size_t lo = 0, hi = k->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (k->v[mid].ifindex == ifindex)
			return &k->v[mid];
		if (k->v[mid].ifindex < ifindex)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (at)
		*at = lo;
	return NULL;
}

const struct kernif *kernifs_find(const struct kernifs *k, uint32_t ifindex)
{
	return find(k, ifindex, NULL);
}

uint32_t kernifs_ifindex_of(const struct kernifs *k, const struct shm_seg *seg)
{
	for (size_t i = 0; i < k->n; i++)
		if (k->v[i].seg == seg)
			return k->v[i].ifindex;
	return 0;
}

int kernifs_check_ifmap(const struct kernifs *k, const struct ifmap *m,
			const char *file, struct shmib_err *err)
{
	for (size_t i = 0; i < ifmap_count(m); i++) {
		unsigned line;
		uint32_t x = ifmap_at(m, i, &line);
		const struct kernif *f = kernifs_find(k, x);

		if (f) {
			shmib_fail(err, "%s:%u: ifIndex %u is the kernel interface %s's",
				   file, line, x, f->name);
			return -1;
		}
	}
	return 0;
}

static void rows_changed(const struct kernifs *k)
{
	if (k->hooks.rows_changed)
		k->hooks.rows_changed(k->hooks.arg);
}
static int make_seg(const struct kernifs *k, struct kernif *f)
{
	static const struct shm_pval v[IF_KEYS] = {
		[IF_DESCR] = { .cap = KERNIF_NAME_MAX },        /* renames keep it */
	};
	struct shmib_err err;
	char name[32];

	snprintf(name, sizeof name, "kernel-%u", f->ifindex);
	if (shm_pseg_init(&f->s, shm_writer_new_mem(name, &err), &profile_if,
			  IF_G_CONF, v, &err) < 0)
		goto fail;
	if (shm_writer_publish(f->s.w, 0600, &err) || !(f->seg = shm_seg_open_mem(f->s.w, &err)))
		goto fail;
	return 0;
fail:
	k->hooks.log(LOG_ERR, "kernel interface %u: %s", f->ifindex, err.msg);
	shm_pseg_free(&f->s, false);
	return -1;
}

static struct kernif *add(struct kernifs *k, uint32_t ifindex)
{
	size_t at = 0;
	struct kernif *f;

	if (k->n == k->cap) {
		struct kernif *v = reallocarray(k->v, k->cap ? 2 * k->cap : 16, sizeof *v);

		if (!v)
			return NULL;
		k->v = v;
		k->cap = k->cap ? 2 * k->cap : 16;
	}
	find(k, ifindex, &at);
	memmove(&k->v[at + 1], &k->v[at], (k->n - at) * sizeof *k->v);
	f = &k->v[at];
	*f = (struct kernif){ .ifindex = ifindex, .oper = -1 };
	if (make_seg(k, f)) {
		memmove(&k->v[at], &k->v[at + 1], (k->n - at) * sizeof *k->v);
		return NULL;
	}
	k->n++;
	rows_changed(k);
	return f;
}

static void drop_at(struct kernifs *k, size_t i)
{
	struct kernif *f = &k->v[i];

	if (k->hooks.dropped)
		k->hooks.dropped(k->hooks.arg, f->seg);
	else
		shm_seg_close(f->seg);
	shm_pseg_free(&f->s, false);
	memmove(f, f + 1, (k->n - i - 1) * sizeof *f);
	k->n--;
	rows_changed(k);
}

static int32_t if_type(unsigned short arphrd)
{
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
		if (types[i].arphrd == arphrd)
			return types[i].type;
	return IFT_OTHER;
}

/* In bit/s, as net-snmp finds it: ethtool for Ethernet (0 when the
 * driver does not know it), a guess by type otherwise. */
static uint64_t speed_bps(const struct kernifs *k, const char *name, int32_t type)
{
	struct ethtool_cmd cmd = { .cmd = ETHTOOL_GSET };
	struct ifreq ifr = { .ifr_data = (void *)&cmd };
	uint32_t mbps;

	if (type != IFT_ETHERNET)
		return type == IFT_LOOPBACK ? 10000000 : type == IFT_TOKENRING ? 4000000 : 0;
	memcpy(ifr.ifr_name, name, strnlen(name, IFNAMSIZ - 1));
	if (k->ioctl_fd < 0 || ioctl(k->ioctl_fd, SIOCETHTOOL, &ifr))
		return 0;
	/* ethtool_cmd_speed() shifts an int: undefined for SPEED_UNKNOWN. */
	mbps = (uint32_t)cmd.speed_hi << 16 | cmd.speed;
	return mbps == 0xffff || mbps == (uint32_t)SPEED_UNKNOWN ? 0 : mbps * 1000000ULL;
}

static struct kstats kstats(const struct rtnl_link_stats64 *s)
{
	return (struct kstats){
		.in_octets = s->rx_bytes,
		.in_ucast = s->rx_packets - s->multicast,
		.in_mcast = s->multicast,
		.in_discards = s->rx_dropped + s->rx_missed_errors,
		.in_errors = s->rx_errors,
		.out_octets = s->tx_bytes,
		.out_ucast = s->tx_packets,
		.out_discards = s->tx_dropped,
		.out_errors = s->tx_errors,
	};
}

static void set_counters(struct kernif *f, const struct nlattr *attr)
{
	struct rtnl_link_stats64 s;
	struct kstats ks;

	if (!attr || mnl_attr_get_payload_len(attr) < sizeof s)
		return;
	memcpy(&s, mnl_attr_get_payload(attr), sizeof s);
	ks = kstats(&s);
	for (size_t i = 0; i < NCOUNTERS; i++)
		shm_pseg_set_num(&f->s, counters[i].key,
				 *(const uint64_t *)((const char *)&ks + counters[i].off));
}

static void set_str_attr(struct kernif *f, int key, const struct nlattr *attr)
{
	const char *s = attr ? mnl_attr_get_str(attr) : "";
	struct shm_pval v = { .str = s, .len = strnlen(s, attr ? mnl_attr_get_payload_len(attr) : 0) };

	shm_pseg_set(&f->s, key, &v);
}

/* ifPhysAddress: the first 6 bytes, none when they are all zero. */
static void set_addr(struct kernif *f, const struct nlattr *attr)
{
	uint8_t mac[MAC_LEN] = { 0 };
	static const uint8_t zero[MAC_LEN];

	if (attr)
		memcpy(mac, mnl_attr_get_payload(attr),
		       mnl_attr_get_payload_len(attr) < MAC_LEN ? mnl_attr_get_payload_len(attr) : MAC_LEN);
	shm_pseg_set(&f->s, IF_MAC, &(struct shm_pval){ .str = mac, .len = memcmp(mac, zero, MAC_LEN) ? MAC_LEN : 0 });
}

static void set_u32(struct kernif *f, int key, uint32_t v)
{
	shm_pseg_set_num(&f->s, key, v);
}

/* Writes every value of the message; true when ifOperStatus changed. */
static bool update(const struct kernifs *k, struct kernif *f, const struct ifinfomsg *ifi,
		   const struct nlattr *const *tb, bool fresh)
{
	unsigned flags = ifi->ifi_flags;
	int32_t type = if_type(ifi->ifi_type);
	int32_t oper = STATUS((flags & IFF_UP) && (flags & IFF_RUNNING));
	uint64_t speed;
	bool changed = f->oper >= 0 && oper != f->oper;

	const char *name = mnl_attr_get_str(tb[IFLA_IFNAME]);
	size_t len = strnlen(name, KERNIF_NAME_MAX);

	memcpy(f->name, name, len);
	f->name[len] = '\0';
	speed = speed_bps(k, f->name, type);
	shm_writer_begin(f->s.w);
	set_str_attr(f, IF_DESCR, tb[IFLA_IFNAME]);
	set_str_attr(f, IF_NAME, tb[IFLA_IFNAME]);
	set_str_attr(f, IF_ALIAS, tb[IFLA_IFALIAS]);
	set_addr(f, tb[IFLA_ADDRESS]);
	set_u32(f, IF_TYPE, type);
	set_u32(f, IF_MTU, tb[IFLA_MTU] ? mnl_attr_get_u32(tb[IFLA_MTU]) : 0);
	set_u32(f, IF_SPEED, speed > UINT32_MAX ? UINT32_MAX : speed);
	set_u32(f, IF_HIGHSPEED, speed / 1000000);
	set_u32(f, IF_ADMIN, STATUS(flags & IFF_UP));
	set_u32(f, IF_OPER, oper);
	set_u32(f, IF_PROMISC, TRUTH(flags & IFF_PROMISC));
	set_u32(f, IF_CONNECTOR, TRUTH(!(flags & IFF_LOOPBACK)));
	/* The row's state began when its owner saw it: 0 for what was
	 * there at the start (before the master's sysUpTime, maybe). */
	if (changed || (f->oper < 0 && k->started && fresh)) {
		uint64_t now_ns = shm_now_ns();

		shm_pseg_set_num(&f->s, IF_LAST_CHANGE_S, now_ns / SHM_NS_PER_SEC);
		shm_pseg_set_num(&f->s, IF_LAST_CHANGE_NS, now_ns);
	}
	set_counters(f, tb[IFLA_STATS64]);
	shm_writer_end(f->s.w);
	f->oper = oper;
	f->gen = k->gen;
	return changed;
}

/* ---- rtnetlink --------------------------------------------------- */

int kernifs_on_link(const struct nlmsghdr *nlh, void *arg)
{
	struct kernifs *k = arg;
	struct rtnl_link l;
	struct kernif *f;
	bool fresh = false;

	if (!rtnl_link_parse(nlh, &l) || l.ifi->ifi_index <= 0)
		return MNL_CB_OK;
	f = find(k, l.ifi->ifi_index, NULL);
	if (l.type == RTM_DELLINK) {
		if (f)
			drop_at(k, f - k->v);
		return MNL_CB_OK;
	}
	if (!f && (fresh = true) && !(f = add(k, l.ifi->ifi_index)))
		return MNL_CB_OK;
	if (update(k, f, l.ifi, l.tb, fresh) && k->hooks.oper_changed)
		k->hooks.oper_changed(k->hooks.arg, &f->seg);
	return MNL_CB_OK;
}

int kernifs_dump(struct kernifs *k)
{
	k->gen++;
	if (rtnl_link_dump(k->query, &k->seq, kernifs_on_link, k)) {
		k->hooks.log(LOG_ERR, "kernel interfaces: rtnetlink dump: %s", strerror(errno));
		return -1;
	}
	for (size_t i = k->n; i-- > 0;)
		if (k->v[i].gen != k->gen)
			drop_at(k, i);
	k->dumped_cs = uptime_now_cs();
	return 0;
}

int kernifs_open(struct kernifs *k, const struct kernifs_hooks *hooks)
{
	*k = (struct kernifs){ .hooks = *hooks, .ioctl_fd = -1 };
	k->query = mnl_socket_open(NETLINK_ROUTE);
	k->ioctl_fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (!k->query || mnl_socket_bind(k->query, 0, MNL_SOCKET_AUTOPID) < 0) {
		k->hooks.log(LOG_ERR, "kernel interfaces: rtnetlink: %s", strerror(errno));
		return -1;
	}
	if (kernifs_dump(k))
		return -1;
	k->started = true;
	return 0;
}

void kernifs_close(struct kernifs *k)
{
	for (size_t i = 0; i < k->n; i++) {
		shm_seg_close(k->v[i].seg);
		shm_pseg_free(&k->v[i].s, false);
	}
	free(k->v);
	if (k->query)
		mnl_socket_close(k->query);
	if (k->ioctl_fd >= 0)
		close(k->ioctl_fd);
	*k = (struct kernifs){ .hooks = k->hooks, .ioctl_fd = -1 };
}
