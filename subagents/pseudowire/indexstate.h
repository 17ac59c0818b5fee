/*
 * The index allocator of the pseudowire agent: pwIndex (= cpwVcIndex)
 * per pseudowire name and vplsIndex per VPLS name.  An index is given
 * to a name once and never to another name: the next index of a kind is
 * one more than the highest it ever allocated (0 once 4294967295 is
 * taken, which is what pwIndexNext and vplsConfigIndexNext then say).
 *
 * The allocations are kept in a state file so that a restart of the
 * agent or of the dataplane gives every name its old index.  Format,
 * one allocation a line, '#' comments:
 *
 *     pw 1 pw1_1
 *     vpls 1 vpls1
 *
 * (kind, index 1..4294967295, name by the segment name rules).  The
 * file is rewritten whole, atomically (temporary file, fsync, rename),
 * by indexstate_save() after allocations.  An allocation is durable
 * once a save succeeded: until then a restart could give its index to
 * another name, so nothing may be served with it (indexstate_saved).  A corrupt file is never
 * fatal: bad lines, and lines repeating a name or an index already
 * seen, are dropped with a message naming the first one by file:line,
 * the good lines are kept and the file is written anew at the next
 * save.
 */
#ifndef SHMIB_PW_INDEXSTATE_H
#define SHMIB_PW_INDEXSTATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "shm/err.h"

enum idx_kind { IDX_PW, IDX_VPLS, IDX_KINDS };

struct indexstate;

/* An empty allocator kept in PATH (NULL when out of memory). */
struct indexstate *indexstate_new(const char *path);
void indexstate_free(struct indexstate *st);

/* Reads the state file: what it holds replaces every allocation in
 * memory.  0 when it was read whole or does not exist (nothing
 * changes); -1 with ERR when it had bad lines (what could be used is
 * in force, and the file will be rewritten) or could not be read (e.g.
 * EACCES: nothing changes, and the file is never written over until a
 * later load reads it). */
int indexstate_load(struct indexstate *st, struct shmib_err *err);

/* The index of NAME, allocated now if it has none (then the state is
 * unsaved); 0 when no index is left or memory ran out. */
uint32_t indexstate_get(struct indexstate *st, enum idx_kind kind,
			const char *name);

/* The index of NAME if its allocation is in the file (a row may be
 * served with it), else 0.  O(log n). */
uint32_t indexstate_saved(const struct indexstate *st, enum idx_kind kind,
			  const char *name);

/* How many allocations are not in the file yet. */
size_t indexstate_unsaved(const struct indexstate *st);

/* The index of NAME, or 0 if it has none.  O(log n). */
uint32_t indexstate_find(const struct indexstate *st, enum idx_kind kind,
			 const char *name);

/* The index the next new name will get; 0 if none is left. */
uint32_t indexstate_next(const struct indexstate *st, enum idx_kind kind);

/* Whether the last load could not read the file (see indexstate_load). */
bool indexstate_unreadable(const struct indexstate *st);

/* The state file. */
const char *indexstate_path(const struct indexstate *st);

/* True when allocations are not yet in the file. */
bool indexstate_dirty(const struct indexstate *st);

/* Writes the file if dirty.  -1 with ERR on failure (the state stays
 * dirty, so the next save tries again). */
int indexstate_save(struct indexstate *st, struct shmib_err *err);

#endif
