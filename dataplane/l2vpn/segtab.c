/*
 * Table-described segments; see segtab.h.
 */
#include <stdlib.h>
#include <string.h>

#include "dataplane/l2vpn/segtab.h"
#include "mibs/catalogue.h"

/* A Bits value in the octets its definition needs (RFC 3417 §8), so
 * that readers which take the stored length (the Perl agents) serve
 * the right one too: bits 0-7 from NUM, the rest zero. */
static void store_bits(struct shm_writer *w, int h, const char *name,
		       uint64_t num)
{
	const struct mib_object *m = mib_lookup(name);
	uint8_t octets[SHM_BITS_LEN] = { (uint8_t)num };

	shm_writer_set_str(w, h, octets, m ? mib_bits_octets(m) : 1);
}

static void store(struct shm_writer *w, int h, const struct segtab_row *r,
		  const struct segtab_val *v)
{
	if (r->type == SHM_BITS)
		store_bits(w, h, r->name, v->num);
	else if (r->type == SHM_OCTETSTR)
		shm_writer_set_str(w, h, v->str, v->len);
	else if (r->type == SHM_COUNTER64)
		shm_writer_set_u64(w, h, v->num);
	else
		shm_writer_set_u32(w, h, (uint32_t)v->num);
}

/* The value of a constant row. */
static struct segtab_val constant(const struct segtab_row *r)
{
	return (struct segtab_val){ .num = r->value, .str = "" };
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
		  const struct segtab_row *rows, size_t n, unsigned omit,
		  const struct segtab_val *vals, struct shmib_err *err)
{
	size_t i;

	memset(t, 0, sizeof(*t));
	t->rows = rows;
	t->n = n;
	t->h = calloc(n, sizeof(*t->h));
	t->w = t->h ? shm_writer_new(dir, name, err) : NULL;
	if (!t->w) {
		if (!t->h)
			shmib_fail(err, "%s: out of memory", name);
		free(t->h);
		return -1;
	}
	for (i = 0; i < n; i++) {
		const struct segtab_row *r = &rows[i];
		struct segtab_val v = r->key ? vals[r->key] : constant(r);

		t->h[i] = -1;
		if (r->group & omit)
			continue;
		t->h[i] = shm_writer_add(t->w, r->name, r->type, maxlen(r, vals), err);
		if (t->h[i] < 0)
			break;
		store(t->w, t->h[i], r, &v);
	}
	if (i < n || shm_writer_publish(t->w, SEGTAB_MODE, err) < 0) {
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
		if (t->rows[i].key == key && t->h[i] >= 0)
			store(t->w, t->h[i], &t->rows[i], v);
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
	struct shmib_err err;

	if (t->w && unlink_files)
		shm_writer_unlink(t->w, &err);
	shm_writer_free(t->w);
	free(t->h);
	t->w = NULL;
	t->h = NULL;
}
