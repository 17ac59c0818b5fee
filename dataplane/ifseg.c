/*
 * Interface segment: see ifseg.h.  The object table below is the
 * segment's layout (before the writer's alignment padding); the counter
 * table maps struct if_counters onto the 64- and 32-bit objects.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "dataplane/ifseg.h"

enum {
	O_DESCR, O_TYPE, O_MTU, O_SPEED, O_HIGHSPEED, O_PHYSADDR,
	O_ADMIN, O_OPER, O_LASTCHANGE, O_LASTCHANGE_BASE, O_LASTCHANGE_NS,
	O_IN_OCTETS, O_IN_UCAST, O_IN_DISCARDS, O_IN_ERRORS, O_IN_UNKNOWN,
	O_OUT_OCTETS, O_OUT_UCAST, O_OUT_DISCARDS, O_OUT_ERRORS,
	O_NAME, O_IN_MCAST, O_IN_BCAST, O_OUT_MCAST, O_OUT_BCAST,
	O_HC_IN_OCTETS, O_HC_IN_UCAST, O_HC_IN_MCAST, O_HC_IN_BCAST,
	O_HC_OUT_OCTETS, O_HC_OUT_UCAST, O_HC_OUT_MCAST, O_HC_OUT_BCAST,
	O_TRAP_ENABLE, O_PROMISC, O_CONNECTOR, O_ALIAS,
	O_DISCONT, O_DISCONT_ABS, O_DISCONT_NS,
	O_N,
};

#define IF_TYPE_ETHERNET 6      /* ethernetCsmacd */
#define TRUTH(b) ((b) ? 1 : 2)  /* TruthValue */
#define STATUS(up) ((up) ? 1 : 2)
#define MAC_LEN 6
#define IFNAME_MAX 255
#define ALIAS_MAX 64
#define NO_OBJ -1

static const struct {
	const char *name;
	enum shm_type type;
	size_t maxlen;          /* OctetStr; 0 for ifDescr: its length */
} objs[O_N] = {
	[O_DESCR] = { "ifDescr", SHM_OCTETSTR, 0 },
	[O_TYPE] = { "ifType", SHM_INTEGER32 },
	[O_MTU] = { "ifMtu", SHM_INTEGER32 },
	[O_SPEED] = { "ifSpeed", SHM_GAUGE32 },
	[O_HIGHSPEED] = { "ifHighSpeed", SHM_GAUGE32 },
	[O_PHYSADDR] = { "ifPhysAddress", SHM_OCTETSTR, MAC_LEN },
	[O_ADMIN] = { "ifAdminStatus", SHM_INTEGER32 },
	[O_OPER] = { "ifOperStatus", SHM_INTEGER32 },
	[O_LASTCHANGE] = { "ifLastChange", SHM_TIMETICKS },
	[O_LASTCHANGE_BASE] = { "_X_ifLastChange_TicksBase", SHM_COUNTER64 },
	[O_LASTCHANGE_NS] = { "_X_ifLastChange" SHM_AUX_TIMEABS_NS, SHM_COUNTER64 },
	[O_IN_OCTETS] = { "ifInOctets", SHM_COUNTER32 },
	[O_IN_UCAST] = { "ifInUcastPkts", SHM_COUNTER32 },
	[O_IN_DISCARDS] = { "ifInDiscards", SHM_COUNTER32 },
	[O_IN_ERRORS] = { "ifInErrors", SHM_COUNTER32 },
	[O_IN_UNKNOWN] = { "ifInUnknownProtos", SHM_COUNTER32 },
	[O_OUT_OCTETS] = { "ifOutOctets", SHM_COUNTER32 },
	[O_OUT_UCAST] = { "ifOutUcastPkts", SHM_COUNTER32 },
	[O_OUT_DISCARDS] = { "ifOutDiscards", SHM_COUNTER32 },
	[O_OUT_ERRORS] = { "ifOutErrors", SHM_COUNTER32 },
	[O_NAME] = { "ifName", SHM_OCTETSTR, IFNAME_MAX },
	[O_IN_MCAST] = { "ifInMulticastPkts", SHM_COUNTER32 },
	[O_IN_BCAST] = { "ifInBroadcastPkts", SHM_COUNTER32 },
	[O_OUT_MCAST] = { "ifOutMulticastPkts", SHM_COUNTER32 },
	[O_OUT_BCAST] = { "ifOutBroadcastPkts", SHM_COUNTER32 },
	[O_HC_IN_OCTETS] = { "ifHCInOctets", SHM_COUNTER64 },
	[O_HC_IN_UCAST] = { "ifHCInUcastPkts", SHM_COUNTER64 },
	[O_HC_IN_MCAST] = { "ifHCInMulticastPkts", SHM_COUNTER64 },
	[O_HC_IN_BCAST] = { "ifHCInBroadcastPkts", SHM_COUNTER64 },
	[O_HC_OUT_OCTETS] = { "ifHCOutOctets", SHM_COUNTER64 },
	[O_HC_OUT_UCAST] = { "ifHCOutUcastPkts", SHM_COUNTER64 },
	[O_HC_OUT_MCAST] = { "ifHCOutMulticastPkts", SHM_COUNTER64 },
	[O_HC_OUT_BCAST] = { "ifHCOutBroadcastPkts", SHM_COUNTER64 },
	[O_TRAP_ENABLE] = { "ifLinkUpDownTrapEnable", SHM_INTEGER32 },
	[O_PROMISC] = { "ifPromiscuousMode", SHM_INTEGER32 },
	[O_CONNECTOR] = { "ifConnectorPresent", SHM_INTEGER32 },
	[O_ALIAS] = { "ifAlias", SHM_OCTETSTR, ALIAS_MAX },
	[O_DISCONT] = { "ifCounterDiscontinuityTime", SHM_TIMETICKS },
	[O_DISCONT_ABS] = { "_X_ifCounterDiscontinuityTime_TimeAbs", SHM_COUNTER64 },
	[O_DISCONT_NS] = { "_X_ifCounterDiscontinuityTime" SHM_AUX_TIMEABS_NS, SHM_COUNTER64 },
};

