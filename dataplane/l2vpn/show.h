/*
 * The L2VPN's state as telemetry data (rte_telemetry), built on the
 * worker that owns it, at its quiescent point (lcall.h): lists of
 * pseudowires and VPLS instances, one of each in detail, a page of a
 * MAC table.  Any thread may call; the call waits for the worker.
 */
#ifndef SHMIB_L2VPN_SHOW_H
#define SHMIB_L2VPN_SHOW_H

#include <rte_telemetry.h>

#define SHOW_MACS_PAGE 256      /* MAC entries a reply at most */

enum l2vpn_show {
	SHOW_PW_LIST,
	SHOW_PW,                /* ARG: its name */
	SHOW_FILTER,            /* ARG: a pseudowire: its capture filter */
	SHOW_VPLS_LIST,
	SHOW_VPLS,              /* ARG: its name */
	SHOW_MACS,              /* ARG: the VPLS; START: the first entry */
	SHOW_N,
};

/* Fills D; -1 when ARG names nothing or the worker did not answer. */
int l2vpn_show(enum l2vpn_show what, const char *arg, unsigned start,
	       struct rte_tel_data *d);

/* The BPF expression (pcap-filter(7)) selecting the data frames of
 * pseudowire I of the state in force on its uplink, both directions,
 * into BUF of LEN bytes. */
struct l2vpn;
void l2vpn_capture_filter(const struct l2vpn *s, unsigned i, char *buf, size_t len);

#endif
