/* The compiled catalogue: lookups, access, and each table's INDEX as
 * the code walks it (the reference modules are checked against the
 * text by tests/integration/catalogue.sh). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

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
