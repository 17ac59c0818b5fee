/*
 * Table-described segments; see segtab.h.
 */
#include <stdlib.h>
#include <string.h>

#include "dataplane/l2vpn/segtab.h"

static bool stringy(enum shm_type type)
{
	return type == SHM_OCTETSTR || type == SHM_BITS;
}

static void store(struct shm_writer *w, int h, enum shm_type type,
		  const struct segtab_val *v)
{
	if (stringy(type))
		shm_writer_set_str(w, h, v->str, v->len);
	else if (type == SHM_COUNTER64)
		shm_writer_set_u64(w, h, v->num);
	else
		shm_writer_set_u32(w, h, (uint32_t)v->num);
}

/* The value of a constant row. */
static struct segtab_val constant(const struct segtab_row *r, uint8_t *byte)
{
	struct segtab_val v = { .num = r->value, .str = "" };

	if (r->type == SHM_BITS && r->value >= 0) {
		*byte = r->value;
		v.str = byte;
		v.len = 1;
	}
	return v;
}

static size_t maxlen(const struct segtab_row *r, const struct segtab_val *vals)
{
	if (r->type == SHM_BITS)
		return SHM_BITS_LEN;
	if (r->type == SHM_OCTETSTR && r->key && !r->maxlen)
		return vals[r->key].len;
	return r->maxlen;
}

int segtab_create(struct segtab *t, const char *dir, const char *name,
		  const struct segtab_row *rows, size_t n,
		  const struct segtab_val *vals, struct shm_err *err)
{
	uint8_t byte;

	memset(t, 0, sizeof(*t));
	t->rows = rows;
	t->n = n;
	t->h = calloc(n, sizeof(*t->h));
	t->w = t->h ? shm_writer_new(dir, name, err) : NULL;
	if (!t->w) {
		if (!t->h)
			shm_fail(err, "%s: out of memory", name);
		free(t->h);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		const struct segtab_row *r = &rows[i];
		struct segtab_val v = r->key ? vals[r->key] : constant(r, &byte);

		t->h[i] = shm_writer_add(t->w, r->name, r->type, maxlen(r, vals), err);
		if (t->h[i] < 0)
			break;
		store(t->w, t->h[i], r->type, &v);
	}
	if (t->h[n - 1] < 0 || shm_writer_publish(t->w, SEGTAB_MODE, err) < 0) {
		segtab_destroy(t, false);
		return -1;
	}
	return 0;
}

/* Not guarded as a whole: numbers are single stores, strings guard
 * themselves, and the end of a guarded update signals readers (shm.h),
 * which counters set on every publish must not do.  Status changes are
 * guarded by the caller. */
void segtab_set(struct segtab *t, int key, const struct segtab_val *v)
{
	for (size_t i = 0; i < t->n; i++)
		if (t->rows[i].key == key)
			store(t->w, t->h[i], t->rows[i].type, v);
}

void segtab_set_num(struct segtab *t, int key, uint64_t num)
{
	struct segtab_val v = { .num = num };

	segtab_set(t, key, &v);
}

void segtab_set_str(struct segtab *t, int key, const char *s)
{
	struct segtab_val v = { .str = s, .len = strlen(s) };

	segtab_set(t, key, &v);
}

void segtab_destroy(struct segtab *t, bool unlink_files)
{
	struct shm_err err;

	if (t->w && unlink_files)
		shm_writer_unlink(t->w, &err);
	shm_writer_free(t->w);
	free(t->h);
	t->w = NULL;
	t->h = NULL;
}
