/*
 * Line numbers for rte_cfgfile.  rte_cfgfile parses INI files but
 * reports no line numbers and silently drops lines it cannot read
 * (a line without '=').  cfglines_scan() reads the same file first,
 * with the same rules ('#' starts a comment, "[section]" headers,
 * "key = value" entries), rejects every line rte_cfgfile would drop or
 * refuse, naming file and line, and records the line of every section
 * and entry in file order, which is the order rte_cfgfile keeps them in.
 * The file must be a regular file of at most CFG_FILE_MAX bytes (not a
 * FIFO, a device or a directory) whose lines, comments included, fit
 * rte_cfgfile's line buffer (CFG_LINE_MAX bytes before the newline).
 */
#ifndef SHMIB_DP_CFGLINES_H
#define SHMIB_DP_CFGLINES_H

#include <rte_cfgfile.h>

#include "shm/err.h"

#define CFG_COMMENT       '#'
#define CFG_FILE_MAX      (1 << 20)
/* rte_cfgfile reads lines with fgets into CFG_NAME_LEN + CFG_VALUE_LEN
 * + 4 bytes and refuses a read that ends without the newline. */
#define CFG_LINE_MAX      (CFG_NAME_LEN + CFG_VALUE_LEN + 2)
#define CFG_SECTIONS_MAX  128
#define CFG_ENTRIES_MAX   1024

struct cfglines {
	unsigned nsections;
	unsigned nentries;
	unsigned section[CFG_SECTIONS_MAX];      /* line of header i */
	unsigned first[CFG_SECTIONS_MAX + 1];    /* first entry of section i */
	unsigned entry[CFG_ENTRIES_MAX];         /* line of entry k */
};

/* Returns 0, or -1 with ERR as "FILE:LINE: why". */
int cfglines_scan(const char *file, struct cfglines *l, struct shmib_err *err);

/* Line of entry J of section S (0 when out of range). */
unsigned cfglines_entry(const struct cfglines *l, unsigned s, unsigned j);

#endif
