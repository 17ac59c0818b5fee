/*
 * Storage types: their names (the SMI types of mibs/catalogue.txt they
 * store, whose names the catalogue takes from here) and sizes in a
 * segment.  OctetStr and Bits are a uint16 length plus capacity bytes;
 * SHM_RAW objects are as long as the caller says.
 */
#include "shm/shm.h"

static const struct {
	const char *name;
	size_t size;            /* 0: depends on maxlen */
} types[] = {
	[SHM_INTEGER32]  = { "Integer32", 4 },
	[SHM_UNSIGNED32] = { "Unsigned32", 4 },
	[SHM_COUNTER32]  = { "Counter32", 4 },
	[SHM_GAUGE32]    = { "Gauge32", 4 },
	[SHM_TIMETICKS]  = { "TimeTicks", 4 },
	[SHM_COUNTER64]  = { "Counter64", 8 },
	[SHM_OCTETSTR]   = { "OctetStr", 0 },
	[SHM_BITS]       = { "Bits", 2 + SHM_BITS_LEN },
	[SHM_RAW]        = { "raw", 0 },
};

static int valid(enum shm_type type)
{
	return (unsigned)type < sizeof(types) / sizeof(types[0]);
}

size_t shm_type_size(enum shm_type type, size_t maxlen)
{
	if (!valid(type))
		return 0;
	if (type == SHM_OCTETSTR)
		return 2 + maxlen;
	if (type == SHM_RAW)
		return maxlen;
	return types[type].size;
}

const char *shm_type_name(enum shm_type type)
{
	return valid(type) ? types[type].name : "?";
}
