/*
 * The ifindex map: which ifIndex an interface gets, by its ifDescr.
 *
 * Format: one "<ifDescr> <ifIndex>" a line, separated by blanks; "#"
 * starts a comment; blank lines are allowed.  ifDescr is the full PCI
 * address (0000:01:00.0) or the DPDK device name.  A file with a bad
 * line, a duplicate ifDescr, a duplicate ifIndex or an ifIndex out of
 * 1..2147483647 is rejected as a whole, with "FILE:LINE: why".
 */
#ifndef SHMIB_IFMAP_H
#define SHMIB_IFMAP_H

#include <stddef.h>
#include <stdint.h>

#include "shm/err.h"

struct ifmap;

/* An empty map. */
struct ifmap *ifmap_new(void);

/* Parses TEXT (LEN bytes) named FILE in messages; NULL with ERR set
 * on bad input. */
struct ifmap *ifmap_parse(const char *file, const char *text, size_t len,
			  struct shmib_err *err);

/* Reads and parses FILE. */
struct ifmap *ifmap_load(const char *file, struct shmib_err *err);

/* The ifIndex of DESCR (LEN bytes), 0 when not in the map. */
uint32_t ifmap_lookup(const struct ifmap *m, const char *descr, size_t len);

/* The line of DESCR in the map's file, 0 when not in the map. */
unsigned ifmap_line(const struct ifmap *m, const char *descr, size_t len);

/* The ifIndex of entry I (0..count-1) and its line in *LINE. */
uint32_t ifmap_at(const struct ifmap *m, size_t i, unsigned *line);

size_t ifmap_count(const struct ifmap *m);
void ifmap_free(struct ifmap *m);

#endif
