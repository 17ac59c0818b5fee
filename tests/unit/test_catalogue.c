/* The compiled catalogue: lookups, access, and each table's INDEX as
 * the code walks it (the reference modules are checked against the
 * text by tests/integration/catalogue.sh). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#include "mibs/catalogue.h"

/* "a,b" from a table's index objects. */
static void index_names(const struct mib_table *t, char *buf, size_t n)
{
	buf[0] = '\0';
	for (unsigned i = 0; i < t->nindex; i++)
		snprintf(buf + strlen(buf), n - strlen(buf), "%s%s", i ? "," : "",
			 t->index[i]->name);
}

static const struct {
	const char *table, *index, *augments;
} served[] = {
	{ "ifTable", "ifIndex", NULL },
	{ "ifXTable", "ifIndex", "ifTable" },
	{ "pwTable", "pwIndex", NULL },
	{ "pwEnetTable", "pwIndex,pwEnetPwInstance", NULL },
	{ "cpwVcTable", "cpwVcIndex", NULL },
	{ "cpwVcPerfTotalTable", "cpwVcIndex", NULL },
	{ "cpwVcEnetTable", "cpwVcIndex,cpwVcEnetPwVlan", NULL },
	{ "vplsConfigTable", "vplsConfigIndex", NULL },
	{ "vplsStatusTable", "vplsConfigIndex", "vplsConfigTable" },
	{ "vplsPwBindTable", "vplsConfigIndex,pwIndex", NULL },
	{ "cvplsConfigTable", "cvplsConfigIndex", NULL },
	{ "cvplsStatusTable", "cvplsConfigIndex", NULL },
	{ "cvplsPwBindTable", "cvplsConfigIndex,cvplsPwBindIndex", NULL },
};

Test(catalogue, tables)
{
	char buf[256];

	cr_expect_eq(mib_tables_len, sizeof served / sizeof served[0]);
	for (size_t i = 0; i < sizeof served / sizeof served[0]; i++) {
		const struct mib_table *t = mib_table_lookup(served[i].table);

		cr_assert_not_null(t, "%s", served[i].table);
		cr_expect_eq(t->obj, mib_lookup(served[i].table));
		cr_expect_eq(t->obj->type, MIB_TABLE);
		cr_expect_eq(t->obj->access, MIB_NOT_ACCESSIBLE);
		index_names(t, buf, sizeof buf);
		cr_expect_str_eq(buf, served[i].index, "%s", served[i].table);
		if (served[i].augments)
			cr_expect_eq(t->augments, mib_table_lookup(served[i].augments));
		else
			cr_expect_null(t->augments);
	}
	cr_expect_null(mib_table_lookup("ifIndex"));
	cr_expect_null(mib_table_lookup("ifEntry"));
}

Test(catalogue, access)
{
	static const struct {
		const char *name;
		enum mib_access access;
		bool readable;
	} objs[] = {
		{ "ifIndex", MIB_READ_ONLY, true },
		{ "ifAlias", MIB_READ_WRITE, true },
		{ "pwName", MIB_READ_CREATE, true },
		{ "pwIndex", MIB_NOT_ACCESSIBLE, false },
		{ "cpwVcEnetPwVlan", MIB_NOT_ACCESSIBLE, false },
		{ "snmpTrapOID", MIB_FOR_NOTIFY, false },
		{ "linkUp", MIB_ACCESS_NONE, false },
	};

	for (size_t i = 0; i < sizeof objs / sizeof objs[0]; i++) {
		const struct mib_object *m = mib_lookup(objs[i].name);

		cr_assert_not_null(m, "%s", objs[i].name);
		cr_expect_eq(m->access, objs[i].access, "%s", objs[i].name);
		cr_expect_eq(mib_readable(m), objs[i].readable, "%s", objs[i].name);
	}
}

/* Every column's table is a catalogue table, and the column lies in
 * its entry (table OID, 1, column arc). */
Test(catalogue, columns_in_entries)
{
	for (size_t i = 0; i < mib_catalogue_len; i++) {
		const struct mib_object *m = &mib_catalogue[i];
		const struct mib_table *t;

		if (m->type == MIB_TABLE || m->type == MIB_NOTIFICATION ||
		    !strcmp(m->table, "scalar"))
			continue;
		t = mib_table_lookup(m->table);
		cr_assert_not_null(t, "%s: %s", m->name, m->table);
		cr_expect_eq(m->oid_len, t->obj->oid_len + 2, "%s", m->name);
		cr_expect_eq(memcmp(m->oid, t->obj->oid, t->obj->oid_len * sizeof m->oid[0]), 0,
			     "%s", m->name);
		cr_expect_eq(m->oid[t->obj->oid_len], 1, "%s", m->name);
	}
}

/* The one table of SMI types against net-snmp's tags and the segment
 * library's storage types: each value goes out with the tag a manager
 * expects, and each stored type has the name catalogue.txt uses. */
Test(catalogue, smi_types)
{
	static const struct {
		enum mib_type type;
		const char *name;
		u_char asn;
		bool stored;
		enum shm_type storage;
	} want[] = {
		{ MIB_INTEGER32, "Integer32", ASN_INTEGER, true, SHM_INTEGER32 },
		{ MIB_UNSIGNED32, "Unsigned32", ASN_UNSIGNED, true, SHM_UNSIGNED32 },
		{ MIB_COUNTER32, "Counter32", ASN_COUNTER, true, SHM_COUNTER32 },
		{ MIB_COUNTER64, "Counter64", ASN_COUNTER64, true, SHM_COUNTER64 },
		{ MIB_GAUGE32, "Gauge32", ASN_GAUGE, true, SHM_GAUGE32 },
		{ MIB_TIMETICKS, "TimeTicks", ASN_TIMETICKS, true, SHM_TIMETICKS },
		{ MIB_OCTETSTR, "OctetStr", ASN_OCTET_STR, true, SHM_OCTETSTR },
		{ MIB_BITS, "Bits", ASN_OCTET_STR, true, SHM_BITS },
		{ MIB_OBJECTID, "ObjectId", ASN_OBJECT_ID, false, SHM_RAW },
		{ MIB_NOTIFICATION, "Notification", 0, false, SHM_RAW },
		{ MIB_TABLE, "Table", 0, false, SHM_RAW },
	};

	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		enum shm_type t = SHM_RAW;

		cr_expect_str_eq(mib_type_name(want[i].type), want[i].name);
		cr_expect_eq(mib_type_asn(want[i].type), want[i].asn, "%s", want[i].name);
		cr_expect_eq(mib_type_storage(want[i].type, &t), want[i].stored, "%s", want[i].name);
		cr_expect_eq(t, want[i].storage, "%s", want[i].name);
	}
}
