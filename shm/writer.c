/*
 * The segment writer.
 *
 * Objects are laid out as they are added, in registration order:
 * "_X_seqlock" first, then every object, with a "_X_pad<N>" object
 * before any 4- or 8-byte object that would otherwise start at an
 * offset that is not a multiple of its size.  Values live in a staging
 * buffer until publish, in the mapped data file afterwards, at the same
 * offsets, so setters work the same before and after.  A plain writer
 * (shm_writer_new_plain) lays out as Snabb does: no seqlock, no pads.
 *
 * Publishing writes ".NAME.tmp.<pid>" and ".NAME.index.tmp.<pid>",
 * removes an older NAME.index, renames the data file into place, then
 * the index.  Removing the old index first means a reader that opens
 * the index, then the data, then finds the index path still naming the
 * file it read, holds a matching pair (see reader.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "shm/shm.h"
#include "shm/internal.h"

static uint8_t *base(struct shm_writer *w)
{
	return w->published ? w->map : w->stage;
}

static int append(struct shm_writer *w, const char *name,
		  enum shm_type type, size_t length, struct shmib_err *err)
{
	struct wobj *o;
	uint8_t *stage;

	if (w->nobjs == w->cap) {
		size_t cap = w->cap ? 2 * w->cap : 64;

		o = realloc(w->objs, cap * sizeof(*o));
		if (!o)
			return shmib_fail(err, "%s/%s: %s", w->dir, w->name, strerror(ENOMEM));
		w->objs = o;
		w->cap = cap;
	}
	stage = realloc(w->stage, w->size + length);
	if (!stage)
		return shmib_fail(err, "%s/%s: %s", w->dir, w->name, strerror(ENOMEM));
	memset(stage + w->size, 0, length);
	w->stage = stage;
	o = &w->objs[w->nobjs];
	o->name = strdup(name);
	if (!o->name)
		return shmib_fail(err, "%s/%s: %s", w->dir, w->name, strerror(ENOMEM));
	o->type = type;
	o->offset = w->size;
	o->length = length;
	w->size += length;
	return w->nobjs++;
}

/* A pad object so the next object of LENGTH bytes is aligned. */
static int pad_for(struct shm_writer *w, size_t length, struct shmib_err *err)
{
	size_t align = shm_align_of(length);
	size_t gap = (align - w->size % align) % align;
	char name[32];

	if (gap == 0 || w->plain)
		return 0;
	snprintf(name, sizeof(name), "%s%u", SHM_PAD_PREFIX, w->npads++);
	return append(w, name, SHM_RAW, gap, err) < 0 ? -1 : 0;
}

/* A writer in a directory this process owns says so (shm.h). */
static int mark_owned(struct shm_writer *w, struct shmib_err *err)
{
	uint64_t id = shm_dirlock_held_id(w->dir);
	int h;

	if (!id)
		return 0;
	if (pad_for(w, 8, err) < 0 ||
	    (h = append(w, SHM_WRITER_OBJ, SHM_COUNTER64, 8, err)) < 0)
		return -1;
	memcpy(w->stage + w->objs[h].offset, &id, sizeof id);
	return 0;
}

struct shm_writer *shm_writer_make(const char *dir, const char *name,
				     bool plain, struct shmib_err *err)
{
	const char *problem = shm_segment_name_problem(name);
	struct shm_writer *w;

	/* The longest file name made of it: ".NAME.index.tmp.<pid>". */
	if (problem || 1 + strlen(name) + strlen(".index.tmp.4294967295") > NAME_MAX) {
		shmib_fail(err, "%s/%s: bad segment name: %s", dir, name,
			 problem ? problem : "too long");
		return NULL;
	}
	w = calloc(1, sizeof(*w));
	if (w)
		w->fd = -1;
	if (!w || !(w->dir = strdup(dir)) || !(w->name = strdup(name)) ||
	    (!plain && append(w, SHM_SEQLOCK, SHM_COUNTER32, 4, err) < 0)) {
		shmib_fail(err, "%s/%s: %s", dir, name, strerror(ENOMEM));
		shm_writer_free(w);
		return NULL;
	}
	w->plain = plain;
	if (!plain && mark_owned(w, err) < 0) {
		shm_writer_free(w);
		return NULL;
	}
	return w;
}

struct shm_writer *shm_writer_new(const char *dir, const char *name,
				  struct shmib_err *err)
{
	return shm_writer_make(dir, name, false, err);
}

struct shm_writer *shm_writer_new_plain(const char *dir, const char *name,
					struct shmib_err *err)
{
	return shm_writer_make(dir, name, true, err);
}

static bool reserved(const char *name)
{
	return strcmp(name, SHM_SEQLOCK) == 0 || strcmp(name, SHM_WRITER_OBJ) == 0 ||
	       strncmp(name, SHM_PAD_PREFIX, strlen(SHM_PAD_PREFIX)) == 0;
}

static bool known(const struct shm_writer *w, const char *name)
{
	for (size_t i = 0; i < w->nobjs; i++)
		if (strcmp(w->objs[i].name, name) == 0)
			return true;
	return false;
}