#define CTR(field, hc, lo) { offsetof(struct if_counters, field), hc, lo }

static const struct {
	size_t off;
	int hc, lo;             /* objects, or NO_OBJ */
} counters[] = {
	CTR(in_octets, O_HC_IN_OCTETS, O_IN_OCTETS),
	CTR(in_ucast, O_HC_IN_UCAST, O_IN_UCAST),
	CTR(in_mcast, O_HC_IN_MCAST, O_IN_MCAST),
	CTR(in_bcast, O_HC_IN_BCAST, O_IN_BCAST),
	CTR(in_discards, NO_OBJ, O_IN_DISCARDS),
	CTR(in_errors, NO_OBJ, O_IN_ERRORS),
	CTR(out_octets, O_HC_OUT_OCTETS, O_OUT_OCTETS),
	CTR(out_ucast, O_HC_OUT_UCAST, O_OUT_UCAST),
	CTR(out_mcast, O_HC_OUT_MCAST, O_OUT_MCAST),
	CTR(out_bcast, O_HC_OUT_BCAST, O_OUT_BCAST),
	CTR(out_discards, NO_OBJ, O_OUT_DISCARDS),
	CTR(out_errors, NO_OBJ, O_OUT_ERRORS),
};

struct ifseg {
	struct shm_writer *w;
	int h[O_N];
	bool up;
	struct if_counters last;
};

static int add_objects(struct ifseg *s, const struct ifseg_port *port,
		       struct shmib_err *err)
{
	for (int i = 0; i < O_N; i++) {
		size_t maxlen = i == O_DESCR ? strlen(port->descr) : objs[i].maxlen;

		s->h[i] = shm_writer_add(s->w, objs[i].name, objs[i].type,
					 maxlen, err);
		if (s->h[i] < 0)
			return -1;
	}
	return 0;
}

