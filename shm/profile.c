/*
 * Segments written after a profile; see profile.h.
 */
#include <stdlib.h>
#include <string.h>

#include "shm/profile.h"

static void store(struct shm_writer *w, int h, const struct shm_pobj *o,
		  const struct shm_pval *v)
{
	uint8_t octets[SHM_BITS_LEN] = { (uint8_t)v->num };

	if (o->type == SHM_BITS)
		shm_writer_set_str(w, h, octets, o->size);
	else if (o->type == SHM_OCTETSTR)
		shm_writer_set_str(w, h, v->len ? v->str : "", v->len);
	else if (o->type == SHM_COUNTER64)
		shm_writer_set_u64(w, h, v->num);
	else
		shm_writer_set_u32(w, h, (uint32_t)v->num);
}

/* The value of a constant object. */
static struct shm_pval constant(const struct shm_pobj *o)
{
	return (struct shm_pval){ .num = o->value, .str = "" };
}

static size_t capacity(const struct shm_pobj *o, const struct shm_pval *v)
{
	if (o->type == SHM_BITS)
		return SHM_BITS_LEN;
	if (o->type == SHM_OCTETSTR && !o->size)
		return v->len > v->cap ? v->len : v->cap;
	return o->size;
}

int shm_pseg_init(struct shm_pseg *s, struct shm_writer *w,
		  const struct shm_profile *p, unsigned omit,
		  const struct shm_pval *vals, struct shmib_err *err)
{
	size_t i;

	*s = (struct shm_pseg){ .w = w, .p = p };
	if (!w)
		return -1;
	s->h = calloc(p->n, sizeof(*s->h));
	if (!s->h) {
		shmib_fail(err, "%s segment: out of memory", p->name);
		shm_pseg_free(s, false);
		return -1;
	}
	for (i = 0; i < p->n; i++) {
		const struct shm_pobj *o = &p->obj[i];
		struct shm_pval v = o->key ? vals[o->key] : constant(o);

		s->h[i] = -1;
		if (o->group & omit)
			continue;
		s->h[i] = shm_writer_add(w, o->name, o->type, capacity(o, &v), err);
		if (s->h[i] < 0) {
			shm_pseg_free(s, false);
			return -1;
		}
		store(w, s->h[i], o, &v);
	}
	return 0;
}

int shm_pseg_create(struct shm_pseg *s, const char *dir, const char *name,
		    const struct shm_profile *p, unsigned omit,
		    const struct shm_pval *vals, mode_t mode,
		    struct shmib_err *err)
{
	if (shm_pseg_init(s, shm_writer_new(dir, name, err), p, omit, vals, err) < 0)
		return -1;
	if (shm_writer_publish(s->w, mode, err) < 0) {
		shm_pseg_free(s, false);
		return -1;
	}
	return 0;
}

void shm_pseg_set(struct shm_pseg *s, int key, const struct shm_pval *v)
{
	for (size_t i = 0; i < s->p->n; i++)
		if (s->p->obj[i].key == key && s->h[i] >= 0)
			store(s->w, s->h[i], &s->p->obj[i], v);
}

void shm_pseg_set_num(struct shm_pseg *s, int key, uint64_t num)
{
	struct shm_pval v = { .num = num };

	shm_pseg_set(s, key, &v);
}

void shm_pseg_set_str(struct shm_pseg *s, int key, const char *str)
{
	struct shm_pval v = { .str = str, .len = strlen(str) };

	shm_pseg_set(s, key, &v);
}

void shm_pseg_free(struct shm_pseg *s, bool unlink_files)
{
	struct shmib_err err;

	if (s->w && unlink_files)
		shm_writer_unlink(s->w, &err);
	shm_writer_free(s->w);
	free(s->h);
	s->w = NULL;
	s->h = NULL;
}

const struct shm_pobj *shm_profile_find(const struct shm_profile *p,
					const char *name)
{
	for (size_t i = 0; i < p->n; i++)
		if (!strcmp(p->obj[i].name, name))
			return &p->obj[i];
	return NULL;
}
