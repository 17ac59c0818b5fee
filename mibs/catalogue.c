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

static const struct {
	const char *name;
	size_t size;
} type_info[] = {
	[MIB_INTEGER32]  = { "Integer32", 4 },
	[MIB_UNSIGNED32] = { "Unsigned32", 4 },
	[MIB_COUNTER32]  = { "Counter32", 4 },
	[MIB_COUNTER64]  = { "Counter64", 8 },
	[MIB_GAUGE32]    = { "Gauge32", 4 },
	[MIB_TIMETICKS]  = { "TimeTicks", 4 },
	[MIB_OCTETSTR]   = { "OctetStr", 0 },
	[MIB_BITS]       = { "Bits", 0 },
	[MIB_OBJECTID]   = { "ObjectId", 0 },
	[MIB_NOTIFICATION] = { "Notification", 0 },
	[MIB_TABLE]      = { "Table", 0 },
};

const char *mib_type_name(enum mib_type type)
{
	return type_info[type].name;
}

size_t mib_type_size(enum mib_type type)
{
	return type_info[type].size;
}
