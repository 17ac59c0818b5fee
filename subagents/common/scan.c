/*
 * The scanner (see scan.h).  A rescan merges the sorted list of index
 * files found now with the sorted set of the last scan.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <limits.h>
#include <syslog.h>

#include "subagents/common/scan.h"

struct filesig filesig(const char *path)
{
	struct stat st;

	if (stat(path, &st))
		return (struct filesig){ 0 };
	return (struct filesig){ st.st_ino, st.st_size, st.st_mtim, st.st_ctim };
}

bool filesig_eq(struct filesig a, struct filesig b)
{
	return a.ino == b.ino && a.size == b.size &&
	       a.mtime.tv_sec == b.mtime.tv_sec &&
	       a.mtime.tv_nsec == b.mtime.tv_nsec &&
	       a.ctime.tv_sec == b.ctime.tv_sec &&
	       a.ctime.tv_nsec == b.ctime.tv_nsec;
}

static struct filesig index_sig(const char *dir, const char *name)
{
	char path[PATH_MAX];

	snprintf(path, sizeof path, "%s/%s%s", dir, name, SHM_INDEX_SUFFIX);
	return filesig(path);
}

static void seg_sigs(const char *dir, const char *name, struct segent *e)
{
	char path[PATH_MAX];

	e->idx = index_sig(dir, name);
	snprintf(path, sizeof path, "%s/%s", dir, name);
	e->data = filesig(path);
}

static bool bad_unchanged(const char *dir, const struct segent *e)
{
	struct segent now;

	seg_sigs(dir, e->name, &now);
	return filesig_eq(now.idx, e->idx) && filesig_eq(now.data, e->data);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A rescan under way: the listing, then the merge of the sorted names
 * with the set of the last scan into a new set, which the commit puts
 * in force (the old one stays whole until then, for segset_find). */
struct segscan {
	struct segset *s;
	char *dir;
	DIR *dh;                        /* open while listing */
	char **names;                   /* listed; sorted once complete */
	size_t n, cap;
	struct segent *v;               /* the new set */
	size_t i, j, k;                 /* merge: names, s->v, v */
	struct shm_seg **dead;          /* of s->v: dropped or replaced */
	size_t ndead;
	char **gone;                    /* names of s->v's dropped entries */
	size_t ngone;
	bool changed, failed;
};

/* Adds the next name of the listing; false when there is none (or no
 * memory: the listing ends there, as a shorter one). */
static bool list_one(struct segscan *j)
{
	size_t sl = strlen(SHM_INDEX_SUFFIX);
	struct dirent *d;

	while ((d = readdir(j->dh))) {
		size_t len = strlen(d->d_name);
		char *name;

		if (len <= sl || strcmp(d->d_name + len - sl, SHM_INDEX_SUFFIX))
			continue;
		if (!(name = strndup(d->d_name, len - sl)))
			return false;
		if (j->s->accept && !j->s->accept(j->s->arg, name)) {
			free(name);
			continue;
		}
		if (j->n == j->cap) {
			char **nv = reallocarray(j->names, j->cap ? 2 * j->cap : 256, sizeof *nv);

			if (!nv) {
				free(name);
				return false;
			}
			j->names = nv;
			j->cap = j->cap ? 2 * j->cap : 256;
		}
		j->names[j->n++] = name;
		return true;
	}
	return false;
}

static void open_seg(const struct segset *s, const char *dir, struct segent *e)
{
	/* A writer publishes by renaming the index last: an index as it
	 * was before the open tells the next scan whether a segment that
	 * failed was republished since, even one republished meanwhile. */
	struct filesig before = index_sig(dir, e->name);
	struct shmib_err err;

	e->seg = shm_seg_open(dir, e->name, &err);
	if (e->seg)
		return;
	seg_sigs(dir, e->name, e);
	e->idx = before;
	/* Gone between the listing and the open: a republish (shm.h) or a
	 * removal, which the next scan sees; nothing to warn about. */
	if (err.sys_errno == ENOENT)
		s->log(LOG_DEBUG, "segment %s went away while opened", e->name);
	else
		s->log(LOG_WARNING, "skipping segment %s: %s", e->name, err.msg);
}

