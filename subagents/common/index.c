/*
 * The instance index (see index.h): table layouts from the catalogue,
 * row ordering and the GET/GETNEXT searches.
 */
#include <stdlib.h>
#include <string.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#include "subagents/common/index.h"

int oid_cmp(const oid *a, size_t alen, const oid *b, size_t blen)
{
	size_t n = alen < blen ? alen : blen;

	for (size_t i = 0; i < n; i++)
		if (a[i] != b[i])
			return a[i] < b[i] ? -1 : 1;
	return (alen > blen) - (alen < blen);
}

static uint32_t arc(const struct column *c)
{
	return c->mib->oid[c->mib->oid_len - 1];
}

static int by_arc(const void *a, const void *b)
{
	uint32_t x = arc(a), y = arc(b);

	return (x > y) - (x < y);
}

int table_column(const struct table *t, const struct mib_object *mib)
{
	size_t lo = 0, hi = t->ncols;
	uint32_t want = mib->oid[mib->oid_len - 1];

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (arc(&t->cols[mid]) == want)
			return t->cols[mid].mib == mib ? (int)mid : -1;
		if (arc(&t->cols[mid]) < want)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

static int layout_error(const struct agent_table *def, const char *what,
			const char *name)
{
	snmp_log(LOG_ERR, "table %s: %s%s\n", def->name, what, name);
	return -1;
}

/* Whether M's OID is the entry's and one column arc. */
static bool in_entry(const struct table *t, const struct mib_object *m)
{
	if (m->oid_len != t->entry_len + 1)
		return false;
	for (size_t i = 0; i < t->entry_len; i++)
		if (m->oid[i] != t->entry[i])
			return false;
	return true;
}

/* The table's entry OID (the table's OID and 1) and INDEX from the
 * catalogue; its columns are every readable catalogue object of the
 * table: not-accessible index objects (pwIndex) are no columns, even
 * when a segment holds an object of that name. */
static int layout(struct table *t, const struct agent_table *def)
{
	const struct mib_object *tab;

	t->def = def;
	if (!(t->mib = mib_table_lookup(def->name)))
		return layout_error(def, "not a table of the catalogue", "");
	tab = t->mib->obj;
	t->nindex = t->mib->nindex;
	t->entry_len = tab->oid_len + 1;
	for (size_t i = 0; i < tab->oid_len; i++)
		t->entry[i] = tab->oid[i];
	t->entry[tab->oid_len] = 1;
	t->cols = calloc(mib_catalogue_len, sizeof *t->cols);
	if (!t->cols)
		return -1;
	for (size_t i = 0; i < mib_catalogue_len; i++) {
		const struct mib_object *m = &mib_catalogue[i];

		if (m->type == MIB_TABLE || strcmp(m->table, def->name))
			continue;
		if (!in_entry(t, m))
			return layout_error(def, "not a column of its entry: ", m->name);
		if (mib_readable(m))
			t->cols[t->ncols++].mib = m;
	}
	if (!t->ncols)
		return layout_error(def, "no readable columns in the catalogue", "");
	qsort(t->cols, t->ncols, sizeof *t->cols, by_arc);
	return 0;
}

static int handlers(struct table *t)
{
	for (const struct agent_column *c = t->def->columns; c && c->name; c++) {
		const struct mib_object *m = mib_lookup(c->name);
		int col = m ? table_column(t, m) : -1;

		if (col < 0) {
			snmp_log(LOG_ERR, "table %s: %s is not one of its columns\n",
				 t->def->name, c->name);
			return -1;
		}
		t->cols[col].value = c->value;
	}
	return 0;
}

int tables_init(struct tables *t, const struct agent_def *def)
{
	size_t n = 0;

	while (def->tables && def->tables[n].name)
		n++;
	t->v = calloc(n + 1, sizeof *t->v);
	if (!t->v)
		return -1;
	for (t->n = 0; t->n < n; t->n++)
		if (layout(&t->v[t->n], &def->tables[t->n]) || handlers(&t->v[t->n])) {
			t->n++;
			return -1;
		}
	return 0;
}

void tables_free(struct tables *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->v[i].cols);
	free(t->v);
	*t = (struct tables){ 0 };
}

static int by_index(const void *a, const void *b, void *arg)
{
	const struct row *x = a, *y = b;
	unsigned nindex = *(const unsigned *)arg;

	for (unsigned i = 0; i < nindex; i++)
		if (x->idx[i] != y->idx[i])
			return x->idx[i] < y->idx[i] ? -1 : 1;
	if (x->gone != y->gone)         /* a live writer's row first */
		return x->gone ? 1 : -1;
	return strcmp(shm_seg_name(x->seg), shm_seg_name(y->seg));
}