static void set_port(struct ifseg *s, const struct ifseg_port *port,
		     uint64_t now_ns)
{
	struct shm_writer *w = s->w;

	shm_writer_set_str(w, s->h[O_DESCR], port->descr, strlen(port->descr));
	shm_writer_set_str(w, s->h[O_NAME], port->ifname, strlen(port->ifname));
	shm_writer_set_str(w, s->h[O_ALIAS], port->alias, strlen(port->alias));
	shm_writer_set_str(w, s->h[O_PHYSADDR], port->mac, MAC_LEN);
	shm_writer_set_i32(w, s->h[O_TYPE], IF_TYPE_ETHERNET);
	shm_writer_set_i32(w, s->h[O_ADMIN], STATUS(true));
	shm_writer_set_i32(w, s->h[O_OPER], STATUS(false));
	shm_writer_set_u64(w, s->h[O_LASTCHANGE_BASE], now_ns / SHM_NS_PER_SEC);
	shm_writer_set_u64(w, s->h[O_LASTCHANGE_NS], now_ns);
	/* RFC 2863's default for an interface on top of no other:
	 * shmib-interface sends linkDown/linkUp for it. */
	shm_writer_set_i32(w, s->h[O_TRAP_ENABLE], TRUTH(true));
	shm_writer_set_i32(w, s->h[O_CONNECTOR], TRUTH(port->connector));
	shm_writer_set_u64(w, s->h[O_DISCONT_ABS], now_ns / SHM_NS_PER_SEC);
	shm_writer_set_u64(w, s->h[O_DISCONT_NS], now_ns);
}

struct ifseg *ifseg_create(const char *dir, const char *name,
			   const struct ifseg_port *port, uint64_t now_ns,
			   struct shmib_err *err)
{
	struct ifseg *s = calloc(1, sizeof(*s));

	if (!s) {
		shmib_fail(err, "%s/%s: out of memory", dir, name);
		return NULL;
	}
	s->w = shm_writer_new(dir, name, err);
	if (!s->w || add_objects(s, port, err) < 0)
		goto fail;
	set_port(s, port, now_ns);
	if (shm_writer_publish(s->w, IFSEG_MODE, err) < 0)
		goto fail;
	return s;
fail:
	ifseg_destroy(s, false);
	return NULL;
}

bool ifseg_set_link(struct ifseg *s, bool up, uint32_t speed_mbps, uint64_t now_ns)
{
	uint64_t bps = (uint64_t)speed_mbps * 1000000;
	bool changed = up != s->up;

	/* RFC 2863: ifSpeed saturates, ifHighSpeed carries the rest. */
	shm_writer_set_u32(s->w, s->h[O_SPEED], bps > UINT32_MAX ? UINT32_MAX : bps);
	shm_writer_set_u32(s->w, s->h[O_HIGHSPEED], speed_mbps);
	if (!changed)
		return false;
	s->up = up;
	/* Guarded: the update's end signals readers (shm.h). */
	shm_writer_begin(s->w);
	shm_writer_set_i32(s->w, s->h[O_OPER], STATUS(up));
	shm_writer_set_u32(s->w, s->h[O_LASTCHANGE], 0);
	shm_writer_set_u64(s->w, s->h[O_LASTCHANGE_BASE], now_ns / SHM_NS_PER_SEC);
	shm_writer_set_u64(s->w, s->h[O_LASTCHANGE_NS], now_ns);
	shm_writer_end(s->w);
	return true;
}

void ifseg_set_names(struct ifseg *s, const char *ifname, const char *alias)
{
	shm_writer_begin(s->w);
	shm_writer_set_str(s->w, s->h[O_NAME], ifname, strlen(ifname));
	shm_writer_set_str(s->w, s->h[O_ALIAS], alias, strlen(alias));
	shm_writer_end(s->w);
}

void ifseg_set_mode(struct ifseg *s, uint32_t mtu, bool promisc)
{
	shm_writer_set_i32(s->w, s->h[O_MTU], mtu);
	shm_writer_set_i32(s->w, s->h[O_PROMISC], TRUTH(promisc));
}

void ifseg_set_counters(struct ifseg *s, const struct if_counters *c)
{
	for (size_t i = 0; i < sizeof(counters) / sizeof(counters[0]); i++) {
		uint64_t *last = (uint64_t *)((char *)&s->last + counters[i].off);
		uint64_t v = *(const uint64_t *)((const char *)c + counters[i].off);

		if (v < *last)
			v = *last;
		*last = v;
		if (counters[i].hc != NO_OBJ)
			shm_writer_set_u64(s->w, s->h[counters[i].hc], v);
		shm_writer_set_u32(s->w, s->h[counters[i].lo], (uint32_t)v);
	}
}

int ifseg_republish(struct ifseg *s, struct shmib_err *err)
{
	return shm_writer_republish(s->w, err);
}

void ifseg_destroy(struct ifseg *s, bool unlink_files)
{
	struct shmib_err err;

	if (!s)
		return;
	if (s->w && unlink_files)
		shm_writer_unlink(s->w, &err);
	if (s->w)
		shm_writer_free(s->w);
	free(s);
}
