/* The instance index: table layout from the catalogue, row ordering
 * with duplicates, GET and GETNEXT over rows, columns and gaps. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "subagents/common/index.h"

static bool no_rows(struct agent *a, const struct shm_seg *s, uint32_t *idx)
{
	(void)a, (void)s, (void)idx;
	return false;
}

static bool handled(const struct agent_cell *c, struct agent_value *v)
{
	(void)c, (void)v;
	return true;
}

static const struct agent_column handlers[] = { { "ifIndex", handled }, { NULL } };
static const struct agent_table defs[] = {
	{ "ifTable", no_rows, handlers },
	{ NULL },
};
static const struct agent_def def = { .name = "t", .tables = defs };

static struct tables tabs;
static struct table *t;
static struct row rows[3];
static struct cell cells[3 * 22];
static size_t present[22];
static struct rows r = { rows, 3, cells, present };
static const oid entry[] = { 1, 3, 6, 1, 2, 1, 2, 2, 1 };

/* Rows 2, 5, 9; ifDescr (column 2) in rows 5 and 9 only. */
static void setup(void)
{
	cr_assert_eq(tables_init(&tabs, &def), 0);
	t = &tabs.v[0];
	memset(cells, 0, sizeof cells);
	memset(present, 0, sizeof present);
	rows[0] = (struct row){ { 2 }, NULL, cells };
	rows[1] = (struct row){ { 5 }, NULL, cells + 22 };
	rows[2] = (struct row){ { 9 }, NULL, cells + 44 };
	cells[22 + 1].obj = cells[44 + 1].obj = 1;
	present[1] = 2;
}

static void teardown(void)
{
	tables_free(&tabs);
}

TestSuite(index, .init = setup, .fini = teardown);

/* The OID of column COL (arc), index IDX. */
static size_t inst(oid *o, oid col, oid idx)
{
	memcpy(o, entry, sizeof entry);
	o[9] = col;
	o[10] = idx;
	return 11;
}

Test(index, layout)
{
	cr_expect_eq(t->ncols, 22);
	cr_expect_eq(t->entry_len, 9);
	cr_expect_eq(oid_cmp(t->entry, 9, entry, 9), 0);
	cr_expect_str_eq(t->cols[0].mib->name, "ifIndex");
	cr_expect_str_eq(t->cols[21].mib->name, "ifSpecific");
	cr_expect_not_null(t->cols[0].value);
	cr_expect_null(t->cols[1].value);
	cr_expect_eq(table_column(t, mib_lookup("ifDescr")), 1);
	cr_expect_eq(table_column(t, mib_lookup("ifName")), -1);
}

Test(index, get)
{
	oid o[MAX_OID_LEN];
	struct pos p;

	cr_expect_eq(table_get(t, &r, o, inst(o, 1, 5), &p), 0);
	cr_expect_eq(p.col, 0);
	cr_expect_eq(p.row, 1);
	cr_expect_eq(table_get(t, &r, o, inst(o, 2, 9), &p), 0);
	cr_expect_eq(p.row, 2);
	cr_expect_eq(table_get(t, &r, o, inst(o, 2, 2), &p), SNMP_NOSUCHINSTANCE);
	cr_expect_eq(table_get(t, &r, o, inst(o, 1, 3), &p), SNMP_NOSUCHINSTANCE);
	cr_expect_eq(table_get(t, &r, o, inst(o, 1, 5) - 1, &p), SNMP_NOSUCHINSTANCE);
	cr_expect_eq(table_get(t, &r, o, inst(o, 23, 5), &p), SNMP_NOSUCHOBJECT);
	cr_expect_eq(table_get(t, &r, o, 9, &p), SNMP_NOSUCHOBJECT);
	inst(o, 1, 5);
	o[11] = 1;
	cr_expect_eq(table_get(t, &r, o, 12, &p), SNMP_NOSUCHINSTANCE);
}

static void expect_next(const oid *name, size_t len, oid col, oid idx)
{
	oid out[MAX_OID_LEN], want[MAX_OID_LEN];
	struct pos p;
	size_t n;

	cr_assert(table_next(t, &r, name, len, &p));
	n = table_oid(t, &r, &p, out);
	cr_expect_eq(oid_cmp(out, n, want, inst(want, col, idx)), 0,
		     "next is .%lu.%lu, want .%lu.%lu", out[9], out[10], col, idx);
}

Test(index, getnext)
{
	oid o[MAX_OID_LEN] = { 1, 3, 6, 1, 2, 1, 2 };

	expect_next(o, 7, 1, 2);                        /* before the table */
	expect_next(entry, 9, 1, 2);                    /* the entry itself */
	expect_next(o, inst(o, 1, 2), 1, 5);            /* next row */
	expect_next(o, inst(o, 1, 3), 1, 5);            /* between rows */
	expect_next(o, inst(o, 1, 9), 2, 5);            /* next column, rows without it skipped */
	expect_next(o, inst(o, 1, 5) - 1, 1, 2);        /* column only */
	expect_next(o, inst(o, 0, 99), 1, 2);           /* column 0 */
	inst(o, 2, 5);
	o[11] = 7;
	expect_next(o, 12, 2, 9);                       /* longer than an instance */
}

