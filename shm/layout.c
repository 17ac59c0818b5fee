/*
 * Layouts: parsed indexes, shared by the segments whose index text is
 * the same.  A dataplane writes every interface (pseudowire, VPLS)
 * segment from the same object list, so 10,000 segments have a handful
 * of distinct indexes; parsed once each, their object tables, names
 * and sorted lookup tables are held once instead of 10,000 times
 * (about 1.9 kB a segment in Snabb's interface layout).
 *
 * The table is keyed by the index text itself (hash, then a full
 * compare), so two segments share a layout only when their indexes
 * are byte for byte the same: offsets, lengths and names are then
 * the same by construction.  Layouts are reference counted and freed
 * with their last segment.  The table is process-wide; a mutex keeps
 * opening and closing segments safe from several threads.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "shm/shm.h"
#include "shm/internal.h"

#define BUCKETS 1024            /* a power of two */

static struct shm_layout *table[BUCKETS];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

/* FNV-1a, 64 bits. */
static uint64_t hash(const char *p, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ull;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)p[i]) * 0x100000001b3ull;
	return h;
}

static int by_name(const void *a, const void *b)
{
	const struct shm_obj *const *x = a, *const *y = b;

	return strcmp((*x)->name, (*y)->name);
}

static void layout_free(struct shm_layout *l)
{
	if (!l)
		return;
	free(l->text);
	free(l->objs);
	free(l->names);
	free(l->sorted);
	free(l);
}

/* Parses TEXT into a new layout (FILE names it in messages). */
static struct shm_layout *parse(const char *file, const char *text,
				size_t len, struct shmib_err *err)
{
	struct shm_layout *l = calloc(1, sizeof(*l));
	int n;

	if (!l || !(l->text = malloc(len + 1))) {
		free(l);
		shmib_fail_sys(err, ENOMEM, file, NULL);
		return NULL;
	}
	memcpy(l->text, text, len);
	l->len = len;
	n = shm_index_parse(file, text, len, &l->objs, &l->names, &l->total, err);
	if (n < 0) {
		layout_free(l);
		return NULL;
	}
	l->nobjs = n;
	l->sorted = malloc(n * sizeof(*l->sorted) + 1);
	if (!l->sorted) {
		layout_free(l);
		shmib_fail_sys(err, ENOMEM, file, NULL);
		return NULL;
	}
	for (int i = 0; i < n; i++)
		l->sorted[i] = &l->objs[i];
	qsort(l->sorted, n, sizeof(*l->sorted), by_name);
	return l;
}

struct shm_layout *shm_layout_get(const char *file, const char *text,
				  size_t len, struct shmib_err *err)
{
	uint64_t h = hash(text, len);
	struct shm_layout **b = &table[h & (BUCKETS - 1)], *l;

	pthread_mutex_lock(&lock);
	for (l = *b; l; l = l->next)
		if (l->hash == h && l->len == len && !memcmp(l->text, text, len))
			break;
	if (!l && (l = parse(file, text, len, err))) {
		l->hash = h;
		l->next = *b;
		*b = l;
	}
	if (l)
		l->refs++;
	pthread_mutex_unlock(&lock);
	return l;
}

void shm_layout_put(struct shm_layout *l)
{
	struct shm_layout **p;

	if (!l)
		return;
	pthread_mutex_lock(&lock);
	if (--l->refs == 0) {
		for (p = &table[l->hash & (BUCKETS - 1)]; *p != l; p = &(*p)->next)
			;
		*p = l->next;
		layout_free(l);
	}
	pthread_mutex_unlock(&lock);
}

const struct shm_obj *shm_layout_find(const struct shm_layout *l,
				      const char *name)
{
	struct shm_obj key = { .name = name };
	const struct shm_obj *k = &key, *const *hit;

	hit = bsearch(&k, l->sorted, l->nobjs, sizeof(*l->sorted), by_name);
	return hit ? *hit : NULL;
}
