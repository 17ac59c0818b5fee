/*
 * Building an instance index from the open segments: each table's
 * indexer gives the rows, which are sorted, and each row's cells are
 * filled by one pass over its segment's objects (a column's object by
 * its catalogue name, its time auxiliary by "_X_<column>_TimeAbs",
 * "_X_<column>_TicksBase" or, preferred, "_X_<column>_TimeAbsNs").  Objects that do not fit their type are
 * noted and not served.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "subagents/common/build.h"
#include "subagents/common/resident.h"
#include "subagents/common/values.h"

/* The catalogue object an auxiliary NAME belongs to, and its suffix. */
static const struct mib_object *aux_of(const char *name, const char **suffix)
{
	static const char *const suffixes[] = SHM_AUX_TIMES;
	size_t pl = strlen(SHM_AUX_PREFIX), len = strlen(name);
	char base[SHM_NAME_MAX + 1];

	if (strncmp(name, SHM_AUX_PREFIX, pl))
		return NULL;
	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		size_t sl = strlen(suffixes[i]);

		if (len <= pl + sl || strcmp(name + len - sl, suffixes[i]))
			continue;
		memcpy(base, name + pl, len - pl - sl);
		base[len - pl - sl] = '\0';
		*suffix = suffixes[i];
		return mib_lookup(base);
	}
	return NULL;
}

static int column_in(const struct table *t, const struct mib_object *m)
{
	return m && !strcmp(m->table, t->def->name) ? table_column(t, m) : -1;
}

static void fill_one(struct agent *a, const struct table *t, const struct shm_seg *seg,
		     size_t i, struct cell *cells, size_t *present)
{
	const struct shm_obj *o = shm_seg_obj(seg, i);
	const char *suffix = NULL;
	const struct mib_object *m = mib_lookup(o->name);
	int col = column_in(t, m);

	if (col >= 0) {
		if (!value_fits(m, o)) {
			agent_note(a, "segment %s: %s has %u bytes, not a %s: not served",
				   shm_seg_name(seg), o->name, o->length, mib_type_name(m->type));
			return;
		}
		cells[col].obj = i + 1;
		present[col]++;
		return;
	}
	m = aux_of(o->name, &suffix);
	col = column_in(t, m);
	if (col < 0)
		return;
	if (!value_aux_fits(m, suffix, o))
		agent_note(a, "segment %s: %s (%u bytes) is no time base of %s: ignored",
			   shm_seg_name(seg), o->name, o->length, m->name);
	else if (!cells[col].aux || !value_aux_ns(shm_seg_obj(seg, cells[col].aux - 1)))
		cells[col].aux = i + 1;         /* nanoseconds win */
}

static void dup_index(void *arg, const struct row *kept, const struct row *dropped)
{
	agent_note(arg, "segments %s and %s have the same index: serving %s%s",
		   shm_seg_name(kept->seg), shm_seg_name(dropped->seg),
		   shm_seg_name(kept->seg),
		   dropped->gone && !kept->gone ? " (the other's writer is gone)" : "");
}

static bool build_fault(void)
{
	const char *flag = getenv(BUILD_FAULT_ENV);

	return flag && !access(flag, F_OK);
}

/* An index being built: the rows of table T from segment I on, then
 * (CELLS) their cells from row I on, then the next table. */
struct ibuild {
	struct index *x;
	size_t t, i;
	bool cells;
};

/* The row of segment B->i in table T, if it has one. */
static void index_one(struct agent *a, const struct table *t, struct ibuild *b)
{
	struct index *x = b->x;
	struct rows *r = &x->rows[b->t];
	struct row *row = &r->v[r->n];

	row->seg = x->segs[b->i];
	resident_segs(a, &x->segs[b->i], x->nsegs - b->i);
	if (t->def->indexer(a, row->seg, row->idx)) {
		row->gone = owner_gone(a, owner_writer_of(row->seg));
		r->n++;
	} else {
		memset(row, 0, sizeof *row);
	}
	b->i++;
}

static void fill_row(struct agent *a, const struct table *t, struct rows *r, size_t i)
{
	struct cell *cells = r->cells + i * t->ncols;

	for (size_t j = 0; j < shm_seg_nobjs(r->v[i].seg); j++)
		fill_one(a, t, r->v[i].seg, j, cells, r->present);
	r->v[i].cells = cells;
}

