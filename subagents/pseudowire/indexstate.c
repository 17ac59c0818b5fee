/*
 * Index allocator and its state file (format and rules in
 * indexstate.h).  Each kind keeps its allocations sorted by name for
 * O(log n) lookups; allocations are rare (a new name), so inserting
 * into the sorted array is cheap enough.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "shm/internal.h"
#include "subagents/pseudowire/indexstate.h"
#include "subagents/common/lines.h"

struct alloc {
	char *name;
	uint32_t index;
	bool unsaved;           /* not in the file yet */
};

struct kind {
	struct alloc *v;        /* sorted by name */
	size_t n, cap;
	uint32_t max;           /* highest index ever allocated */
};

struct indexstate {
	char *path;
	struct kind kind[IDX_KINDS];
	bool dirty;
	bool unreadable;        /* the file exists but could not be read */
	size_t unsaved;         /* allocations not in the file yet */
};

static const char *const kind_word[IDX_KINDS] = {
	[IDX_PW] = "pw",
	[IDX_VPLS] = "vpls",
};

struct indexstate *indexstate_new(const char *path)
{
	struct indexstate *st = calloc(1, sizeof(*st));

	if (!st)
		return NULL;
	st->path = strdup(path);
	if (!st->path) {
		free(st);
		return NULL;
	}
	return st;
}

static void kind_clear(struct kind *k)
{
	for (size_t i = 0; i < k->n; i++)
		free(k->v[i].name);
	free(k->v);
	*k = (struct kind){ 0 };
}

void indexstate_free(struct indexstate *st)
{
	if (!st)
		return;
	for (int i = 0; i < IDX_KINDS; i++)
		kind_clear(&st->kind[i]);
	free(st->path);
	free(st);
}

