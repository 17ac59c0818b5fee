/*
 * A capture request as the telemetry command /shmib/capture_start takes
 * it: one string, so that dpdk-telemetry.py can send it as typed:
 *
 *   PORT FILE [dir=rx|tx|both] [count=N] [snaplen=N] [filter=EXPR]
 *
 * PORT a port's name or ifDescr; FILE a file name (no '/') inside the
 * configuration's capture_dir; dir both by default; count the frames
 * after which the capture stops (0, the default: none); snaplen the
 * bytes kept of each frame (default 262144, as dumpcap's); filter= a
 * pcap-filter expression (tcpdump, dpdk-dumpcap -f), last: it takes
 * the rest of the line, spaces and all.  No DPDK here.
 */
#ifndef SHMIB_DP_CAPREQ_H
#define SHMIB_DP_CAPREQ_H

#include <limits.h>
#include <stdint.h>

#include "dataplane/config.h"
#include "shm/err.h"

#define CAPREQ_FILTER_MAX 1024          /* the telemetry socket's line */
#define CAPREQ_SNAPLEN_MAX 262144
#define CAPREQ_USAGE "PORT FILE [dir=rx|tx|both] [count=N] [snaplen=N] [filter=EXPR]"

enum capreq_dir { CAPREQ_RX = 1, CAPREQ_TX = 2, CAPREQ_BOTH = 3 };

struct capreq {
	char port[DP_VALUE_MAX];
	char file[128];                 /* fits a telemetry string */
	enum capreq_dir dir;
	uint64_t count;                 /* 0: no limit */
	uint32_t snaplen;
	char filter[CAPREQ_FILTER_MAX]; /* "" keeps every frame */
};

/* Parses S into R; -1 with WHY saying what is wrong with S. */
int capreq_parse(const char *s, struct capreq *r, struct shmib_err *why);

/* "rx", "tx" or "both". */
const char *capreq_dir_name(enum capreq_dir d);

#endif
