/*
 * The metric families, named and labelled as snmp_exporter names them
 * with config/prometheus/snmp.yml (its if_mib module and our pw and
 * vpls modules), so dashboards and alerts work with either door.
 *
 * A family is a readable column of one of a kind's catalogue tables,
 * named after the column; its samples are the rows that have a value,
 * labelled with the table's INDEX object and the kind's lookups (the
 * row's string objects, "" when absent).  The catalogue type decides:
 * Counter32/Counter64 are counters, every other number a gauge.
 * Strings are no samples (the lookups are labels), except for the few
 * styles of snmp_exporter in the style table.  Columns that are no
 * plain segment object take the agents' own handlers (if_columns,
 * pw_columns), so both doors serve the same values.
 *
 * Beside them a kind may export auxiliaries (struct aux_family): the
 * VPLS's MAC table fill level, which the MIBs have no object for.
 */
#include <stdio.h>
#include <string.h>

#include "exporter/families.h"
#include "subagents/interface/columns.h"
#include "subagents/pseudowire/columns.h"
#include "profiles.h"

#define STR_MAX 1024            /* longest string value read */

const struct kind kinds[ROW_KINDS] = {
	[ROW_IF] = { "if_mib", { OBJ_ifTable, OBJ_ifXTable },
		     { OBJ_ifAlias, OBJ_ifDescr, OBJ_ifName },
		     { if_columns }, { OBJ_sysUpTime, OBJ_ifNumber } },
	[ROW_PW] = { "pw", { OBJ_pwTable, OBJ_cpwVcPerfTotalTable },
		     { OBJ_pwName },
		     { pw_columns, cpw_columns } },
	[ROW_VPLS] = { "vpls", { OBJ_vplsConfigTable, OBJ_vplsStatusTable },
		       { OBJ_vplsConfigName },
		       .auxes = {
			{ AUX_vplsFwdEntries, "shmib_vpls_fwd_entries",
			  "MAC addresses in the VPLS's forwarding table" },
			{ AUX_vplsFwdCapacity, "shmib_vpls_fwd_capacity",
			  "MAC addresses the VPLS's forwarding table can hold" } } },
};

/* snmp_exporter's types other than counter and gauge (the overrides
 * of if_mib in generator.yml, and how it renders the types it maps
 * OCTET STRING and OBJECT IDENTIFIER columns to). */
static const struct {
	const char *column;
	enum style style;
} styles[] = {
	{ OBJ_ifType,        ENUM_AS_INFO },
	{ OBJ_ifPhysAddress, PHYS_ADDRESS48 },
	{ OBJ_ifSpecific,    OBJECT_ID },
};

/* The names of the interface types of EnumAsInfo's ifType label, as in
 * snmp.yml's enum_values (IANAifType-MIB); others are rendered as the
 * number, as snmp_exporter does. */
const struct if_type if_types[] = {
	{ 1, "other" }, { 6, "ethernetCsmacd" }, { 24, "softwareLoopback" },
	{ 53, "propVirtual" }, { 131, "tunnel" }, { 135, "l2vlan" },
	{ 161, "ieee8023adLag" }, { 166, "mpls" }, { 246, "ifPwType" },
};
const size_t if_types_len = sizeof if_types / sizeof if_types[0];

enum style style_of(const struct mib_object *m)
{
	for (size_t i = 0; i < sizeof styles / sizeof styles[0]; i++)
		if (!strcmp(styles[i].column, m->name))
			return styles[i].style;
	switch (m->type) {
	case MIB_INTEGER32: case MIB_UNSIGNED32: case MIB_COUNTER32:
	case MIB_COUNTER64: case MIB_GAUGE32: case MIB_TIMETICKS:
		return NUMBER;
	default:
		return SKIP;
	}
}

bool style_counter(const struct mib_object *m, enum style s)
{
	return s == NUMBER && (m->type == MIB_COUNTER32 || m->type == MIB_COUNTER64);
}

void families_help(struct text *t, const struct mib_object *m)
{
	text_printf(t, "%s::%s - ", m->module, m->name);
	for (unsigned j = 0; j < m->oid_len; j++)
		text_printf(t, "%s%u", j ? "." : "", m->oid[j]);
}

void families_row_labels(enum row_kind kind, const struct shm_seg *seg,
			 struct text *t)
{
	char buf[STR_MAX + 1];

	for (size_t i = 0; i < KIND_LOOKUPS && kinds[kind].lookups[i]; i++) {
		ssize_t n = agent_seg_string(seg, kinds[kind].lookups[i], buf, sizeof buf);

		text_printf(t, ",%s=\"", kinds[kind].lookups[i]);
		text_label_value(t, buf, n < 0 ? 0 : n);
		text_printf(t, "\"");
	}
	text_put(t, "", 0);     /* a string even without lookups */
}

static agent_column_fn handler_of(const struct kind *k, const struct mib_object *m)
{
	for (size_t i = 0; i < 3 && k->columns[i]; i++)
		for (const struct agent_column *c = k->columns[i]; c->name; c++)
			if (!strcmp(c->name, m->name))
				return c->value;
	return NULL;
}

/* The value of column M in ROW, by its handler FN or the segment. */
static bool cell(agent_column_fn fn, const struct mib_object *m,
		 const struct row *row, struct agent_value *v)
{
	struct agent_cell c = { NULL, row->seg, &row->idx, m };

	return fn ? fn(&c, v) : agent_seg_value(NULL, row->seg, m, v);
}

