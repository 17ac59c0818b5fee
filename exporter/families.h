/*
 * The metric families (see families.c), shared by the renderer and by
 * the snmp_exporter configuration written from them (snmpyml.c), so
 * that both doors name, type and label every series alike.
 */
#ifndef SHMIB_EXPORTER_FAMILIES_H
#define SHMIB_EXPORTER_FAMILIES_H

#include "exporter/exporter.h"
#include "subagents/common/agent.h"

#define KIND_TABLES   3
#define KIND_LOOKUPS  4
#define KIND_SCALARS  3
#define KIND_AUXES    2

/* A fact of a kind's segments that no MIB object holds (a shmib
 * auxiliary, read as agent_seg_u32 reads it): a gauge in the
 * exporter's own name space (shmib_*), labelled as the kind's MIB
 * families; no sample for a segment without it (Snabb's writer).  No
 * part of --snmp-yml: snmpd serves no such object. */
struct aux_family {
	const char *aux;                        /* AUX_... */
	const char *name, *help;
};

/* How a column becomes samples (snmp_exporter's types). */
enum style { NUMBER, ENUM_AS_INFO, PHYS_ADDRESS48, OBJECT_ID, SKIP };

struct kind {
	const char *module;                     /* snmp_exporter's module */
	const char *tables[KIND_TABLES];        /* catalogue tables */
	const char *lookups[KIND_LOOKUPS];      /* label objects */
	const struct agent_column *columns[3];  /* computed columns */
	const char *scalars[KIND_SCALARS];      /* gauges of the module */
	struct aux_family auxes[KIND_AUXES];
};

extern const struct kind kinds[ROW_KINDS];

struct if_type {
	uint32_t value;
	const char *name;
};
extern const struct if_type if_types[];
extern const size_t if_types_len;

enum style style_of(const struct mib_object *m);
bool style_counter(const struct mib_object *m, enum style s);
/* "IF-MIB::ifInOctets - 1.3.6.1.2.1.2.2.1.10" into T. */
void families_help(struct text *t, const struct mib_object *m);

#endif
