/*
 * The scanner (see scan.h).  A rescan merges the sorted list of index
 * files found now with the sorted set of the last scan.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

static void seg_sigs(const char *dir, const char *name, struct segent *e)
{
	char path[PATH_MAX];

	snprintf(path, sizeof path, "%s/%s%s", dir, name, SHM_INDEX_SUFFIX);
	e->idx = filesig(path);
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

/* Names of the segments in DIR the agent accepts, sorted. */
static char **list(const struct segset *s, const char *dir, size_t *n)
{
	size_t cap = 0, sl = strlen(SHM_INDEX_SUFFIX);
	char **v = NULL;
	struct dirent *d;
	DIR *dh = opendir(dir);

	*n = 0;
	if (!dh)
		return NULL;
	while ((d = readdir(dh))) {
		size_t len = strlen(d->d_name);
		char *name;

		if (len <= sl || strcmp(d->d_name + len - sl, SHM_INDEX_SUFFIX))
			continue;
		name = strndup(d->d_name, len - sl);
		if (!name)
			break;
		if (s->accept && !s->accept(s->arg, name)) {
			free(name);
			continue;
		}
		if (*n == cap) {
			char **nv = reallocarray(v, cap = cap ? 2 * cap : 256, sizeof *v);

			if (!nv) {
				free(name);
				break;
			}
			v = nv;
		}
		v[(*n)++] = name;
	}
	closedir(dh);
	if (*n)
		qsort(v, *n, sizeof *v, by_name);
	return v;
}

static void open_seg(const struct segset *s, const char *dir, struct segent *e)
{
	struct shmib_err err;

	e->seg = shm_seg_open(dir, e->name, &err);
	if (e->seg)
		return;
	seg_sigs(dir, e->name, e);
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

	*e = *old;
	old->name = NULL;
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

bool segset_scan(struct segset *s, const char *dir, struct shm_seg ***deadp,
		 size_t *ndead)
{
	size_t n, i = 0, j = 0, k = 0;
	char **names;
	struct segent *v;
	struct shm_seg **dead;
	bool changed = false;

	note_dir(s, dir);
	names = list(s, dir, &n);
	v = calloc(n + 1, sizeof *v);
	dead = calloc(s->n + 1, sizeof *dead);
	*ndead = 0;
	if (!v || !dead) {
		free(v);
		free(dead);
		for (i = 0; i < n; i++)
			free(names[i]);
		free(names);
		*deadp = NULL;
		return false;
	}
	while (i < n || j < s->n) {
		int c = i == n ? 1 : j == s->n ? -1 : strcmp(names[i], s->v[j].name);

		if (c < 0) {
			v[k].name = names[i++];
			open_seg(s, dir, &v[k++]);
			changed = true;
		} else if (c > 0) {
			if (s->v[j].seg) {
				dead[(*ndead)++] = s->v[j].seg;
				changed = true;
			}
			free(s->v[j++].name);
		} else {
			changed |= carry(s, dir, &s->v[j++], &v[k++], dead, ndead);
			free(names[i++]);
		}
	}
	free(names);
	free(s->v);
	s->v = v;
	s->n = k;
	*deadp = dead;
	return changed;
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

void segset_free(struct segset *s)
{
	for (size_t i = 0; i < s->n; i++) {
		shm_seg_close(s->v[i].seg);
		free(s->v[i].name);
	}
	free(s->v);
	*s = (struct segset){ .accept = s->accept, .arg = s->arg, .log = s->log };
}