static const char *if_type_name(uint64_t v, char *buf, size_t sz)
{
	for (size_t i = 0; i < if_types_len; i++)
		if (if_types[i].value == v)
			return if_types[i].name;
	snprintf(buf, sz, "%d", (int32_t)v);
	return buf;
}

/* The extra label of a string style, "" for NUMBER. */
static void style_label(struct text *t, const struct mib_object *m,
			enum style s, const struct agent_value *v)
{
	char num[16];

	switch (s) {
	case ENUM_AS_INFO:
		text_printf(t, ",%s=\"%s\"", m->name, if_type_name(v->num, num, sizeof num));
		break;
	case PHYS_ADDRESS48:
		text_printf(t, ",%s=\"", m->name);
		for (size_t i = 0; i < v->len; i++)
			text_printf(t, "%s%02X", i ? ":" : "", ((const uint8_t *)v->ptr)[i]);
		text_printf(t, "\"");
		break;
	case OBJECT_ID:
		text_printf(t, ",%s=\"", m->name);
		for (size_t i = 0; i < v->len; i++)
			text_printf(t, "%s%lu", i ? "." : "",
				    (unsigned long)((const oid *)v->ptr)[i]);
		text_printf(t, "\"");
		break;
	default:
		break;
	}
}

static void sample(struct text *t, const char *name, const char *suffix,
		   const char *index, const struct row *row)
{
	text_str(t, name);
	text_str(t, suffix);
	text_put(t, "{", 1);
	text_str(t, index);
	text_put(t, "=\"", 2);
	text_u64(t, row->idx);
	text_put(t, "\"", 1);
	text_str(t, row->labels);
}

/* One family: column M of table TBL over the rows R of kind K. */
static void family(struct text *t, const struct kind *k, const struct mib_table *tbl,
		   const struct mib_object *m, const struct rows *r, bool om)
{
	enum style s = style_of(m);
	agent_column_fn fn = handler_of(k, m);
	bool counter = style_counter(m, s);
	const char *name = m->name, *suffix = s == ENUM_AS_INFO ? "_info" : "";
	/* OpenMetrics names a counter's samples <family>_total; to keep
	 * snmp_exporter's series names the column is "unknown" there. */
	const char *type = counter ? (om ? "unknown" : "counter") : "gauge";
	uint8_t buf[STR_MAX];
	bool head = false;

	if (s == SKIP)
		return;
	for (size_t i = 0; i < r->n; i++) {
		struct agent_value v = { .buf = buf, .bufsz = sizeof buf };

		if (!cell(fn, m, &r->v[i], &v))
			continue;
		if (!head) {
			text_printf(t, "# HELP %s%s ", name, suffix);
			families_help(t, m);
			text_printf(t, "%s\n# TYPE %s%s %s\n",
				    s == ENUM_AS_INFO ? " (EnumAsInfo)" : "", name, suffix, type);
			head = true;
		}
		sample(t, name, suffix, tbl->index[0]->name, &r->v[i]);
		style_label(t, m, s, &v);
		text_put(t, "} ", 2);
		if (s != NUMBER)
			text_put(t, "1", 1);
		else if (m->type == MIB_INTEGER32 && (int32_t)v.num < 0)
			text_put(t, "-", 1), text_u64(t, -(int64_t)(int32_t)v.num);
		else
			text_u64(t, m->type == MIB_INTEGER32 ? (uint32_t)(int32_t)v.num : v.num);
		text_put(t, "\n", 1);
	}
}

/* One auxiliary family A over the rows R, labelled by INDEX. */
static void aux_family(struct text *t, const struct aux_family *a,
		       const char *index, const struct rows *r)
{
	bool headed = false;

	for (size_t i = 0; i < r->n; i++) {
		uint32_t v;

		if (!agent_seg_u32(r->v[i].seg, a->aux, &v))
			continue;
		if (!headed) {
			text_printf(t, "# HELP %s %s (segment auxiliary %s).\n"
				    "# TYPE %s gauge\n", a->name, a->help, a->aux, a->name);
			headed = true;
		}
		sample(t, a->name, "", index, &r->v[i]);
		text_put(t, "} ", 2);
		text_u64(t, v);
		text_put(t, "\n", 1);
	}
}

void families_render(struct exporter *ex, struct text *t, bool om)
{
	for (int kind = 0; kind < ROW_KINDS; kind++) {
		const struct kind *k = &kinds[kind];
		const struct mib_table *first = mib_table_lookup(k->tables[0]);

		for (size_t i = 0; i < KIND_TABLES && k->tables[i]; i++) {
			const struct mib_table *tbl = mib_table_lookup(k->tables[i]);

			for (size_t j = 0; tbl && j < mib_catalogue_len; j++) {
				const struct mib_object *m = &mib_catalogue[j];

				if (!strcmp(m->table, k->tables[i]) && mib_readable(m))
					family(t, k, tbl, m, &ex->rows[kind], om);
			}
		}
		for (size_t i = 0; first && i < KIND_AUXES && k->auxes[i].aux; i++)
			aux_family(t, &k->auxes[i], first->index[0]->name, &ex->rows[kind]);
	}
}
