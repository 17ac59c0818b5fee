/*
 * The file of a capture: pcapng written by librte_pcapng, created
 * inside the capture directory under a plain file name (never a path
 * from the request, never over an existing file), held under a size
 * cap, and closed with an interface statistics block.  Main lcore.
 */
#ifndef SHMIB_DP_CAPFILE_H
#define SHMIB_DP_CAPFILE_H

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>

#include <rte_mbuf.h>

#include "shm/err.h"

struct rte_pcapng;

struct capfile {
	struct rte_pcapng *png;
	char path[PATH_MAX];
	uint64_t bytes, max_bytes;      /* written so far (the file's size), cap */
};

/* Creates DIR/NAME (which must not exist) and writes the section and
 * interface blocks; -1 with WHY naming the directory or file. */
int capfile_open(struct capfile *f, const char *dir, const char *name,
		 uint64_t max_bytes, const char *comment, struct shmib_err *why);

/* Writes the frames of M (pcapng mbufs) that fit under the cap, in
 * order, and frees all N.  Returns how many were written, -1 with errno
 * on a write error; *FULL when the next frame did not fit. */
int capfile_write(struct capfile *f, struct rte_mbuf **m, unsigned n, bool *full);

/* Writes the statistics of ethdev PORT (frames seen, dropped) and
 * closes. */
void capfile_close(struct capfile *f, uint16_t port, uint64_t seen, uint64_t dropped);

#endif