int shm_writer_add(struct shm_writer *w, const char *name,
		   enum shm_type type, size_t maxlen, struct shmib_err *err)
{
	const char *problem = shm_name_problem(name, strlen(name));
	size_t length = shm_type_size(type, maxlen);

	if (w->published)
		return shmib_fail(err, "%s/%s: %s: segment already published",
				w->dir, w->name, name);
	if (problem)
		return shmib_fail(err, "%s/%s: bad object name \"%.64s\": %s",
				w->dir, w->name, name, problem);
	if (reserved(name) || known(w, name))
		return shmib_fail(err, "%s/%s: object %s %s", w->dir, w->name,
				name, reserved(name) ? "is reserved" : "already added");
	if (length == 0 || length > SHM_OBJ_LEN_MAX ||
	    (type == SHM_OCTETSTR && maxlen > SHM_OCTETSTR_MAX))
		return shmib_fail(err, "%s/%s: object %s: bad size %zu", w->dir,
				w->name, name, maxlen);
	if (w->nobjs >= SHM_OBJECTS_MAX - 2)
		return shmib_fail(err, "%s/%s: more than %d objects", w->dir,
				w->name, SHM_OBJECTS_MAX);
	if (w->size + length + 7 > SHM_DATA_MAX)        /* 7: padding at most */
		return shmib_fail(err, "%s/%s: object %s: the data would be over "
				"the %u bytes a reader maps", w->dir, w->name,
				name, SHM_DATA_MAX);
	if (pad_for(w, length, err))
		return -1;
	return append(w, name, type, length, err);
}

/* DIR/NAME with SUFFIX, or the temporary name ".NAME<SUFFIX>.tmp.<pid>". */
static void path(char *buf, size_t sz, const struct shm_writer *w,
		 const char *suffix, bool tmp)
{
	if (tmp)
		snprintf(buf, sz, "%s/.%s%s.tmp.%ld", w->dir, w->name, suffix,
			 (long)getpid());
	else
		snprintf(buf, sz, "%s/%s%s", w->dir, w->name, suffix);
}

static int write_all(int fd, const void *p, size_t n)
{
	const char *c = p;

	while (n) {
		ssize_t k = write(fd, c, n);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		c += k;
		n -= k;
	}
	return 0;
}

char *shm_writer_index_text(const struct shm_writer *w, size_t *len)
{
	size_t cap = 16 + w->nobjs * (SHM_NAME_MAX + 8), n;
	char *t = malloc(cap);

	if (!t)
		return NULL;
	n = snprintf(t, cap, "%s:%d\n", SHM_NAMESPACE, SHM_VERSION);
	for (size_t i = 0; i < w->nobjs; i++)
		n += snprintf(t + n, cap - n, "%s:%u\n", w->objs[i].name,
			      w->objs[i].length);
	*len = n;
	return t;
}

/* Creates PATH with MODE and contents P[0..N). */
static int write_file(const char *path, mode_t mode, const void *p,
		      size_t n, struct shmib_err *err)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, mode);

	if (fd < 0)
		return shmib_fail_sys(err, errno, path, NULL);
	if (fchmod(fd, mode) || write_all(fd, p, n)) {
		shmib_fail_sys(err, errno, path, NULL);
		close(fd);
		unlink(path);
		return -1;
	}
	close(fd);
	return 0;
}

static int map_data(struct shm_writer *w, const char *path,
		    struct shmib_err *err)
{
	int fd;