Test(index, getnext_end)
{
	oid o[MAX_OID_LEN];
	struct pos p;

	cr_expect_not(table_next(t, &r, o, inst(o, 2, 9), &p));  /* no column 3+ present */
	cr_expect_not(table_next(t, &r, o, inst(o, 23, 0), &p));
	o[8] = 2;
	cr_expect_not(table_next(t, &r, o, 9, &p));               /* after the table */
}

static const struct row *kept[4], *dropped[4];
static size_t ndup;

static void on_dup(void *arg, const struct row *k, const struct row *d)
{
	(void)arg;
	kept[ndup] = k;
	dropped[ndup++] = d;
}

/* A published, empty segment NAME in DIR, opened for reading. */
static struct shm_seg *segment(const char *dir, const char *name)
{
	struct shmib_err err;
	struct shm_writer *w = shm_writer_new(dir, name, &err);
	struct shm_seg *s;

	cr_assert_not_null(w, "%s", err.msg);
	cr_assert_geq(shm_writer_add(w, "ifMtu", SHM_INTEGER32, 0, &err), 0, "%s", err.msg);
	cr_assert_eq(shm_writer_publish(w, 0600, &err), 0, "%s", err.msg);
	shm_writer_free(w);
	s = shm_seg_open(dir, name, &err);
	cr_assert_not_null(s, "%s", err.msg);
	return s;
}

Test(index, rows_sort)
{
	char dir[] = "/tmp/shmib-index.XXXXXX";
	struct shm_seg *a, *b;

	cr_assert_not_null(mkdtemp(dir));
	a = segment(dir, "a");
	b = segment(dir, "b");
	/* b's row first: the segment that comes first by name must win */
	struct row v[4] = {
		{ { 2, 7 }, b }, { { 1, 9 }, a }, { { 2, 7 }, a }, { { 1, 10 }, b },
	};
	struct rows rs = { v, 4 };

	cr_assert_eq(rows_sort(&rs, 2, on_dup, NULL), 1);
	cr_expect_eq(rs.n, 3);
	cr_expect_eq(ndup, 1);
	cr_expect_eq(kept[0]->seg, a);
	cr_expect_eq(dropped[0]->seg, b);
	cr_expect_eq(v[0].idx[1], 9);
	cr_expect_eq(v[1].idx[1], 10);
	cr_expect_eq(v[2].idx[0], 2);
	cr_expect_eq(v[2].seg, a);
	shm_seg_close(a);
	shm_seg_close(b);
	for (const char *const *f = (const char *const[]){ "a", "a.index", "b", "b.index", NULL }; *f; f++) {
		char path[64];

		snprintf(path, sizeof path, "%s/%s", dir, *f);
		unlink(path);
	}
	rmdir(dir);
}

static const struct agent_table pw_defs[] = {
	{ "pwEnetTable", no_rows, NULL },
	{ "ifXTable", no_rows, NULL },
	{ "vplsPwBindTable", no_rows, NULL },
	{ NULL },
};

/* Index arcs and columns come from the catalogue: pwEnetPwInstance,
 * a not-accessible index object, is no column; ifXTable has ifTable's
 * INDEX through its AUGMENTS. */
Test(index, layout_from_catalogue)
{
	struct tables tt;
	static const oid enet_entry[] = { 1, 3, 6, 1, 2, 1, 180, 1, 1, 1 };

	cr_assert_eq(tables_init(&tt, &(struct agent_def){ .name = "t", .tables = pw_defs }), 0);
	cr_expect_eq(tt.v[0].nindex, 2);
	cr_expect_eq(tt.v[1].nindex, 1);
	cr_expect_eq(tt.v[2].nindex, 2);
	cr_expect_eq(oid_cmp(tt.v[0].entry, tt.v[0].entry_len, enet_entry, 10), 0);
	cr_expect_eq(tt.v[0].ncols, 7, "pwEnetPwVlan .. pwEnetStorageType");
	cr_expect_str_eq(tt.v[0].cols[0].mib->name, "pwEnetPwVlan");
	cr_expect_eq(table_column(&tt.v[0], mib_lookup("pwEnetPwInstance")), -1);
	cr_expect_eq(tt.v[2].ncols, 4);
	tables_free(&tt);
}

static const struct agent_column index_handler[] = { { "pwIndex", handled }, { NULL } };
static const struct agent_table bad_defs[][2] = {
	{ { "pwTable", no_rows, index_handler }, { NULL } },
	{ { "pwIndex", no_rows, NULL }, { NULL } },
	{ { "ifTableX", no_rows, NULL }, { NULL } },
};

/* A handler for a not-accessible object, or a table the catalogue
 * does not have: a definition error, found at start-up. */
Test(index, layout_errors)
{
	for (size_t i = 0; i < sizeof bad_defs / sizeof bad_defs[0]; i++) {
		struct tables tt;

		cr_expect_eq(tables_init(&tt, &(struct agent_def){ .name = "t", .tables = bad_defs[i] }),
			     -1, "%s", bad_defs[i][0].name);
		tables_free(&tt);
	}
}
