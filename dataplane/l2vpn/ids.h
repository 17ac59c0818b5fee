/*
 * The vpls-ids and pseudowire-ids files: one segment name a line, the
 * segments of this run, so the pseudowire subagent ignores leftovers.
 * Written atomically (temporary file, then rename).  At start, the
 * segments the previous run listed are removed first.
 */
#ifndef SHMIB_L2VPN_IDS_H
#define SHMIB_L2VPN_IDS_H

#include <stddef.h>

#include "shm/shm.h"

/* Removes DIR/NAME and DIR/NAME.index for every NAME listed in FILE
 * (a missing FILE lists nothing).  Returns how many names it read. */
int ids_remove_listed(const char *file, const char *dir);

/* Writes the N NAMES (each STRIDE bytes apart) to FILE. */
int ids_write(const char *file, const char *names, size_t stride, size_t n,
	      struct shmib_err *err);

#endif
