/* SMI type to segment storage type (see mibtype.h). */
#include "tools/mibtype.h"

static const struct {
	bool stored;
	enum shm_type shm;
} storage[] = {
	[MIB_INTEGER32]  = { true, SHM_INTEGER32 },
	[MIB_UNSIGNED32] = { true, SHM_UNSIGNED32 },
	[MIB_COUNTER32]  = { true, SHM_COUNTER32 },
	[MIB_COUNTER64]  = { true, SHM_COUNTER64 },
	[MIB_GAUGE32]    = { true, SHM_GAUGE32 },
	[MIB_TIMETICKS]  = { true, SHM_TIMETICKS },
	[MIB_OCTETSTR]   = { true, SHM_OCTETSTR },
	[MIB_BITS]       = { true, SHM_BITS },
	[MIB_OBJECTID]   = { false, SHM_RAW },
};

bool mibtype_storage(enum mib_type type, enum shm_type *out)
{
	if ((unsigned)type >= sizeof(storage) / sizeof(storage[0]) ||
	    !storage[type].stored)
		return false;
	*out = storage[type].shm;
	return true;
}
