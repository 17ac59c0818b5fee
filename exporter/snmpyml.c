/*
 * shmib-exporter --snmp-yml: the snmp_exporter configuration of the
 * same families (config/prometheus/snmp.yml is this output), in the
 * format prometheus-snmp-generator writes for snmp_exporter 0.21: a
 * module per kind (if_mib, pw, vpls) walking its tables, a metric per
 * column with the table's INDEX as label and the kind's lookups.
 */
#include <string.h>

#include "exporter/families.h"

static const char *const yml_type[] = {
	[ENUM_AS_INFO] = "EnumAsInfo",
	[PHYS_ADDRESS48] = "PhysAddress48",
	[OBJECT_ID] = "OctetString",
};

static void put_oid(struct text *t, const struct mib_object *m)
{
	for (unsigned j = 0; j < m->oid_len; j++)
		text_printf(t, "%s%u", j ? "." : "", m->oid[j]);
}

static void metric_head(struct text *t, const struct mib_object *m, const char *type)
{
	text_printf(t, "  - name: %s\n    oid: ", m->name);
	put_oid(t, m);
	text_printf(t, "\n    type: %s\n    help: ", type);
	families_help(t, m);
	text_printf(t, "\n");
}

static void labels(struct text *t, const struct kind *k, const struct mib_table *tbl)
{
	const char *index = tbl->index[0]->name;

	text_printf(t, "    indexes:\n    - labelname: %s\n      type: gauge\n", index);
	if (k->lookups[0])
		text_printf(t, "    lookups:\n");
	for (size_t i = 0; i < KIND_LOOKUPS && k->lookups[i]; i++) {
		text_printf(t, "    - labels:\n      - %s\n      labelname: %s\n      oid: ",
			    index, k->lookups[i]);
		put_oid(t, mib_lookup(k->lookups[i]));
		text_printf(t, "\n      type: DisplayString\n");
	}
}

static void enum_values(struct text *t)
{
	text_printf(t, "    enum_values:\n");
	for (size_t i = 0; i < if_types_len; i++)
		text_printf(t, "      %u: %s\n", if_types[i].value, if_types[i].name);
}

static void columns(struct text *t, const struct kind *k, const char *table)
{
	const struct mib_table *tbl = mib_table_lookup(table);

	for (size_t j = 0; tbl && j < mib_catalogue_len; j++) {
		const struct mib_object *m = &mib_catalogue[j];
		enum style s;

		if (strcmp(m->table, table) || !mib_readable(m) || (s = style_of(m)) == SKIP)
			continue;
		metric_head(t, m, s == NUMBER ? style_counter(m, s) ? "counter" : "gauge"
					      : yml_type[s]);
		labels(t, k, tbl);
		if (s == ENUM_AS_INFO)
			enum_values(t);
	}
}

static void module(struct text *t, const struct kind *k)
{
	text_printf(t, "%s:\n  walk:\n", k->module);
	for (size_t i = 0; i < KIND_TABLES && k->tables[i]; i++) {
		text_printf(t, "  - ");
		put_oid(t, mib_lookup(k->tables[i]));
		text_printf(t, "\n");
	}
	if (k->scalars[0])
		text_printf(t, "  get:\n");
	for (size_t i = 0; i < KIND_SCALARS && k->scalars[i]; i++) {
		text_printf(t, "  - ");
		put_oid(t, mib_lookup(k->scalars[i]));
		text_printf(t, ".0\n");
	}
	text_printf(t, "  metrics:\n");
	for (size_t i = 0; i < KIND_SCALARS && k->scalars[i]; i++)
		metric_head(t, mib_lookup(k->scalars[i]), "gauge");
	for (size_t i = 0; i < KIND_TABLES && k->tables[i]; i++)
		columns(t, k, k->tables[i]);
	text_printf(t, "  version: 2\n  auth:\n    community: public\n");
}

void snmp_yml(struct text *t)
{
	text_printf(t, "# snmp_exporter (0.21) modules of the series shmib-exporter serves,\n"
		    "# written by \"shmib-exporter --snmp-yml\"; generator.yml beside this\n"
		    "# file describes the same modules to prometheus-snmp-generator.\n");
	for (int k = 0; k < ROW_KINDS; k++)
		module(t, &kinds[k]);
}
