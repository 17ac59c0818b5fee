/*
 * Id files (--vpls-ids, --pseudowire-ids): the names of the VPLS and
 * pseudowire segments that belong to running instances.  Segments not
 * listed are leftovers of earlier runs and are not served.
 *
 * Format: one name a line; everything from '#' to the end of the line
 * is a comment; blank lines are allowed.  A name follows the segment
 * name rules of shm (1..255 bytes of printable ASCII other than ':',
 * '/').  A line with more than one word, a bad name or a name listed
 * twice makes the whole file invalid ("FILE:LINE: ..."); the caller
 * keeps the list it had.
 */
#ifndef SHMIB_PW_IDFILE_H
#define SHMIB_PW_IDFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "shm/err.h"

struct idlist {
	char **names;           /* in file order */
	char **sorted;          /* the same names, sorted, for lookups */
	size_t n;
};

/* Parses PATH into *LIST (which is overwritten, not freed).  0 on
 * success; -1 with ERR naming the file (and line) otherwise, LIST
 * untouched. */
int idfile_load(const char *path, struct idlist *list, struct shmib_err *err);

/* Parses TEXT of LEN bytes; FILE names it in messages. */
int idfile_parse(const char *file, const char *text, size_t len,
		 struct idlist *list, struct shmib_err *err);

/* Is NAME listed?  O(log n). */
bool idlist_has(const struct idlist *list, const char *name);

void idlist_free(struct idlist *list);

#endif
