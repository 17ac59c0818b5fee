/*
 * The names the pseudowire agent serves and their indices: the VPLS
 * and pseudowire id files in force (re-read when they change) and the
 * persistent allocator (indexstate.h) behind pwIndex and vplsIndex.
 *
 * Every name listed in an id file gets its index when the file is
 * read, in file order, so the indices of a fresh start follow the
 * operator's lists and the state file is written once per change of a
 * list, not once per segment.
 */
#ifndef SHMIB_PW_NAMES_H
#define SHMIB_PW_NAMES_H

#include <stdbool.h>
#include <stdint.h>

#include "subagents/common/agent.h"
#include "subagents/pseudowire/indexstate.h"

/* Opens the state file (a corrupt one is logged and rebuilt) and
 * watches both id files.  -1 (logged) when memory runs out. */
int names_init(struct agent *a, const char *state_file,
	       const char *vpls_ids, const char *pseudowire_ids);

/* The index of NAME if it is listed in the id file of KIND and its
 * allocation is saved in the state file, else 0. */
uint32_t names_index(enum idx_kind kind, const char *name);

/* Whether NAME is listed and has an index that is not saved yet (its
 * rows are withheld; the failed save was logged). */
bool names_withheld(enum idx_kind kind, const char *name);

/* The state file, for messages. */
const char *names_state_file(void);

/* Whether NAME is listed in either id file (the segment filter). */
bool names_listed(struct agent *a, const char *name);

/* The index the next new name of KIND will get (0: none left). */
uint32_t names_next(enum idx_kind kind);

/* The id file of KIND, for messages. */
const char *names_file(enum idx_kind kind);

void names_free(void);

#endif