/* Carries OLD over into the new set or reopens it; true if changed. */
static bool carry(const struct segset *s, const char *dir, struct segent *old, struct segent *e,
		  struct shm_seg **dead, size_t *ndead)
{
	bool shrank = old->seg && shm_seg_faulted(old->seg);

	*e = *old;              /* the name now shared: see segscan_commit */
	if (e->seg ? !shm_seg_changed(e->seg) : bad_unchanged(dir, e))
		return false;
	if (e->seg)
		dead[(*ndead)++] = e->seg;
	open_seg(s, dir, e);
	/* Rewritten in place (cp over it): the one line says so; a file
	 * that stays short is logged by open_seg. */
	if (e->seg && shrank)
		s->log(LOG_WARNING, "segment %s: data file shrank under a "
		       "read and is whole again: reopened", e->name);
	return true;
}

/* Why DIR cannot be listed (an errno), or 0. */
static int dir_error(const char *dir)
{
	DIR *d = opendir(dir);

	if (!d)
		return errno;
	closedir(d);
	return 0;
}

/* One line when the directory's condition changes, not at each scan:
 * missing (waited for), unreadable (e.g. EACCES for an agent that runs
 * as another user), or fine again. */
static void note_dir(struct segset *s, const char *dir)
{
	int err = dir_error(dir);

	if (err == s->dir_errno)
		;
	else if (err == ENOENT)
		s->log(LOG_WARNING, "%s: %s; waiting for it", dir, strerror(err));
	else if (err)
		s->log(LOG_ERR, "%s: cannot list it: %s; no segment is served from it "
		       "until that changes", dir, strerror(err));
	else
		s->log(LOG_INFO, "%s: %s", dir, s->dir_errno == ENOENT ? "found" : "readable again");
	s->dir_errno = err;
	s->dir = filesig(dir);
}

uint64_t budget_now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000000000u + t.tv_nsec;
}

bool budget_spent(struct budget *b)
{
	/* The clock every few items: an item is a few µs at most. */
	return b->until_ns && ++b->calls % 8 == 0 && budget_now_ns() >= b->until_ns;
}

static int name_cmp(const void *key, const void *e);

struct segscan *segscan_begin(struct segset *s, const char *dir)
{
	struct segscan *j = calloc(1, sizeof *j);

	note_dir(s, dir);
	if (!j)
		return NULL;
	j->s = s;
	j->dir = strdup(dir);
	j->dead = calloc(s->n + 1, sizeof *j->dead);
	j->gone = calloc(s->n + 1, sizeof *j->gone);
	if (!j->dir || !j->dead || !j->gone) {
		j->failed = true;
		return j;
	}
	j->dh = opendir(dir);           /* none: no segment there */
	return j;
}

/* One step of the merge; false when it is complete. */
static bool merge_one(struct segscan *j)
{
	struct segset *s = j->s;
	int c;

	if (j->i == j->n && j->j == s->n)
		return false;
	c = j->i == j->n ? 1 : j->j == s->n ? -1 : strcmp(j->names[j->i], s->v[j->j].name);
	if (c < 0) {
		j->v[j->k].name = j->names[j->i];
		j->names[j->i++] = NULL;
		open_seg(s, j->dir, &j->v[j->k++]);
		j->changed = true;
	} else if (c > 0) {
		if (s->v[j->j].seg) {
			j->dead[j->ndead++] = s->v[j->j].seg;
			j->changed = true;
		}
		j->gone[j->ngone++] = s->v[j->j++].name;
	} else {
		j->changed |= carry(s, j->dir, &s->v[j->j++], &j->v[j->k++], j->dead, &j->ndead);
		free(j->names[j->i]);
		j->names[j->i++] = NULL;
	}
	return true;
}

