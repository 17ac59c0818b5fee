/*
 * Interface segment: see ifseg.h.  Its objects are the interface
 * profile (mibs/profiles.txt); this file computes their values, and
 * the counter table maps struct if_counters onto the profile's
 * counters (each a 64- and a 32-bit object, or a 32-bit one).
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "dataplane/ifseg.h"
#include "profiles.h"

#define IF_TYPE_ETHERNET 6      /* ethernetCsmacd */
#define MAC_LEN 6

#define CTR(field, key) { offsetof(struct if_counters, field), key }

static const struct {
	size_t off;
	int key;
} counters[] = {
	CTR(in_octets, IF_IN_OCTETS),
	CTR(in_ucast, IF_IN_UCAST),
	CTR(in_mcast, IF_IN_MCAST),
	CTR(in_bcast, IF_IN_BCAST),
	CTR(in_discards, IF_IN_DISCARDS),
	CTR(in_errors, IF_IN_ERRORS),
	CTR(out_octets, IF_OUT_OCTETS),
	CTR(out_ucast, IF_OUT_UCAST),
	CTR(out_mcast, IF_OUT_MCAST),
	CTR(out_bcast, IF_OUT_BCAST),
	CTR(out_discards, IF_OUT_DISCARDS),
	CTR(out_errors, IF_OUT_ERRORS),
};

struct ifseg {
	struct shm_pseg s;
	bool up;
	struct if_counters last;
};

static struct shm_pval str(const char *s)
{
	return (struct shm_pval){ .str = s, .len = strlen(s) };
}

struct ifseg *ifseg_create(const char *dir, const char *name,
			   const struct ifseg_port *port, uint64_t now_ns,
			   struct shmib_err *err)
{
	struct ifseg *s = calloc(1, sizeof(*s));
	uint64_t now = now_ns / SHM_NS_PER_SEC;
	const struct shm_pval v[IF_KEYS] = {
		[IF_DESCR] = str(port->descr),
		[IF_NAME] = str(port->ifname),
		[IF_ALIAS] = str(port->alias),
		[IF_MAC] = { .str = port->mac, .len = MAC_LEN },
		[IF_TYPE] = { IF_TYPE_ETHERNET },
		[IF_ADMIN] = { shm_status(true) },
		[IF_OPER] = { shm_status(false) },
		[IF_LAST_CHANGE_S] = { now },
		[IF_LAST_CHANGE_NS] = { now_ns },
		/* RFC 2863's default for an interface on top of no other:
		 * shmib-interface sends linkDown/linkUp for it. */
		[IF_TRAP_ENABLE] = { shm_truth(true) },
		[IF_CONNECTOR] = { shm_truth(port->connector) },
		[IF_DISCONT_S] = { now },
		[IF_DISCONT_NS] = { now_ns },
	};

	if (!s) {
		shmib_fail(err, "%s/%s: out of memory", dir, name);
		return NULL;
	}
	if (shm_pseg_create(&s->s, dir, name, &profile_if, 0, v, IFSEG_MODE, err) < 0) {
		free(s);
		return NULL;
	}
	return s;
}

bool ifseg_set_link(struct ifseg *s, bool up, uint32_t speed_mbps, uint64_t now_ns)
{
	uint64_t bps = (uint64_t)speed_mbps * 1000000;
	bool changed = up != s->up;

	/* RFC 2863: ifSpeed saturates, ifHighSpeed carries the rest. */
	shm_pseg_set_num(&s->s, IF_SPEED, bps > UINT32_MAX ? UINT32_MAX : bps);
	shm_pseg_set_num(&s->s, IF_HIGHSPEED, speed_mbps);
	if (!changed)
		return false;
	s->up = up;
	/* Guarded: the update's end signals readers (shm.h). */
	shm_writer_begin(s->s.w);
	shm_pseg_set_num(&s->s, IF_OPER, shm_status(up));
	shm_pseg_set_num(&s->s, IF_LAST_CHANGE_S, now_ns / SHM_NS_PER_SEC);
	shm_pseg_set_num(&s->s, IF_LAST_CHANGE_NS, now_ns);
	shm_writer_end(s->s.w);
	return true;
}

void ifseg_set_names(struct ifseg *s, const char *ifname, const char *alias)
{
	shm_writer_begin(s->s.w);
	shm_pseg_set_str(&s->s, IF_NAME, ifname);
	shm_pseg_set_str(&s->s, IF_ALIAS, alias);
	shm_writer_end(s->s.w);
}

void ifseg_set_mode(struct ifseg *s, uint32_t mtu, bool promisc)
{
	shm_pseg_set_num(&s->s, IF_MTU, mtu);
	shm_pseg_set_num(&s->s, IF_PROMISC, shm_truth(promisc));
}

void ifseg_set_counters(struct ifseg *s, const struct if_counters *c)
{
	for (size_t i = 0; i < sizeof(counters) / sizeof(counters[0]); i++) {
		uint64_t *last = (uint64_t *)((char *)&s->last + counters[i].off);
		uint64_t v = *(const uint64_t *)((const char *)c + counters[i].off);

		if (v < *last)
			v = *last;
		*last = v;
		shm_pseg_set_num(&s->s, counters[i].key, v);
	}
}

/* The widest object of KEY. */
static const char *counter_name(int key)
{
	const struct shm_pobj *best = NULL;

	for (size_t i = 0; i < profile_if.n; i++)
		if (profile_if.obj[i].key == key &&
		    (!best || profile_if.obj[i].type == SHM_COUNTER64))
			best = &profile_if.obj[i];
	return best->name;
}

void ifseg_each_counter(const struct if_counters *c,
			void (*fn)(void *ctx, const char *name, uint64_t v),
			void *ctx)
{
	for (size_t i = 0; i < sizeof(counters) / sizeof(counters[0]); i++)
		fn(ctx, counter_name(counters[i].key),
		   *(const uint64_t *)((const char *)c + counters[i].off));
}

int ifseg_republish(struct ifseg *s, struct shmib_err *err)
{
	return shm_writer_republish(s->s.w, err);
}

void ifseg_destroy(struct ifseg *s, bool unlink_files)
{
	if (!s)
		return;
	shm_pseg_free(&s->s, unlink_files);
	free(s);
}