	if (w->size == 0)
		return 0;
	fd = open(path, O_RDWR | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return shmib_fail_sys(err, errno, path, NULL);
	w->map = mmap(NULL, w->size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (w->map == MAP_FAILED) {
		w->map = NULL;
		close(fd);
		return shmib_fail(err, "%s: mmap: %s", path, strerror(errno));
	}
	if (w->plain)           /* no guarded updates: nothing to signal */
		close(fd);
	else
		w->fd = fd;     /* kept: guarded updates touch its mtime */
	return 0;
}

int shm_writer_publish(struct shm_writer *w, mode_t mode, struct shmib_err *err)
{
	char tdata[4096], tindex[4096], data[4096], index[4096];
	size_t tlen;
	char *text;
	int rc = -1;

	if (w->published)
		return shmib_fail(err, "%s/%s: already published", w->dir, w->name);
	if (w->mem)
		return shm_writer_publish_mem(w, err);
	path(tdata, sizeof(tdata), w, "", true);
	path(tindex, sizeof(tindex), w, SHM_INDEX_SUFFIX, true);
	path(data, sizeof(data), w, "", false);
	path(index, sizeof(index), w, SHM_INDEX_SUFFIX, false);
	text = shm_writer_index_text(w, &tlen);
	if (!text)
		return shmib_fail_sys(err, ENOMEM, index, NULL);
	if (write_file(tdata, mode, w->stage, w->size, err))
		goto out;
	if (write_file(tindex, mode, text, tlen, err))
		goto out_data;
	if (map_data(w, tdata, err))
		goto out_index;
	if ((unlink(index) && errno != ENOENT) || rename(tdata, data) ||
	    rename(tindex, index)) {
		shmib_fail_sys(err, errno, index, NULL);
		if (w->map)
			munmap(w->map, w->size);
		w->map = NULL;
		if (w->fd >= 0)
			close(w->fd);
		w->fd = -1;
		goto out_index;
	}
	w->published = true;
	w->mode = mode;
	rc = 0;
	goto out;
out_index:
	unlink(tindex);
out_data:
	unlink(tdata);
out:
	free(text);
	return rc;
}

int shm_writer_republish(struct shm_writer *w, struct shmib_err *err)
{
	uint8_t *map = w->map;
	int fd = w->fd;

	if (!w->published)
		return shmib_fail(err, "%s/%s: not published", w->dir, w->name);
	memcpy(w->stage, w->map, w->size);
	w->published = false;
	w->map = NULL;
	w->fd = -1;
	if (shm_writer_publish(w, w->mode, err) < 0) {
		w->published = true;
		w->map = map;
		w->fd = fd;
		return -1;
	}
	if (map)
		munmap(map, w->size);
	if (fd >= 0)
		close(fd);
	return 0;
}

void *shm_writer_ptr(struct shm_writer *w, int handle)
{
	if (!w->published || handle < 0 || (size_t)handle >= w->nobjs)
		return NULL;
	return w->map + w->objs[handle].offset;
}

/* The object HANDLE if it is LENGTH bytes long (0: any string). */
static struct wobj *obj(struct shm_writer *w, int handle, size_t length)
{
	struct wobj *o;

	if (handle < 0 || (size_t)handle >= w->nobjs)
		return NULL;
	o = &w->objs[handle];
	if (length ? o->length != length :
	    o->type != SHM_OCTETSTR && o->type != SHM_BITS)
		return NULL;
	return o;
}

/* One store when published and aligned (always, unless plain). */
#define SET(w, o, v) do {						\
	void *p_ = base(w) + (o)->offset;				\
	if ((w)->published && (o)->offset % sizeof(v) == 0)		\
		__atomic_store_n((__typeof__(v) *)p_, (v), __ATOMIC_RELAXED); \
	else								\
		memcpy(p_, &(v), sizeof(v));				\
} while (0)

void shm_writer_set_u32(struct shm_writer *w, int handle, uint32_t v)
{
	struct wobj *o = obj(w, handle, 4);

	if (o)
		SET(w, o, v);
}

void shm_writer_set_i32(struct shm_writer *w, int handle, int32_t v)
{
	shm_writer_set_u32(w, handle, (uint32_t)v);
}

void shm_writer_set_u64(struct shm_writer *w, int handle, uint64_t v)
{
	struct wobj *o = obj(w, handle, 8);

	if (o)
		SET(w, o, v);
}

void shm_writer_set_str(struct shm_writer *w, int handle, const void *data,
			size_t len)
{
	struct wobj *o = obj(w, handle, 0);
	uint16_t n;

	if (!o)
		return;
	n = len > o->length - 2u ? o->length - 2u : len;
	shm_writer_begin(w);
	memcpy(base(w) + o->offset, &n, 2);
	memcpy(base(w) + o->offset + 2, data, n);
	shm_writer_end(w);
}

/* The seqlock is object 0, at offset 0: aligned. */
static uint32_t *seqlock(struct shm_writer *w)
{
	return (uint32_t *)base(w);
}

void shm_writer_begin(struct shm_writer *w)
{
	if (w->depth++ || !w->published || w->plain)
		return;
	__atomic_store_n(seqlock(w), *seqlock(w) + 1, __ATOMIC_RELAXED);
	__atomic_thread_fence(__ATOMIC_RELEASE);
}

/* The end of a guarded update signals readers: futimens on the data
 * file (inotify: IN_ATTRIB), an event no store through the mapping
 * raises, so a reader needs no poll of this segment's status. */
void shm_writer_end(struct shm_writer *w)
{
	if (w->depth == 0 || --w->depth || !w->published || w->plain)
		return;
	__atomic_store_n(seqlock(w), *seqlock(w) + 1, __ATOMIC_RELEASE);
	if (w->fd >= 0)
		futimens(w->fd, NULL);
}

int shm_writer_unlink(struct shm_writer *w, struct shmib_err *err)
{
	char data[4096], index[4096];

	path(data, sizeof(data), w, "", false);
	path(index, sizeof(index), w, SHM_INDEX_SUFFIX, false);
	if (unlink(index) && errno != ENOENT)
		return shmib_fail_sys(err, errno, index, NULL);
	if (unlink(data) && errno != ENOENT)
		return shmib_fail_sys(err, errno, data, NULL);
	return 0;
}

void shm_writer_free(struct shm_writer *w)
{
	if (!w)
		return;
	if (w->map)
		munmap(w->map, w->size);
	if (w->fd >= 0)
		close(w->fd);
	for (size_t i = 0; i < w->nobjs; i++)
		free(w->objs[i].name);
	free(w->objs);
	free(w->stage);
	free(w->dir);
	free(w->name);
	free(w);
}