bool segscan_step(struct segscan *j, struct budget *b)
{
	if (j->failed)
		return true;
	while (j->dh) {
		if (!list_one(j)) {
			closedir(j->dh);
			j->dh = NULL;
			if (j->n)
				qsort(j->names, j->n, sizeof *j->names, by_name);
			if (!(j->v = calloc(j->n + 1, sizeof *j->v)))
				return j->failed = true;
			break;
		}
		if (budget_spent(b))
			return false;
	}
	if (!j->v && !(j->v = calloc(1, sizeof *j->v)))
		return j->failed = true;
	while (merge_one(j))
		if (budget_spent(b))
			return false;
	return true;
}

static void segscan_free(struct segscan *j)
{
	if (j->dh)
		closedir(j->dh);
	for (size_t i = 0; i < j->n; i++)
		free(j->names[i]);
	free(j->names);
	free(j->gone);
	free(j->dir);
	free(j);
}

bool segscan_commit(struct segscan *j, struct shm_seg ***dead, size_t *ndead)
{
	struct segset *s = j->s;
	bool changed = j->changed;

	if (j->failed) {
		segscan_abort(j);
		*dead = NULL;
		*ndead = 0;
		return false;
	}
	for (size_t i = 0; i < j->ngone; i++)
		free(j->gone[i]);
	free(s->v);
	s->v = j->v;
	s->n = j->k;
	*dead = j->dead;
	*ndead = j->ndead;
	segscan_free(j);
	return changed;
}

void segscan_abort(struct segscan *j)
{
	/* What the scan opened goes; the old set keeps its own. */
	for (size_t k = 0; j->v && k < j->k; k++) {
		const struct segent *e = &j->v[k];
		const struct segent *old = j->s->n ?
			bsearch(e->name, j->s->v, j->s->n, sizeof *j->s->v, name_cmp) : NULL;

		if (!old || old->seg != e->seg)
			shm_seg_close(e->seg);
		if (!old)
			free(e->name);
	}
	free(j->v);
	free(j->dead);
	segscan_free(j);
}

bool segset_scan(struct segset *s, const char *dir, struct shm_seg ***deadp,
		 size_t *ndead)
{
	struct segscan *j = segscan_begin(s, dir);
	struct budget none = { 0 };

	if (!j) {
		*deadp = NULL;
		*ndead = 0;
		return false;
	}
	segscan_step(j, &none);
	return segscan_commit(j, deadp, ndead);
}

bool segset_stale(const struct segset *s, const char *dir)
{
	if (!filesig_eq(filesig(dir), s->dir))
		return true;
	for (size_t i = 0; i < s->n; i++) {
		const struct segent *e = &s->v[i];

		/* A read that found a data file shrunk is as good as an
		 * event (the flag costs nothing to look at). */
		if (s->watched ? e->seg && shm_seg_faulted(e->seg) :
		    e->seg ? shm_seg_changed(e->seg) : !bad_unchanged(dir, e))
			return true;
	}
	return false;
}

static int name_cmp(const void *key, const void *e)
{
	return strcmp(key, ((const struct segent *)e)->name);
}

struct shm_seg *segset_find(const struct segset *s, const char *name)
{
	const struct segent *e = s->n ? bsearch(name, s->v, s->n, sizeof *s->v, name_cmp) : NULL;

	return e ? e->seg : NULL;
}

int seg_addr_cmp(const void *x, const void *y)
{
	uintptr_t p = (uintptr_t)*(struct shm_seg *const *)x;
	uintptr_t q = (uintptr_t)*(struct shm_seg *const *)y;

	return p < q ? -1 : p > q;
}

void segset_free(struct segset *s)
{
	for (size_t i = 0; i < s->n; i++) {
		shm_seg_close(s->v[i].seg);
		free(s->v[i].name);
	}
	free(s->v);
	*s = (struct segset){ .accept = s->accept, .arg = s->arg, .log = s->log };
}
