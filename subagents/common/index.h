/*
 * The instance index: for each table, its rows sorted by index arcs,
 * and for each row and column where the value lives in the segment.
 *
 * The layout of a table (struct table: entry OID, number of index
 * arcs, readable columns in OID order) is fixed at start-up from the
 * catalogue.  An index (struct index) holds the rows of every table
 * at one moment: an array of rows sorted by their index arcs and, per
 * row, one struct cell per column: the segment object that holds the
 * value and its time auxiliary, as positions in the segment (uint16,
 * 0 = none).  That is 4 bytes per served value and 32 per row: 10,000
 * interfaces with ifTable and ifXTable take under 2 MB.
 *
 * Instances of a table are ordered column first, then row, as their
 * OIDs (entry.column.index...).  Lookups are binary searches: GET and
 * GETNEXT are O(log n) in the number of rows (GETNEXT also skips the
 * rows where a column is absent).
 */
#ifndef SHMIB_INDEX_H
#define SHMIB_INDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/types.h>

#include "subagents/common/agent.h"

struct cell {
	uint16_t obj;           /* position + 1 in the segment, 0 = none */
	uint16_t aux;           /* _X_<obj>_TimeAbs / _TicksBase, same */
};

struct row {
	uint32_t idx[AGENT_INDEX_MAX];
	struct shm_seg *seg;
	const struct cell *cells;
	bool gone;                      /* its writer is gone (owner.h) */
};

struct column {
	const struct mib_object *mib;
	agent_column_fn value;          /* NULL: from the segment */
};

struct table {
	const struct agent_table *def;
	const struct mib_table *mib;    /* the catalogue's table */
	unsigned nindex;                /* index arcs: its INDEX objects */
	oid entry[MIB_OID_MAX];
	size_t entry_len;
	struct column *cols;            /* by column arc */
	size_t ncols;
};

struct tables {
	struct table *v;
	size_t n;
};

struct rows {                           /* a table's rows in an index */
	struct row *v;
	size_t n;
	struct cell *cells;             /* n * ncols */
	size_t *present;                /* per column: rows with a cell */
};

struct index {
	struct rows *rows;              /* per table */
	struct shm_seg **segs;          /* every segment, by name */
	size_t nsegs;
};

/* Where an instance is: column and row of a table. */
struct pos {
	size_t col, row;
};

/* Lays out every table of DEF; -1 (logged) on a definition error. */
int tables_init(struct tables *t, const struct agent_def *def);
void tables_free(struct tables *t);

/* The column of MIB in T, or -1. */
int table_column(const struct table *t, const struct mib_object *mib);

/* Sorts R's rows by index and drops duplicates (first wins); returns
 * how many were dropped, each reported through DUP(arg, kept, dropped). */
size_t rows_sort(struct rows *r, unsigned nindex,
		 void (*dup)(void *arg, const struct row *kept,
			     const struct row *dropped), void *arg);

/* Compares N index arcs. */
int idx_cmp(const uint32_t *x, const uint32_t *y, unsigned n);

/* The row of R (sorted) whose NINDEX index arcs are IDX, or -1. */
ssize_t rows_find(const struct rows *r, unsigned nindex, const uint32_t *idx);

/* GET: the position of NAME; 0, or SNMP_NOSUCHOBJECT /
 * SNMP_NOSUCHINSTANCE. */
int table_get(const struct table *t, const struct rows *r,
	      const oid *name, size_t len, struct pos *p);

/* GETNEXT: the first position holding a value whose OID is greater
 * than NAME; false if none in this table.  Columns with a handler are
 * candidates in every row; the caller moves on with table_step when
 * the handler has no value. */
bool table_next(const struct table *t, const struct rows *r,
		const oid *name, size_t len, struct pos *p);
bool table_step(const struct table *t, const struct rows *r, struct pos *p);

/* The OID of the instance at P into OUT (MAX_OID_LEN arcs); its length. */
size_t table_oid(const struct table *t, const struct rows *r,
		 const struct pos *p, oid *out);

/* Compares OIDs as net-snmp does. */
int oid_cmp(const oid *a, size_t alen, const oid *b, size_t blen);

#endif
