/*
 * How the tools store each SMI type of the object catalogue in a
 * segment: the catalogue's enum mib_type mapped onto enum shm_type.
 */
#ifndef SHMIB_TOOLS_MIBTYPE_H
#define SHMIB_TOOLS_MIBTYPE_H

#include <stdbool.h>

#include "mibs/catalogue.h"
#include "shm/shm.h"

/* False for types that are never stored (ObjectId). */
bool mibtype_storage(enum mib_type type, enum shm_type *out);

#endif
