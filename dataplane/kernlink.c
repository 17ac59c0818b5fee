/*
 * Kernel link state of ports (see kernlink.h).  Which device argument
 * names the kernel interface is per driver, in the table below.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <net/if.h>
#include <linux/rtnetlink.h>
#include <libmnl/libmnl.h>
#include <rte_kvargs.h>

#include "dataplane/kernlink.h"
#include "dataplane/log.h"
#include "dataplane/stats.h"
#include "shm/rtnl.h"

static const struct {
	const char *driver;     /* device name prefix */
	const char *key;        /* the argument naming the interface */
} under[] = {
	{ "net_af_packet", "iface" },
	{ "net_pcap", "iface" },
	{ "net_pcap", "rx_iface" },
	{ "net_tap", "iface" },
};

static struct {
	struct mnl_socket *nl;
	struct dp_port *ports;
	unsigned n;
	unsigned seq;
} kl;

/* The kernel interface under port P from its device arguments into
 * P->kif; false if it has none. */
static bool find_kif(struct dp_port *p)
{
	const char *dev = p->conf->device, *comma = strchr(dev, ',');
	struct rte_kvargs *kv;
	bool found = false;

	if (!comma)
		return false;
	kv = rte_kvargs_parse(comma + 1, NULL);
	for (size_t i = 0; kv && !found && i < sizeof under / sizeof under[0]; i++) {
		const char *v = strncmp(dev, under[i].driver, strlen(under[i].driver)) ? NULL :
				rte_kvargs_get(kv, under[i].key);

		if (v && strlen(v) < sizeof p->kif) {
			strcpy(p->kif, v);
			found = true;
		}
	}
	rte_kvargs_free(kv);
	return found;
}

static void set_state(struct dp_port *p, int state)
{
	if (p->kif_state == state)
		return;
	p->kif_state = state;
	if (p->seg)
		stats_link(p);
}

static int on_link(const struct nlmsghdr *nlh, void *arg)
{
	struct rtnl_link l;
	const char *name;

	(void)arg;
	if (!rtnl_link_parse(nlh, &l))
		return MNL_CB_OK;
	name = mnl_attr_get_str(l.tb[IFLA_IFNAME]);
	for (unsigned i = 0; i < kl.n; i++) {
		struct dp_port *p = &kl.ports[i];

		if (!p->kif[0] || strcmp(p->kif, name))
			continue;
		set_state(p, l.type == RTM_NEWLINK &&
			  (l.ifi->ifi_flags & IFF_UP) && (l.ifi->ifi_flags & IFF_RUNNING));
	}
	return MNL_CB_OK;
}

/* Every link now, before the events. */
static int dump(void)
{
	return rtnl_link_dump(kl.nl, &kl.seq, on_link, NULL);
}

int kernlink_start(struct dp_port *ports, unsigned n)
{
	unsigned on = 0;

	kl.ports = ports;
	kl.n = n;
	for (unsigned i = 0; i < n; i++) {
		ports[i].kif_state = -1;
		if (find_kif(&ports[i])) {
			ports[i].kif_state = 0;     /* until the dump finds it */
			on++;
		}
	}
	if (!on)
		return 0;
	kl.nl = mnl_socket_open(NETLINK_ROUTE);
	if (!kl.nl || mnl_socket_bind(kl.nl, RTMGRP_LINK, MNL_SOCKET_AUTOPID) < 0 || dump() ||
	    fcntl(mnl_socket_get_fd(kl.nl), F_SETFL, O_NONBLOCK) < 0) {
		dp_log(LOG_ERR, "rtnetlink, for the link state of ports on kernel interfaces: %s",
		       strerror(errno));
		return -1;
	}
	for (unsigned i = 0; i < n; i++)
		if (ports[i].kif[0])
			dp_log(LOG_INFO, "port %s: link state of kernel interface %s (%s)",
			       ports[i].conf->name, ports[i].kif,
			       ports[i].kif_state ? "up" : "down");
	return 0;
}

void kernlink_poll(void)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	ssize_t n;

	if (!kl.nl)
		return;
	while ((n = mnl_socket_recvfrom(kl.nl, buf, sizeof buf)) > 0)
		mnl_cb_run(buf, n, 0, 0, on_link, NULL);
	if (n < 0 && errno == ENOBUFS) {        /* events lost: take stock */
		fcntl(mnl_socket_get_fd(kl.nl), F_SETFL, 0);
		for (unsigned i = 0; i < kl.n; i++)
			if (kl.ports[i].kif[0])
				kl.ports[i].kif_state = 0;
		dump();
		fcntl(mnl_socket_get_fd(kl.nl), F_SETFL, O_NONBLOCK);
	}
}

bool kernlink_up(const struct dp_port *p, bool pmd_up)
{
	return p->kif_state < 0 ? pmd_up : p->kif_state == 1;
}

void kernlink_stop(void)
{
	if (kl.nl)
		mnl_socket_close(kl.nl);
	kl.nl = NULL;
}
