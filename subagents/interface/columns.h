/*
 * Handlers of the ifTable columns that are no plain segment object
 * (ifIndex, ifSpecific, ifOutQLen, the NUcast counters), for every
 * program that serves ifTable.  A cell's agent may be NULL.
 */
#ifndef SHMIB_IF_COLUMNS_H
#define SHMIB_IF_COLUMNS_H

#include "subagents/common/agent.h"

extern const struct agent_column if_columns[];  /* ends with { NULL } */

#endif
