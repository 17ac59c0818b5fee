/*
 * The agent_source of the kernel's interfaces (see kernel.h): the
 * segments of kernif.c, the events socket on the agent's loop, and the
 * segments of interfaces that went, kept until the core has an index
 * without them.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <linux/rtnetlink.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include "subagents/interface/kernel.h"
#include "subagents/common/uptime.h"

#define RECV_BUF 65536

/* Segments dropped: LEFT since the last rebuild, CLOSING once handed
 * to the core (which closes them when the new index is in force). */
struct segvec {
	struct shm_seg **v;
	size_t n, cap;
};

/* One agent's kernel interfaces: its source state (agent_source_state). */
struct kernel {
	bool off;
	struct agent *a;
	struct mnl_socket *events;
	struct kernifs ifs;
	struct segvec in_force, left, closing;
};

/* The agent's state, made at the first use; NULL when out of memory. */
static struct kernel *kernel_of(struct agent *a)
{
	struct kernel **slot = (struct kernel **)agent_source_state(a);

	if (!*slot && (*slot = calloc(1, sizeof **slot)))
		**slot = (struct kernel){ .a = a, .ifs.ioctl_fd = -1 };
	return *slot;
}

/* The state when there is one (the option, or a start, made it). */
static struct kernel *kernel_in(struct agent *a)
{
	return *agent_source_state(a);
}

int kernel_option(struct agent *a, const char *arg)
{
	struct kernel *k = kernel_of(a);
	bool on;

	if (!k || kernifs_option(arg, &on))
		return -1;
	k->off = !on;
	return 0;
}

const struct kernifs *kernel_ifs(struct agent *a)
{
	const struct kernel *k = kernel_in(a);

	return k && !k->off ? &k->ifs : NULL;
}

static int segvec_add(struct segvec *s, struct shm_seg *seg)
{
	if (s->n == s->cap) {
		struct shm_seg **v = reallocarray(s->v, s->cap = s->cap ? 2 * s->cap : 16, sizeof *v);

		if (!v)
			return -1;
		s->v = v;
	}
	s->v[s->n++] = seg;
	return 0;
}

static void segvec_close(struct segvec *s)
{
	for (size_t i = 0; i < s->n; i++)
		shm_seg_close(s->v[i]);
	s->n = 0;
}

/* ---- The hooks of kernif.c ----------------------------------------- */

static void rows_changed(void *arg)
{
	agent_rebuild_soon(((struct kernel *)arg)->a);
}

static void dropped(void *arg, struct shm_seg *seg)
{
	struct kernel *k = arg;

	if (segvec_add(&k->left, seg))
		agent_log(LOG_ERR, "kernel interface %s: out of memory (its pages stay mapped)",
			  shm_seg_name(seg));
}

static void oper_changed(void *arg, struct shm_seg **seg)
{
	agent_segs_signalled(((struct kernel *)arg)->a, seg, 1);
}

static void on_event(int fd, void *arg)
{
	struct kernel *k = arg;
	char buf[RECV_BUF];
	ssize_t n = mnl_socket_recvfrom(k->events, buf, sizeof buf);

	(void)fd;
	if (n < 0 && errno == ENOBUFS) {        /* events lost: take stock */
		kernifs_dump(&k->ifs);
		return;
	}
	if (n > 0)
		mnl_cb_run(buf, n, 0, 0, kernifs_on_link, &k->ifs);
}

static int kernel_start(struct agent *a)
{
	struct kernel *k = kernel_of(a);
	const struct kernifs_hooks hooks = {
		.log = agent_log, .rows_changed = rows_changed, .dropped = dropped,
		.oper_changed = oper_changed, .arg = k,
	};

	if (!k)
		return -1;
	if (k->off)
		return 0;
	k->events = mnl_socket_open(NETLINK_ROUTE);
	if (!k->events || mnl_socket_bind(k->events, RTMGRP_LINK, MNL_SOCKET_AUTOPID) < 0) {
		snmp_log(LOG_ERR, "kernel interfaces: rtnetlink: %s\n", strerror(errno));
		return -1;
	}
	if (kernifs_open(&k->ifs, &hooks))
		return -1;
	register_readfd(mnl_socket_get_fd(k->events), on_event, k);
	snmp_log(LOG_INFO, "kernel interfaces: %zu, from rtnetlink\n", k->ifs.n);
	return 0;
}

static struct shm_seg *const *kernel_segs(struct agent *a, size_t *n,
					  struct shm_seg *const **dead, size_t *ndead)
{
	struct kernel *k = kernel_in(a);
	struct segvec swap;

	if (!k) {               /* off and never asked: no interface */
		*n = *ndead = 0;
		*dead = NULL;
		return NULL;
	}
	swap = k->closing;
	k->in_force.n = 0;
	for (size_t i = 0; i < k->ifs.n; i++)
		if (segvec_add(&k->in_force, k->ifs.v[i].seg))
			break;
	*n = k->in_force.n;
	k->closing = k->left;             /* the core's to close now */
	k->left = swap;
	k->left.n = 0;
	*dead = k->closing.v;
	*ndead = k->closing.n;
	return k->in_force.v;
}

static void kernel_refresh(struct agent *a)
{
	struct kernel *k = kernel_in(a);

	if (k && k->ifs.started && uptime_now_cs() - k->ifs.dumped_cs >= KERNEL_STATS_AGE_CS)
		kernifs_dump(&k->ifs);
}

static void kernel_stop(struct agent *a)
{
	struct kernel *k = kernel_in(a);

	if (!k)
		return;
	if (k->events && k->ifs.started)
		unregister_readfd(mnl_socket_get_fd(k->events));
	kernifs_close(&k->ifs);
	segvec_close(&k->left);         /* CLOSING: the core closes them */
	free(k->left.v);
	free(k->closing.v);
	free(k->in_force.v);
	if (k->events)
		mnl_socket_close(k->events);
	free(k);
	*agent_source_state(a) = NULL;
}

const struct agent_source kernel_source = {
	.start = kernel_start,
	.segs = kernel_segs,
	.refresh = kernel_refresh,
	.stop = kernel_stop,
};
