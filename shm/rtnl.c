/* Link messages of rtnetlink (see rtnl.h). */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#include "shm/rtnl.h"

#define DUMP_BUF 65536          /* a dump's datagrams reach 32 kB */

static int attr_cb(const struct nlattr *attr, void *data)
{
	const struct nlattr **tb = data;

	if (mnl_attr_type_valid(attr, IFLA_MAX) >= 0)
		tb[mnl_attr_get_type(attr)] = attr;
	return MNL_CB_OK;
}

bool rtnl_link_parse(const struct nlmsghdr *nlh, struct rtnl_link *l)
{
	memset(l, 0, sizeof *l);
	if ((nlh->nlmsg_type != RTM_NEWLINK && nlh->nlmsg_type != RTM_DELLINK) ||
	    mnl_nlmsg_get_payload_len(nlh) < sizeof *l->ifi)
		return false;
	l->type = nlh->nlmsg_type;
	l->ifi = mnl_nlmsg_get_payload(nlh);
	return l->ifi->ifi_family == AF_UNSPEC &&
	       mnl_attr_parse(nlh, sizeof *l->ifi, attr_cb, l->tb) >= 0 && l->tb[IFLA_IFNAME];
}

int rtnl_link_dump(struct mnl_socket *nl, unsigned *seq, mnl_cb_t cb, void *arg)
{
	char buf[DUMP_BUF];
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct ifinfomsg *ifi;
	unsigned portid = mnl_socket_get_portid(nl);
	int rc;

	nlh->nlmsg_type = RTM_GETLINK;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	nlh->nlmsg_seq = ++*seq;
	ifi = mnl_nlmsg_put_extra_header(nlh, sizeof *ifi);
	ifi->ifi_family = AF_UNSPEC;
	if (mnl_socket_sendto(nl, nlh, nlh->nlmsg_len) < 0)
		return -1;
	do {
		ssize_t n = mnl_socket_recvfrom(nl, buf, sizeof buf);

		if (n < 0)
			return -1;
		rc = mnl_cb_run(buf, n, *seq, portid, cb, arg);
	} while (rc > MNL_CB_STOP);
	return rc < 0 ? -1 : 0;
}
