/*
 * The tables, scalars and subtrees of shmib-pseudowire (tables.c), for
 * its struct agent_def.
 */
#ifndef SHMIB_PW_TABLES_H
#define SHMIB_PW_TABLES_H

#include "subagents/common/agent.h"

extern const struct agent_table pw_tables[];
extern const struct agent_scalar pw_scalars[];
extern const struct agent_subtree pw_subtrees[];

#endif
