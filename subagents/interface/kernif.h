/*
 * The kernel's network interfaces of this namespace as memory segments
 * (shm.h), for every program that serves them in IF-MIB: the interface
 * agent (kernel.c, an agent_source) and shmib-exporter.  No SNMP
 * library: what the owner does about a change it learns from hooks.
 *
 * Each interface is a segment of the interface profile less group
 * conf (mibs/profiles.txt) holding the values snmpd's own IF-MIB
 * (net-snmp 5.9, if-mib/data_access/interface_linux.c) gives for it;
 * its row is the kernel's ifindex.  A dump (rtnetlink by libmnl)
 * rewrites every value, counters included, and drops the interfaces it
 * did not report; the owner may also feed RTM_NEWLINK/RTM_DELLINK
 * events (kernifs_on_link).  ifSpeed comes by the ethtool ioctl, as
 * net-snmp reads it.  ifLastChange is stamped when a message shows
 * another ifOperStatus, or an interface that appeared after the first
 * dump; those there at the first dump keep 0.
 */
#ifndef SHMIB_KERNIF_H
#define SHMIB_KERNIF_H

#include <stdbool.h>
#include <stdint.h>
#include <libmnl/libmnl.h>

#include "shm/profile.h"
#include "subagents/common/ifmap.h"
#include "subagents/common/scan.h"

#define KERNIF_NAME_MAX 16      /* IFNAMSIZ */

/* The note of a map entry whose index a kernel interface took after
 * the map was accepted: map file, line, ifIndex, ifDescr, the kernel
 * interface's name, the segment.  Its row is withheld. */
#define KERNIF_TAKEN_NOTE "%s:%u: ifIndex %u of '%s' is now the kernel interface %s's: " \
	"segment %s not served until that line gives another index"

struct kernif {
	uint32_t ifindex;
	char name[KERNIF_NAME_MAX + 1];
	struct shm_pseg s;
	struct shm_seg *seg;
	int32_t oper;           /* -1 until the first message */
	unsigned gen;           /* of the last dump that reported it */
};

/* What the owner fills in before kernifs_open; LOG is required (one
 * line without newline, as scan.h's), the others may be NULL. */
struct kernifs_hooks {
	segset_log_fn log;
	void (*rows_changed)(void *arg);        /* an interface came or went */
	/* SEG of an interface that went is the owner's to close (closed
	 * at once without this hook). */
	void (*dropped)(void *arg, struct shm_seg *seg);
	void (*oper_changed)(void *arg, struct shm_seg **seg);
	void *arg;
};

struct kernifs {
	struct kernifs_hooks hooks;
	struct mnl_socket *query;
	int ioctl_fd;
	unsigned seq, gen;
	struct kernif *v;       /* sorted by ifindex */
	size_t n, cap;
	int64_t dumped_cs;      /* uptime_now_cs of the last dump */
	bool started;           /* the first dump is done */
};

/* --kernel-interfaces ARG: yes|true|1|on or no|false|0|off into *ON;
 * -1 if ARG is neither. */
int kernifs_option(const char *arg, bool *on);

/* Opens the sockets and makes the first dump; 0, or -1 logged (then
 * kernifs_close). */
int kernifs_open(struct kernifs *k, const struct kernifs_hooks *hooks);

/* A dump of every link; -1 (logged) if it failed. */
int kernifs_dump(struct kernifs *k);

/* Takes one rtnetlink link message (an mnl_cb_t, ARG the kernifs). */
int kernifs_on_link(const struct nlmsghdr *nlh, void *arg);

/* The interface IFINDEX, NULL if there is none. */
const struct kernif *kernifs_find(const struct kernifs *k, uint32_t ifindex);

/* The kernel ifindex of SEG if it is one of K's, else 0. */
uint32_t kernifs_ifindex_of(const struct kernifs *k, const struct shm_seg *seg);

/* Whether map M (read from FILE) leaves the kernel interfaces' indices
 * alone: 0, or -1 with ERR naming FILE:LINE. */
int kernifs_check_ifmap(const struct kernifs *k, const struct ifmap *m,
			const char *file, struct shmib_err *err);

/* Closes every segment and socket; K is zeroed but for its hooks. */
void kernifs_close(struct kernifs *k);

#endif
