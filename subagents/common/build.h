/*
 * Building an instance index (index.h) from the open segments with
 * the agent's table definitions (see build.c).
 */
#ifndef SHMIB_BUILD_H
#define SHMIB_BUILD_H

#include "subagents/common/core.h"

/* A new index of the segments in S and the NEXTRA of EXTRA (an
 * agent_source's); NULL when out of memory. */
struct index *index_build(struct agent *a, const struct segset *s,
			  struct shm_seg *const *extra, size_t nextra);
void index_free(struct index *x, size_t ntables);

/* Whether two versions of a table have different sets of rows. */
bool rows_differ(const struct rows *a, const struct rows *b, unsigned nindex);

#endif
