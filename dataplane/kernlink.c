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

static int attr_cb(const struct nlattr *attr, void *data)
{
	const struct nlattr **tb = data;

	if (mnl_attr_type_valid(attr, IFLA_MAX) >= 0)
		tb[mnl_attr_get_type(attr)] = attr;
	return MNL_CB_OK;
}

static int on_link(const struct nlmsghdr *nlh, void *arg)
{
	const struct ifinfomsg *ifi = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *tb[IFLA_MAX + 1] = { 0 };
	const char *name;

	(void)arg;
	if (ifi->ifi_family != AF_UNSPEC ||
	    mnl_attr_parse(nlh, sizeof *ifi, attr_cb, tb) < 0 || !tb[IFLA_IFNAME])
		return MNL_CB_OK;
	name = mnl_attr_get_str(tb[IFLA_IFNAME]);
	for (unsigned i = 0; i < kl.n; i++) {
		struct dp_port *p = &kl.ports[i];

		if (!p->kif[0] || strcmp(p->kif, name))
			continue;
		set_state(p, nlh->nlmsg_type == RTM_NEWLINK &&
			  (ifi->ifi_flags & IFF_UP) && (ifi->ifi_flags & IFF_RUNNING));
	}
	return MNL_CB_OK;
}

/* Every link now, before the events. */
static int dump(void)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct ifinfomsg *ifi;
	int rc;

	nlh->nlmsg_type = RTM_GETLINK;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	nlh->nlmsg_seq = ++kl.seq;
	ifi = mnl_nlmsg_put_extra_header(nlh, sizeof *ifi);
	ifi->ifi_family = AF_UNSPEC;
	if (mnl_socket_sendto(kl.nl, nlh, nlh->nlmsg_len) < 0)
		return -1;
	do {
		ssize_t n = mnl_socket_recvfrom(kl.nl, buf, sizeof buf);

		if (n < 0)
			return -1;
		rc = mnl_cb_run(buf, n, kl.seq, mnl_socket_get_portid(kl.nl), on_link, NULL);
	} while (rc > MNL_CB_STOP);
	return rc < 0 ? -1 : 0;
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
