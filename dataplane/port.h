/*
 * Ports: one configured port bound to one DPDK ethdev.  port_attach()
 * finds the device (probed by EAL from --vdev/PCI scan, or probed here
 * from the config's device spec with rte_dev_probe), port_setup()
 * configures NQ rx and tx queues (RSS over them when NQ > 1) with the
 * configured MTU and promiscuous mode, and registers for link-state
 * interrupts when the device has them; port_close() stops, closes and
 * (if probed here) removes it, returning every mbuf to the pool.
 */
#ifndef SHMIB_DP_PORT_H
#define SHMIB_DP_PORT_H

#include <stdbool.h>
#include <stdint.h>

#include <rte_mempool.h>

#include "dataplane/config.h"

struct ifseg;

/* Device counters the PMD may offer as xstats. */
enum port_xstat { XS_RX_MCAST, XS_RX_BCAST, XS_TX_MCAST, XS_TX_BCAST, XS_N };

struct dp_port {
	const struct dp_port_conf *conf;
	unsigned idx;                   /* in dp_config.port */
	uint16_t id;                    /* ethdev port id */
	uint16_t nq;                    /* rx queues = tx queues */
	uint16_t max_q;
	int socket;
	bool probed;                    /* by us: removed at close */
	bool lsc;                       /* link-state interrupts */
	bool started;
	int link_event;                 /* set by the LSC callback */
	char kif[16];                   /* kernel interface under it (IFNAMSIZ) */
	int kif_state;                  /* its link: 1 up, 0 down, -1 no kif */
	bool has_xstat[XS_N];
	uint64_t xstat_id[XS_N];
	struct ifseg *seg;
};

/* Finds or probes the device of C (errors name FILE and C's line). */
int port_attach(struct dp_port *p, const struct dp_port_conf *c, unsigned idx,
		const char *file);
int port_setup(struct dp_port *p, struct rte_mempool *pool);
int port_start(struct dp_port *p);
void port_close(struct dp_port *p);

/* The port of PORTS[N] named NAME in the configuration, or whose
 * ifDescr is NAME; NULL when none. */
struct dp_port *port_find(struct dp_port *ports, unsigned n, const char *name);

/* Takes and clears the LSC flag. */
bool port_link_event(struct dp_port *p);

/* Mbufs the rings of P can hold, and that each lcore can keep in its
 * pool cache and bursts: the pool must have their sum. */
unsigned port_mbufs(const struct dp_port *p);
unsigned port_mbufs_lcore(void);

/* The mbuf pool of SOCKET, created on first use with N mbufs (N 0:
 * only one that exists, else NULL). */
struct rte_mempool *port_pool(int socket, unsigned n);

#endif
