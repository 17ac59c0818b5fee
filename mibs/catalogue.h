/*
 * The object catalogue: OID, SMI type and time semantics of every MIB
 * object shmib knows, compiled from mibs/catalogue.txt (see there for
 * the columns).  Entries are sorted by name for mib_lookup().
 */
#ifndef SHMIB_CATALOGUE_H
#define SHMIB_CATALOGUE_H

#include <stddef.h>
#include <stdint.h>

#define MIB_OID_MAX 32

enum mib_type {
	MIB_INTEGER32,
	MIB_UNSIGNED32,
	MIB_COUNTER32,
	MIB_COUNTER64,
	MIB_GAUGE32,
	MIB_TIMETICKS,
	MIB_OCTETSTR,
	MIB_BITS,
	MIB_OBJECTID,
	MIB_NOTIFICATION,   /* a NOTIFICATION-TYPE: never a value */
};

enum mib_time {
	MIB_TIME_NONE,
	MIB_TIME_STAMP,     /* sysUpTime at an event (TimeStamp semantics) */
	MIB_TIME_TICKS,     /* an interval */
};

struct mib_object {
	const char *name;
	const char *module;
	const char *table;          /* "ifTable", ... or "scalar"; for a
				     * notification its objects,
				     * "ifIndex,ifAdminStatus,..." */
	enum mib_type type;
	enum mib_time time;
	uint8_t oid_len;
	uint32_t oid[MIB_OID_MAX];
};

extern const struct mib_object mib_catalogue[];
extern const size_t mib_catalogue_len;

/* The entry for a descriptor, or NULL.  O(log n). */
const struct mib_object *mib_lookup(const char *name);

/* "Counter64", ... as in catalogue.txt. */
const char *mib_type_name(enum mib_type type);

/* Bytes a segment object of this type has, for fixed-size types; 0 for
 * OctetStr/Bits (any 2+n), ObjectId and Notification (never stored). */
size_t mib_type_size(enum mib_type type);

#endif