size_t rows_sort(struct rows *r, unsigned nindex,
		 void (*dup)(void *arg, const struct row *kept,
			     const struct row *dropped), void *arg)
{
	size_t k = 0, dropped = 0;

	qsort_r(r->v, r->n, sizeof *r->v, by_index, &nindex);
	for (size_t i = 0; i < r->n; i++) {
		if (k && !memcmp(r->v[k - 1].idx, r->v[i].idx, nindex * sizeof r->v[i].idx[0])) {
			dup(arg, &r->v[k - 1], &r->v[i]);
			dropped++;
			continue;
		}
		r->v[k++] = r->v[i];
	}
	r->n = k;
	return dropped;
}

/* Compares row R's index with the OID suffix S. */
int idx_cmp(const uint32_t *x, const uint32_t *y, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		if (x[i] != y[i])
			return x[i] < y[i] ? -1 : 1;
	return 0;
}

ssize_t rows_find(const struct rows *r, unsigned nindex, const uint32_t *idx)
{
	size_t lo = 0, hi = r->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = idx_cmp(r->v[mid].idx, idx, nindex);

		if (!c)
			return mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

static int row_cmp(const struct row *r, unsigned nindex, const oid *s, size_t slen)
{
	oid idx[AGENT_INDEX_MAX];

	for (unsigned i = 0; i < nindex; i++)
		idx[i] = r->idx[i];
	return oid_cmp(idx, nindex, s, slen);
}

/* The first row whose index is greater than S (or equal, if EQ). */
static size_t row_search(const struct table *t, const struct rows *r,
			 const oid *s, size_t slen, bool eq)
{
	size_t lo = 0, hi = r->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = row_cmp(&r->v[mid], t->nindex, s, slen);

		if (c > 0 || (eq && c == 0))
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

static bool has_value(const struct table *t, const struct rows *r,
		      const struct pos *p)
{
	return t->cols[p->col].value || r->cells[p->row * t->ncols + p->col].obj;
}

static int find_arc(const struct table *t, oid a, bool exact)
{
	for (size_t i = 0; i < t->ncols; i++)
		if (arc(&t->cols[i]) >= a)
			return !exact || arc(&t->cols[i]) == a ? (int)i : -1;
	return -1;
}

int table_get(const struct table *t, const struct rows *r,
	      const oid *name, size_t len, struct pos *p)
{
	size_t e = t->entry_len;
	int col;

	if (len <= e || oid_cmp(name, e, t->entry, e) ||
	    (col = find_arc(t, name[e], true)) < 0)
		return SNMP_NOSUCHOBJECT;
	if (len != e + 1 + t->nindex)
		return SNMP_NOSUCHINSTANCE;
	p->col = col;
	p->row = row_search(t, r, name + e + 1, t->nindex, true);
	if (p->row == r->n ||
	    row_cmp(&r->v[p->row], t->nindex, name + e + 1, t->nindex) ||
	    !has_value(t, r, p))
		return SNMP_NOSUCHINSTANCE;
	return 0;
}

/* The first position at or after P that holds a value. */
static bool seek(const struct table *t, const struct rows *r, struct pos *p)
{
	for (; p->col < t->ncols; p->col++, p->row = 0) {
		if (!t->cols[p->col].value && !r->present[p->col])
			continue;
		for (; p->row < r->n; p->row++)
			if (has_value(t, r, p))
				return true;
	}
	return false;
}

bool table_next(const struct table *t, const struct rows *r,
		const oid *name, size_t len, struct pos *p)
{
	size_t e = t->entry_len;
	int c = oid_cmp(name, len < e ? len : e, t->entry, len < e ? len : e);
	int col;

	*p = (struct pos){ 0, 0 };
	if (c > 0)
		return false;
	if (c < 0 || len <= e)
		return seek(t, r, p);
	col = find_arc(t, name[e], false);
	if (col < 0)
		return false;
	p->col = col;
	if (arc(&t->cols[col]) == name[e])
		p->row = row_search(t, r, name + e + 1, len - e - 1, false);
	return seek(t, r, p);
}

bool table_step(const struct table *t, const struct rows *r, struct pos *p)
{
	p->row++;
	return seek(t, r, p);
}

size_t table_oid(const struct table *t, const struct rows *r,
		 const struct pos *p, oid *out)
{
	size_t n = t->entry_len;

	memcpy(out, t->entry, n * sizeof *out);
	out[n++] = arc(&t->cols[p->col]);
	for (unsigned i = 0; i < t->nindex; i++)
		out[n++] = r->v[p->row].idx[i];
	return n;
}
