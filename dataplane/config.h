/*
 * The dataplane's configuration (layout in config.c): global settings
 * and one entry per port, checked completely before anything is
 * created.  No DPDK types here, so the parser is testable without EAL.
 */
#ifndef SHMIB_DP_CONFIG_H
#define SHMIB_DP_CONFIG_H

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>

#include "shm/err.h"

#define DP_PORTS_MAX       32
#define DP_NAME_MAX        64      /* rte_cfgfile's name limit */
#define DP_VALUE_MAX       256     /* rte_cfgfile's value limit */
#define DP_ALIAS_MAX       64      /* ifAlias SIZE(0..64) */
#define DP_NO_PORT         (-1)

#define DP_DEFAULT_SHMEM_DIR  "/var/lib/snabb/shmem"
#define DP_DEFAULT_PUBLISH_MS 1000
#define DP_DEFAULT_MBUFS      16383
#define DP_DEFAULT_MTU        1500
#define DP_DEFAULT_CAPTURE_DIR    "/var/lib/shmib/capture"
#define DP_DEFAULT_CAPTURE_MAX_MB 100

struct dp_port_conf {
	char name[DP_NAME_MAX];         /* from [port NAME] */
	char device[DP_VALUE_MAX];      /* probe spec: PCI address or vdev,args */
	char descr[DP_VALUE_MAX];       /* ifDescr: full PCI address or vdev name */
	bool pci;
	char ifname[DP_VALUE_MAX];      /* ifName, default NAME */
	char alias[DP_ALIAS_MAX + 1];   /* ifAlias */
	uint16_t mtu;
	char xconnect_name[DP_NAME_MAX];
	int xconnect;                   /* index in dp_config.port or DP_NO_PORT */
	bool l2vpn;                     /* an L2VPN uplink or AC */
	unsigned line;                  /* of the section header */
};

struct dp_config {
	char file[PATH_MAX];
	char shmem_dir[PATH_MAX];
	unsigned publish_ms;            /* 0: segments are never updated */
	unsigned mbufs;                 /* per socket with a port (setup.c) */
	char capture_dir[PATH_MAX];     /* where telemetry captures write */
	unsigned capture_max_mb;        /* a capture stops at this file size */
	unsigned nports;
	struct dp_port_conf port[DP_PORTS_MAX];
	struct l2vpn_conf *l2vpn;       /* L2VPN sections (l2vpn/conf.h) or NULL */
};

/* Loads and checks FILE into C.  On error returns -1 with ERR naming
 * the file, line, section and key. */
int dp_config_load(const char *file, struct dp_config *c, struct shmib_err *err);

#endif
