/*
 * A capture's BPF filter, compiled as dpdk-dumpcap compiles its -f:
 * libpcap's compiler for Ethernet (pcap_compile), the classic program
 * converted to eBPF (rte_bpf_convert) and loaded by librte_bpf, run
 * JIT-compiled where the JIT exists, interpreted elsewhere.  The
 * program reads the mbuf itself, segments and all.
 */
#ifndef SHMIB_DP_CAPFILTER_H
#define SHMIB_DP_CAPFILTER_H

#include <stdint.h>

#include <rte_mbuf.h>

#include "shm/err.h"

struct rte_bpf;

struct capfilter {
	struct rte_bpf *bpf;            /* NULL: every frame */
	uint64_t (*jit)(void *mbuf);
};

/* Compiles EXPR ("" for none); -1 with WHY holding the compiler's
 * message.  Main lcore (libpcap's compiler is not thread safe). */
int capfilter_compile(struct capfilter *f, const char *expr, uint32_t snaplen,
		      struct shmib_err *why);

/* The frames of IN (N <= 64) that F accepts, in order, into OUT;
 * returns their number.  Any lcore. */
unsigned capfilter_select(const struct capfilter *f, struct rte_mbuf **in,
			  unsigned n, struct rte_mbuf **out);

void capfilter_free(struct capfilter *f);

#endif