/* Position of NAME in K, or where it would go (*FOUND false). */
static size_t kind_pos(const struct kind *k, const char *name, bool *found)
{
	size_t lo = 0, hi = k->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(k->v[mid].name, name);

		if (c == 0) {
			*found = true;
			return mid;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = false;
	return lo;
}

static int kind_insert(struct kind *k, size_t pos, const char *name,
		       uint32_t index)
{
	char *copy = strdup(name);

	if (!copy)
		return -1;
	if (k->n == k->cap) {
		size_t ncap = k->cap ? 2 * k->cap : 64;
		struct alloc *v = reallocarray(k->v, ncap, sizeof(*v));

		if (!v) {
			free(copy);
			return -1;
		}
		k->v = v;
		k->cap = ncap;
	}
	memmove(&k->v[pos + 1], &k->v[pos], (k->n - pos) * sizeof(*k->v));
	k->v[pos] = (struct alloc){ copy, index, false };
	k->n++;
	if (index > k->max)
		k->max = index;
	return 0;
}

uint32_t indexstate_find(const struct indexstate *st, enum idx_kind kind,
			 const char *name)
{
	const struct kind *k = &st->kind[kind];
	bool found;
	size_t pos = kind_pos(k, name, &found);

	return found ? k->v[pos].index : 0;
}

uint32_t indexstate_next(const struct indexstate *st, enum idx_kind kind)
{
	return st->kind[kind].max == UINT32_MAX ? 0 : st->kind[kind].max + 1;
}

uint32_t indexstate_get(struct indexstate *st, enum idx_kind kind,
			const char *name)
{
	struct kind *k = &st->kind[kind];
	uint32_t index = indexstate_next(st, kind);
	bool found;
	size_t pos = kind_pos(k, name, &found);

	if (found)
		return k->v[pos].index;
	if (!index || kind_insert(k, pos, name, index) < 0)
		return 0;
	k->v[pos].unsaved = true;
	st->unsaved++;
	st->dirty = true;
	return index;
}

uint32_t indexstate_saved(const struct indexstate *st, enum idx_kind kind,
			  const char *name)
{
	const struct kind *k = &st->kind[kind];
	bool found;
	size_t pos = kind_pos(k, name, &found);

	return found && !k->v[pos].unsaved ? k->v[pos].index : 0;
}

size_t indexstate_unsaved(const struct indexstate *st)
{
	return st->unsaved;
}

static void mark_saved(struct indexstate *st)
{
	for (int i = 0; i < IDX_KINDS; i++)
		for (size_t j = 0; j < st->kind[i].n; j++)
			st->kind[i].v[j].unsaved = false;
	st->unsaved = 0;
}

bool indexstate_unreadable(const struct indexstate *st)
{
	return st->unreadable;
}

const char *indexstate_path(const struct indexstate *st)
{
	return st->path;
}

bool indexstate_dirty(const struct indexstate *st)
{
	return st->dirty;
}

/* ---- Loading ------------------------------------------------------ */

/* A line as read; lines are checked against each other once all are
 * read, by sorting, so a large file loads in O(n log n). */
struct entry {
	int kind;
	uint32_t index;
	unsigned lineno;
	char *name;             /* NULL once dropped */
};

struct load {
	struct indexstate *st;
	const struct lines *l;
	struct entry *e;
	size_t n, cap;
	unsigned bad;           /* lines dropped */
	struct shmib_err first;   /* why the first was */
};

static int parse_index(const struct word *w, uint32_t *index)
{
	uint64_t v = 0;

	if (w->len == 0 || w->len > 10)
		return -1;
	for (size_t i = 0; i < w->len; i++) {
		if (w->s[i] < '0' || w->s[i] > '9')
			return -1;
		v = v * 10 + (w->s[i] - '0');
	}
	if (v == 0 || v > UINT32_MAX)
		return -1;
	*index = v;
	return 0;
}

static int parse_kind(const struct word *w)
{
	for (int i = 0; i < IDX_KINDS; i++)
		if (word_is(w, kind_word[i]))
			return i;
	return -1;
}

/* Counts a dropped line, remembering why if it is the first. */
static void drop(struct load *ld, unsigned lineno, const char *why,
		 const char *detail)
{
	if (!ld->bad++)
		shmib_fail(&ld->first, "%s:%u: %s%s", ld->st->path, lineno, why,
			 detail);
}

static int add_entry(struct load *ld, const struct entry *e)
{
	if (ld->n == ld->cap) {
		size_t ncap = ld->cap ? 2 * ld->cap : 64;
		struct entry *v = reallocarray(ld->e, ncap, sizeof(*v));

		if (!v)
			return -1;
		ld->e = v;
		ld->cap = ncap;
	}
	ld->e[ld->n++] = *e;
	return 0;
}

static void read_line(struct load *ld)
{
	const struct lines *l = ld->l;
	const char *problem;
	struct entry e = { .lineno = l->lineno };

	if (l->nwords != 3)
		return drop(ld, e.lineno, "expected \"KIND INDEX NAME\"", "");
	e.kind = parse_kind(&l->w[0]);
	if (e.kind < 0)
		return drop(ld, e.lineno, "unknown kind (not pw or vpls)", "");
	if (parse_index(&l->w[1], &e.index) < 0)
		return drop(ld, e.lineno, "index not in 1..4294967295", "");
	/* Even a dropped line's index is never given again. */
	if (e.index > ld->st->kind[e.kind].max)
		ld->st->kind[e.kind].max = e.index;
	problem = shm_name_problem(l->w[2].s, l->w[2].len);
	if (problem)
		return drop(ld, e.lineno, "bad name: ", problem);
	e.name = word_dup(&l->w[2]);
	if (!e.name || add_entry(ld, &e) < 0) {
		free(e.name);
		drop(ld, e.lineno, "out of memory", "");
	}
}

static int cmp_line(unsigned a, unsigned b)
{
	return (a > b) - (a < b);
}

static int by_name(const void *pa, const void *pb)
{
	const struct entry *a = pa, *b = pb;
	int c = a->kind - b->kind;

	if (!c)
		c = strcmp(a->name ? a->name : "", b->name ? b->name : "");
	return c ? c : cmp_line(a->lineno, b->lineno);
}

static int by_index(const void *pa, const void *pb)
{
	const struct entry *a = pa, *b = pb;
	int c = a->kind - b->kind;

	if (!c)
		c = (a->index > b->index) - (a->index < b->index);
	return c ? c : cmp_line(a->lineno, b->lineno);
}

/* Drops every entry that repeats the key of the one before it (the
 * earlier line wins).  SAME_NAME picks the key. */
static void drop_repeats(struct load *ld, bool same_name)
{
	struct entry *prev = NULL;

	if (!ld->n)
		return;
	qsort(ld->e, ld->n, sizeof(*ld->e), same_name ? by_name : by_index);
	for (size_t i = 0; i < ld->n; i++) {
		struct entry *e = &ld->e[i];

		if (!e->name)
			continue;
		if (prev && prev->kind == e->kind &&
		    (same_name ? !strcmp(prev->name, e->name)
			       : prev->index == e->index)) {
			drop(ld, e->lineno, same_name ?
			     "name already has an index: " :
			     "index already given to another name: ", e->name);
			free(e->name);
			e->name = NULL;
			continue;
		}
		prev = e;
	}
}

/* Hands the surviving entries (sorted by name) over to the kinds. */
static int keep_entries(struct load *ld)
{
	if (!ld->n)
		return 0;
	qsort(ld->e, ld->n, sizeof(*ld->e), by_name);
	for (size_t i = 0; i < ld->n; i++) {
		struct entry *e = &ld->e[i];
		struct kind *k = &ld->st->kind[e->kind];

		if (!e->name)
			continue;
		if (kind_insert(k, k->n, e->name, e->index) < 0)
			return -1;
	}
	return 0;
}

static void load_text(struct load *ld, const char *text, size_t len)
{
	struct lines l;

	ld->l = &l;
	lines_init(&l, ld->st->path, text, len);
	while (lines_next(&l))
		read_line(ld);
	drop_repeats(ld, true);
	drop_repeats(ld, false);
	if (keep_entries(ld) < 0)
		drop(ld, 0, "out of memory", "");
	for (size_t i = 0; i < ld->n; i++)
		free(ld->e[i].name);
	free(ld->e);
}

int indexstate_load(struct indexstate *st, struct shmib_err *err)
{
	struct load ld = { .st = st };
	char *text;
	size_t len;

	st->unreadable = false;
	if (lines_read(st->path, &text, &len, err) < 0) {
		if (errno == ENOENT)
			return 0;
		/* It may hold allocations: never written over.  Those
		 * made meanwhile stay, unsaved. */
		st->unreadable = true;
		st->dirty = true;
		return -1;
	}
	for (int i = 0; i < IDX_KINDS; i++)
		kind_clear(&st->kind[i]);
	st->unsaved = 0;
	load_text(&ld, text, len);
	free(text);
	if (!ld.bad)
		return 0;
	st->dirty = true;
	return shmib_fail(err, "%s (%u bad line%s dropped, the file is rewritten)",
			ld.first.msg, ld.bad, ld.bad == 1 ? "" : "s");
}

/* ---- Saving ------------------------------------------------------- */

static int by_alloc_index(const void *pa, const void *pb)
{
	const struct alloc *a = *(const struct alloc *const *)pa;
	const struct alloc *b = *(const struct alloc *const *)pb;

	return (a->index > b->index) - (a->index < b->index);
}

/* The allocations of every kind, in index order (easier to read). */
static int write_state(const struct indexstate *st, FILE *f)
{
	fprintf(f, "# shmib-pseudowire index state: \"KIND INDEX NAME\" a line.\n"
		"# Written by the agent; edit only while it is stopped.\n");
	for (int i = 0; i < IDX_KINDS; i++) {
		const struct kind *k = &st->kind[i];
		const struct alloc **v = malloc((k->n + 1) * sizeof(*v));

		if (!v)
			return -1;
		for (size_t j = 0; j < k->n; j++)
			v[j] = &k->v[j];
		qsort(v, k->n, sizeof(*v), by_alloc_index);
		for (size_t j = 0; j < k->n; j++)
			fprintf(f, "%s %u %s\n", kind_word[i], v[j]->index,
				v[j]->name);
		free(v);
	}
	return ferror(f) ? -1 : 0;
}

int indexstate_save(struct indexstate *st, struct shmib_err *err)
{
	char tmp[4096];
	FILE *f;
	int fd, rc;

	if (!st->dirty)
		return 0;
	if (st->unreadable)
		return shmib_fail(err, "%s: could not be read, so it is not written over",
				st->path);
	if (snprintf(tmp, sizeof(tmp), "%s.XXXXXX", st->path) >= (int)sizeof(tmp))
		return shmib_fail(err, "%s: path too long", st->path);
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0)             /* (TMP's X are changed even on failure) */
		return shmib_fail(err, "%s: cannot create %s.XXXXXX: %s", st->path,
				st->path, strerror(errno));
	(void)fchmod(fd, 0644);      /* not secret; mkostemp made it 0600 */
	f = fdopen(fd, "w");
	if (!f) {
		close(fd);
		unlink(tmp);
		return shmib_fail(err, "%s: %s", tmp, strerror(errno));
	}
	rc = write_state(st, f);
	if (rc == 0 && (fflush(f) != 0 || fsync(fileno(f)) != 0))
		rc = -1;
	if (fclose(f) != 0)
		rc = -1;
	if (rc == 0 && rename(tmp, st->path) != 0)
		rc = -1;
	if (rc < 0) {
		int saved = errno;

		unlink(tmp);
		return shmib_fail(err, "%s: cannot write: %s", st->path,
				strerror(saved));
	}
	st->dirty = false;
	mark_saved(st);
	return 0;
}
