/*
 * The kernel's link messages (rtnetlink, by libmnl), read one way by
 * both readers of kernel links: the interface agent's kernel
 * interfaces (subagents/interface/kernel.c) and the dataplane's ports
 * on kernel interfaces (dataplane/kernlink.c).  It sits in the segment
 * library only because that is the library both link; it knows
 * nothing of segments.
 */
#ifndef SHMIB_RTNL_H
#define SHMIB_RTNL_H

#include <stdbool.h>
#include <linux/rtnetlink.h>
#include <libmnl/libmnl.h>

/* One link message: RTM_NEWLINK or RTM_DELLINK, its header and its
 * attributes by type (NULL: absent); IFLA_IFNAME is always there. */
struct rtnl_link {
	int type;
	const struct ifinfomsg *ifi;
	const struct nlattr *tb[IFLA_MAX + 1];
};

/* Reads NLH into L; false for what is not a link's own message: other
 * types, other families (a bridge port's AF_BRIDGE messages are about
 * the port), malformed attributes, no name. */
bool rtnl_link_parse(const struct nlmsghdr *nlh, struct rtnl_link *l);

/* Asks NL (bound, blocking) for every link and runs CB(message, ARG)
 * on each until the dump ends; *SEQ is the request's sequence number,
 * incremented.  0, or -1 with errno set. */
int rtnl_link_dump(struct mnl_socket *nl, unsigned *seq, mnl_cb_t cb, void *arg);

#endif