/* The next piece of work; 1 when the index is complete, -1 when out
 * of memory. */
static int build_one(struct agent *a, struct ibuild *b)
{
	const struct table *t = &a->tables.v[b->t];
	struct rows *r = &b->x->rows[b->t];

	if (b->t == a->tables.n)
		return 1;
	if (!b->cells && b->i == 0 && !r->v) {
		r->v = calloc(b->x->nsegs + 1, sizeof *r->v);
		r->present = calloc(t->ncols, sizeof *r->present);
		if (!r->v || !r->present)
			return -1;
	}
	if (!b->cells && b->i < b->x->nsegs) {
		index_one(a, t, b);
	} else if (!b->cells) {
		rows_sort(r, t->nindex, dup_index, a);
		if (!(r->cells = calloc(r->n * t->ncols + 1, sizeof *r->cells)))
			return -1;
		b->cells = true;
		b->i = 0;
	} else if (b->i < r->n) {
		fill_row(a, t, r, b->i++);
	} else {
		b->t++;
		b->i = 0;
		b->cells = false;
	}
	return 0;
}

struct ibuild *ibuild_begin(struct agent *a, const struct segset *s,
			    struct shm_seg *const *extra, size_t nextra)
{
	struct ibuild *b = calloc(1, sizeof *b);
	struct index *x = b ? calloc(1, sizeof *x) : NULL;

	if (!x || !(x->rows = calloc(a->tables.n + 1, sizeof *x->rows)) ||
	    !(x->segs = calloc(s->n + nextra + 1, sizeof *x->segs)) || build_fault()) {
		index_free(x, a->tables.n);
		free(b);
		return NULL;
	}
	b->x = x;
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i].seg)
			x->segs[x->nsegs++] = s->v[i].seg;
	for (size_t i = 0; i < nextra; i++)
		x->segs[x->nsegs++] = extra[i];
	return b;
}

int ibuild_step(struct agent *a, struct ibuild *b, struct budget *bud)
{
	int rc;

	while (!(rc = build_one(a, b)))
		if (budget_spent(bud))
			return 0;
	if (rc > 0)
		resident_touched(a);    /* the indexers read every segment */
	return rc;
}

struct index *ibuild_finish(struct ibuild *b)
{
	struct index *x = b->x;

	free(b);
	return x;
}

void ibuild_abort(struct agent *a, struct ibuild *b)
{
	if (b)
		index_free(ibuild_finish(b), a->tables.n);
}

struct index *index_empty(const struct tables *tabs)
{
	struct index *x = calloc(1, sizeof *x);

	if (!x || !(x->rows = calloc(tabs->n + 1, sizeof *x->rows)))
		goto fail;
	for (size_t t = 0; t < tabs->n; t++)
		if (!(x->rows[t].present = calloc(tabs->v[t].ncols, sizeof *x->rows[t].present)))
			goto fail;
	return x;
fail:
	index_free(x, tabs->n);
	return NULL;
}

void index_free(struct index *x, size_t ntables)
{
	if (!x)
		return;
	for (size_t t = 0; x->rows && t < ntables; t++) {
		free(x->rows[t].v);
		free(x->rows[t].cells);
		free(x->rows[t].present);
	}
	free(x->rows);
	free(x->segs);
	free(x);
}

/* Whether X and Y are one entry: same index, same segment name (a
 * segment republished under its name is the same interface; another
 * segment at the index, a kernel interface that took a port's, is
 * another entry). */
static bool same_entry(const struct row *x, const struct row *y, unsigned nindex)
{
	return !memcmp(x->idx, y->idx, nindex * sizeof x->idx[0]) &&
	       (x->seg == y->seg || !strcmp(shm_seg_name(x->seg), shm_seg_name(y->seg)));
}

bool rows_differ(const struct rows *a, const struct rows *b, unsigned nindex)
{
	if (a->n != b->n)
		return true;
	for (size_t i = 0; i < a->n; i++)
		if (!same_entry(&a->v[i], &b->v[i], nindex))
			return true;
	return false;
}
