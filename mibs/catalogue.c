/* Lookups in the compiled object catalogue (see catalogue.h). */
#include <stdlib.h>
#include <string.h>

#include "mibs/catalogue.h"

static int by_name(const void *key, const void *elem)
{
	return strcmp(key, ((const struct mib_object *)elem)->name);
}

const struct mib_object *mib_lookup(const char *name)
{
	return bsearch(name, mib_catalogue, mib_catalogue_len,
		       sizeof mib_catalogue[0], by_name);
}

static int by_table_name(const void *key, const void *elem)
{
	return strcmp(key, ((const struct mib_table *)elem)->obj->name);
}

const struct mib_table *mib_table_lookup(const char *name)
{
	return bsearch(name, mib_tables, mib_tables_len,
		       sizeof mib_tables[0], by_table_name);
}

bool mib_readable(const struct mib_object *mib)
{
	return mib->access >= MIB_READ_ONLY;
}

size_t mib_bits_octets(const struct mib_object *mib)
{
	return mib->type == MIB_BITS ? mib->size : 0;
}

/* BER tags: universal INTEGER, OCTET STRING, OBJECT IDENTIFIER, and
 * the application types of SNMPv2-SMI. */
enum {
	BER_INTEGER = 0x02, BER_OCTET_STRING = 0x04, BER_OBJECT_ID = 0x06,
	BER_COUNTER32 = 0x41, BER_GAUGE32 = 0x42, BER_TIMETICKS = 0x43,
	BER_COUNTER64 = 0x46,
};

#define STORED(shm) true, shm, NULL

static const struct {
	bool stored;
	enum shm_type storage;
	const char *name;       /* of a type never stored */
	uint8_t asn;
} smi[] = {
	[MIB_INTEGER32]    = { STORED(SHM_INTEGER32),  BER_INTEGER },
	[MIB_UNSIGNED32]   = { STORED(SHM_UNSIGNED32), BER_GAUGE32 },
	[MIB_COUNTER32]    = { STORED(SHM_COUNTER32),  BER_COUNTER32 },
	[MIB_COUNTER64]    = { STORED(SHM_COUNTER64),  BER_COUNTER64 },
	[MIB_GAUGE32]      = { STORED(SHM_GAUGE32),    BER_GAUGE32 },
	[MIB_TIMETICKS]    = { STORED(SHM_TIMETICKS),  BER_TIMETICKS },
	[MIB_OCTETSTR]     = { STORED(SHM_OCTETSTR),   BER_OCTET_STRING },
	[MIB_BITS]         = { STORED(SHM_BITS),       BER_OCTET_STRING },
	[MIB_OBJECTID]     = { false, SHM_RAW, "ObjectId", BER_OBJECT_ID },
	[MIB_NOTIFICATION] = { false, SHM_RAW, "Notification", 0 },
	[MIB_TABLE]        = { false, SHM_RAW, "Table", 0 },
};

const char *mib_type_name(enum mib_type type)
{
	return smi[type].stored ? shm_type_name(smi[type].storage) : smi[type].name;
}

bool mib_type_storage(enum mib_type type, enum shm_type *out)
{
	if (!smi[type].stored)
		return false;
	*out = smi[type].storage;
	return true;
}

uint8_t mib_type_asn(enum mib_type type)
{
	return smi[type].asn;
}
