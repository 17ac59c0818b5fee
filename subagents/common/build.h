/*
 * Building an instance index (index.h) from the open segments with
 * the agent's table definitions (see build.c).
 */
#ifndef SHMIB_BUILD_H
#define SHMIB_BUILD_H

#include "subagents/common/core.h"

/* A new index of the segments in S and the NEXTRA of EXTRA (an
 * agent_source's), built in steps: begin (NULL when out of memory),
 * steps until one returns 1 (-1: out of memory, then abort), finish
 * gives the index.  Begin copies what it needs of S and EXTRA; the
 * segments must stay open until the index is freed. */
struct ibuild;
struct ibuild *ibuild_begin(struct agent *a, const struct segset *s,
			    struct shm_seg *const *extra, size_t nextra);
int ibuild_step(struct agent *a, struct ibuild *b, struct budget *bud);
struct index *ibuild_finish(struct ibuild *b);
void ibuild_abort(struct agent *a, struct ibuild *b);   /* NULL: nothing */

/* An index without rows, as a build of no segment gives (NULL when
 * out of memory). */
struct index *index_empty(const struct tables *tabs);
void index_free(struct index *x, size_t ntables);

/* Test hook: while the file SHMIB_FAIL_BUILDS names (in the
 * environment) exists, every index begun fails as out of memory
 * would. */
#define BUILD_FAULT_ENV "SHMIB_FAIL_BUILDS"

/* Whether two versions of a table have different entries (indices, or
 * the segments at them by name). */
bool rows_differ(const struct rows *a, const struct rows *b, unsigned nindex);

#endif
