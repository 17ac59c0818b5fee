/*
 * The object catalogue: OID, SMI type, time semantics and MAX-ACCESS
 * of every MIB object shmib knows, and the INDEX of every table it
 * serves, compiled from mibs/catalogue.txt (see there for the
 * columns).  Both arrays are sorted by name for the lookups.
 */
#ifndef SHMIB_CATALOGUE_H
#define SHMIB_CATALOGUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "shm/shm.h"

#define MIB_OID_MAX 32
#define MIB_INDEX_MAX 4         /* most INDEX objects of a table (the
				 * generator checks) */

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
	MIB_TABLE,          /* a conceptual table: never a value */
};

enum mib_time {
	MIB_TIME_NONE,
	MIB_TIME_STAMP,     /* sysUpTime at an event (TimeStamp semantics) */
	MIB_TIME_TICKS,     /* an interval */
};

enum mib_access {
	MIB_ACCESS_NONE,    /* a notification */
	MIB_NOT_ACCESSIBLE,
	MIB_FOR_NOTIFY,
	MIB_READ_ONLY,
	MIB_READ_WRITE,
	MIB_READ_CREATE,
};

struct mib_object {
	const char *name;
	const char *module;
	const char *table;          /* "ifTable", ... or "scalar"; for a
				     * notification its objects,
				     * "ifIndex,ifAdminStatus,..."; for a
				     * table its INDEX as written */
	enum mib_type type;
	enum mib_time time;
	enum mib_access access;
	uint32_t size;              /* OctetStr, Bits: longest value served
				     * (the module's SIZE); 0: no limit */
	uint8_t oid_len;
	uint32_t oid[MIB_OID_MAX];
};

/* A conceptual table and the objects whose values, one arc each,
 * make up a row's instance.  A table whose entry AUGMENTS another's
 * has that table's INDEX. */
struct mib_table {
	const struct mib_object *obj;           /* its catalogue entry */
	const struct mib_table *augments;       /* or NULL */
	unsigned nindex;
	const struct mib_object *index[MIB_INDEX_MAX];
};

extern const struct mib_object mib_catalogue[];
extern const size_t mib_catalogue_len;
extern const struct mib_table mib_tables[];
extern const size_t mib_tables_len;

/* The entry for a descriptor, or NULL.  O(log n). */
const struct mib_object *mib_lookup(const char *name);

/* The table NAME ("ifXTable"), or NULL.  O(log n). */
const struct mib_table *mib_table_lookup(const char *name);

/* Whether an agent serves the object's value at all: read-only,
 * read-write, read-create.  Not-accessible index objects and
 * accessible-for-notify ones are never read by a manager. */
bool mib_readable(const struct mib_object *mib);

/* Octets of a Bits value (RFC 3417 §8: as many as the named bits
 * need: its size); 0 for other types. */
size_t mib_bits_octets(const struct mib_object *mib);

/* The SMI types, tabled once (catalogue.c): how a segment stores
 * each, the BER tag of its values, and for those never stored their
 * name; a stored type has its storage type's name and size (shm). */

/* "Counter64", ... as in catalogue.txt. */
const char *mib_type_name(enum mib_type type);

/* The storage type of a segment object of this type into OUT; false
 * for types never stored (ObjectId, Notification, Table). */
bool mib_type_storage(enum mib_type type, enum shm_type *out);

/* The ASN.1 BER tag of a value of this type (RFC 3416: what net-snmp
 * calls ASN_INTEGER, ASN_COUNTER, ...); Bits are OCTET STRINGs, and a
 * Notification or a Table has no value: 0. */
uint8_t mib_type_asn(enum mib_type type);

#endif
