/*
 * Handlers of the pwTable and cpwVcTable columns that are no plain
 * segment object (pwUpTime, cpwVcUpTime), for every program that
 * serves those tables.  A cell's agent may be NULL.
 */
#ifndef SHMIB_PW_COLUMNS_H
#define SHMIB_PW_COLUMNS_H

#include "subagents/common/agent.h"

extern const struct agent_column pw_columns[];  /* each ends with { NULL } */
extern const struct agent_column cpw_columns[];

#endif
