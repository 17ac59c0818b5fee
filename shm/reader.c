/*
 * The segment reader.
 *
 * shm_seg_open reads and validates NAME.index, opens NAME, checks that
 * its size is what the index adds up to, and maps it read-only.  Both
 * files are opened O_RDONLY|O_NOFOLLOW|O_NONBLOCK (a FIFO planted in
 * the directory must not block the reader) and must be regular files.
 *
 * Writers here remove an old index before renaming a new data file
 * into place (see writer.c), so once the data file is open, an index
 * path that still names the index that was read proves the pair
 * belongs together; otherwise the open is retried.
 *
 * The parsed index (objects, names, lookup table) is a layout shared
 * with every other open segment whose index is the same text (see
 * layout.c): a segment itself holds its paths, its mapping and the
 * identities of its files.
 *
 * Every load from the mapping runs under the SIGBUS guard (guard.c):
 * another process may shrink the data file at any moment, and a read
 * of a page past its end then fails instead of killing the reader.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "shm/shm.h"
#include "shm/internal.h"

#define OPEN_TRIES   3
#define INDEX_MAX    (SHM_OBJECTS_MAX * (SHM_NAME_MAX + 8) + 16)
#define SEQLOCK_SPIN 1000

static struct file_id file_id(const struct stat *st)
{
	return (struct file_id){ st->st_dev, st->st_ino, st->st_size, st->st_mtim };
}

static bool same_id(struct file_id a, struct file_id b)
{
	return a.dev == b.dev && a.ino == b.ino && a.size == b.size &&
	       a.mtime.tv_sec == b.mtime.tv_sec &&
	       a.mtime.tv_nsec == b.mtime.tv_nsec;
}

/* Opens PATH as a regular file, never following a symlink. */
static int open_regular(const char *path, struct stat *st,
			struct shmib_err *err)
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);

	if (fd < 0)
		return shmib_fail_sys(err, errno, path, errno == ELOOP ?
				    "is a symbolic link" : NULL);
	if (fstat(fd, st)) {
		shmib_fail_sys(err, errno, path, NULL);
		close(fd);
		return -1;
	}
	if (!S_ISREG(st->st_mode)) {
		shmib_fail(err, "%s: not a regular file", path);
		close(fd);
		return -1;
	}
	return fd;
}

/* Reads the whole index (at most INDEX_MAX bytes) into *TEXT. */
static ssize_t read_index(int fd, const char *path, const struct stat *st,
			  char **text, struct shmib_err *err)
{
	size_t n = 0;

	if (st->st_size > INDEX_MAX)
		return shmib_fail(err, "%s: index of %lld bytes is too large",
				path, (long long)st->st_size);
	*text = malloc(st->st_size + 1);
	if (!*text)
		return shmib_fail_sys(err, ENOMEM, path, NULL);
	while (n < (size_t)st->st_size) {
		ssize_t k = read(fd, *text + n, st->st_size - n);

		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			free(*text);
			return shmib_fail_sys(err, errno, path, NULL);
		}
		if (k == 0)
			break;
		n += k;
	}
	return n;
}

/* The seqlock, once the index is parsed and the data mapped. */
void shm_seg_find_seqlock(struct shm_seg *seg)
{
	const struct shm_obj *lock = shm_seg_find(seg, SHM_SEQLOCK);

	if (lock && lock->length == 4 && lock->offset % 4 == 0 && seg->map)
		seg->seqlock = (const uint32_t *)(seg->map + lock->offset);
}

static void release(struct shm_seg *seg)
{
	if (seg->map)
		munmap((void *)seg->map, seg->size);
	shm_layout_put(seg->layout);
	seg->map = NULL;
	seg->loaded = false;
	seg->faulted = false;
	seg->layout = NULL;
}

/* One attempt: 1 done, 0 the pair changed under us (try again), -1. */
static int try_open(struct shm_seg *seg, struct shmib_err *err)
{
	struct stat ist, dst, now;
	uint64_t total;
	ssize_t len;
	char *text = NULL;
	int ifd, dfd, rc = -1;

	/* The index stays open until the check below: while it is open its
	 * inode cannot be freed and reused by the next publish's index. */
	ifd = open_regular(seg->index_path, &ist, err);
	if (ifd < 0)
		return -1;
	len = read_index(ifd, seg->index_path, &ist, &text, err);
	if (len >= 0) {
		seg->layout = shm_layout_get(seg->index_path, text, len, err);
		free(text);
	}
	if (!seg->layout) {
		close(ifd);
		return -1;
	}
	total = seg->layout->total;
	if (total > SHM_DATA_MAX) {
		close(ifd);
		return shmib_fail(err, "%s: data of %llu bytes, more than the %u a "
				"reader maps", seg->index_path,
				(unsigned long long)total, SHM_DATA_MAX);
	}
	dfd = open_regular(seg->data_path, &dst, err);
	if (dfd < 0) {
		close(ifd);
		return -1;
	}
	if (lstat(seg->index_path, &now) || now.st_ino != ist.st_ino ||
	    now.st_dev != ist.st_dev) {
		rc = 0;
	} else if ((uint64_t)dst.st_size != total) {
		shmib_fail(err, "%s: data file has %lld bytes, %s says %llu",
			 seg->data_path, (long long)dst.st_size,
			 seg->index_path, (unsigned long long)total);
	} else if (total && (seg->map = mmap(NULL, total, PROT_READ, MAP_SHARED,
					     dfd, 0)) == MAP_FAILED) {
		seg->map = NULL;
		shmib_fail(err, "%s: mmap: %s", seg->data_path, strerror(errno));
	} else {
		seg->size = total;
		seg->data_id = file_id(&dst);
		seg->index_id = file_id(&ist);
		rc = 1;
	}
	close(dfd);
	close(ifd);
	return rc;
}

/* DIR/NAME and DIR/NAME.index in one allocation. */
static int paths(struct shm_seg *seg, const char *dir, const char *name)
{
	size_t dl = strlen(dir), nl = strlen(name);
	size_t data = dl + 1 + nl + 1;
	char *p = malloc(2 * data + strlen(SHM_INDEX_SUFFIX));

	if (!p)
		return -1;
	sprintf(p, "%s/%s", dir, name);
	sprintf(p + data, "%s/%s%s", dir, name, SHM_INDEX_SUFFIX);
	seg->data_path = p;
	seg->index_path = p + data;
	seg->name = p + dl + 1;
	return 0;
}

struct shm_seg *shm_seg_open(const char *dir, const char *name,
			     struct shmib_err *err)
{
	const char *problem = shm_segment_name_problem(name);
	struct shm_seg *seg;
	int rc = 0;

	if (problem) {
		shmib_fail(err, "%s/%.64s: bad segment name: %s", dir, name, problem);
		return NULL;
	}
	seg = calloc(1, sizeof(*seg));
	if (!seg || paths(seg, dir, name)) {
		shmib_fail(err, "%s/%s: %s", dir, name, strerror(ENOMEM));
		shm_seg_close(seg);
		return NULL;
	}
	for (int i = 0; i < OPEN_TRIES && rc == 0; i++) {
		release(seg);
		rc = try_open(seg, err);
	}
	if (rc == 0)
		shmib_fail(err, "%s: replaced while being opened", seg->index_path);
	if (rc != 1) {
		shm_seg_close(seg);
		return NULL;
	}
	shm_seg_find_seqlock(seg);
	return seg;
}

void shm_seg_close(struct shm_seg *seg)
{
	if (!seg)
		return;
	release(seg);
	free(seg->data_path);
	free(seg);
}

const char *shm_seg_name(const struct shm_seg *seg)
{
	return seg->name;
}

size_t shm_seg_nobjs(const struct shm_seg *seg)
{
	return seg->layout->nobjs;
}

const struct shm_obj *shm_seg_obj(const struct shm_seg *seg, size_t i)
{
	return i < seg->layout->nobjs ? &seg->layout->objs[i] : NULL;
}

const struct shm_obj *shm_seg_find(const struct shm_seg *seg,
				   const char *name)
{
	return shm_layout_find(seg->layout, name);
}

/* The data file's mtime is left out: every store through the writer's
 * mapping moves it. */
static bool file_changed(const char *path, struct file_id id, bool mtime)
{
	struct stat st;
	struct file_id now;

	if (lstat(path, &st))
		return true;
	now = file_id(&st);
	if (!mtime)
		now.mtime = id.mtime;
	return !same_id(now, id);
}

bool shm_seg_signals(const struct shm_seg *seg)
{
	return seg->seqlock != NULL;
}

bool shm_seg_faulted(const struct shm_seg *seg)
{
	return seg->faulted;
}

bool shm_seg_changed(const struct shm_seg *seg)
{
	if (seg->faulted)
		return true;
	if (seg->mem)
		return false;
	return file_changed(seg->index_path, seg->index_id, true) ||
	       file_changed(seg->data_path, seg->data_id, false);
}

static int check_len(const struct shm_seg *seg, const struct shm_obj *o,
		     size_t want, struct shmib_err *err)
{
	if (o->length == want)
		return 0;
	return shmib_fail(err, "%s: object %s has %u bytes, not %zu",
			seg->data_path, o->name, o->length, want);
}

/* A read ended by SIGBUS: the data file is shorter than the mapping
 * now.  The segment is marked (shm_seg_changed says so from now on)
 * for its owner to reopen or drop, and later reads fail at once; the
 * mark is the one thing a getter changes in a segment. */
static int faulted(const struct shm_seg *seg, const struct shm_obj *o,
		   struct shmib_err *err)
{
	((struct shm_seg *)seg)->faulted = true;
	return shmib_fail(err, "%s: object %s: data file shrank under the reader",
			seg->data_path, o->name);
}

/* One load of WIDTH bytes, run under the guard (guard.c). */
struct load {
	const uint8_t *from;
	void *to;
	size_t width;
};

/* One instruction when aligned (segments written here: never torn),
 * memcpy otherwise (Snabb lays objects out without padding). */
static void load(void *arg)
{
	const struct load *l = arg;

	if (l->width == 4 && (uintptr_t)l->from % 4 == 0)
		*(uint32_t *)l->to = __atomic_load_n((const uint32_t *)l->from,
						     __ATOMIC_RELAXED);
	else if (l->width == 8 && (uintptr_t)l->from % 8 == 0)
		*(uint64_t *)l->to = __atomic_load_n((const uint64_t *)l->from,
						     __ATOMIC_RELAXED);
	else
		memcpy(l->to, l->from, l->width);
}

static int get(const struct shm_seg *seg, const struct shm_obj *o, void *v,
	       size_t width, struct shmib_err *err)
{
	struct load l = { seg->map + o->offset, v, width };

	if (check_len(seg, o, width, err))
		return -1;
	if (seg->faulted || shm_guard_run(load, &l))
		return faulted(seg, o, err);
	return 0;
}

int shm_get_u32(const struct shm_seg *seg, const struct shm_obj *o,
		uint32_t *v, struct shmib_err *err)
{
	return get(seg, o, v, sizeof *v, err);
}

int shm_get_i32(const struct shm_seg *seg, const struct shm_obj *o,
		int32_t *v, struct shmib_err *err)
{
	return get(seg, o, v, sizeof *v, err);
}

int shm_get_u64(const struct shm_seg *seg, const struct shm_obj *o,
		uint64_t *v, struct shmib_err *err)
{
	return get(seg, o, v, sizeof *v, err);
}

ssize_t shm_get_bytes(const struct shm_seg *seg, const struct shm_obj *o,
		      void *buf, size_t bufsz, struct shmib_err *err)
{
	struct load l = { seg->map + o->offset, buf,
			  o->length < bufsz ? o->length : bufsz };

	if (seg->faulted || shm_guard_run(load, &l))
		return faulted(seg, o, err);
	return l.width;
}

/* A string read: the copy, retried while the seqlock shows an update. */
struct str {
	const struct shm_seg *seg;
	const struct shm_obj *o;
	void *buf;
	size_t bufsz;
	ssize_t n;              /* copied, or -1: the update went on */
};

/* Copies the string once; the caller checks the seqlock around it. */
static size_t copy_str(const struct str *s)
{
	const uint8_t *p = s->seg->map + s->o->offset;
	uint16_t n;

	memcpy(&n, p, 2);
	if (n > s->o->length - 2u)
		n = s->o->length - 2u;
	if (n > s->bufsz)
		n = s->bufsz;
	memcpy(s->buf, p + 2, n);
	return n;
}

static void read_str(void *arg)
{
	struct str *s = arg;
	const uint32_t *lock = s->seg->seqlock;
	uint32_t before;

	if (!lock) {
		s->n = copy_str(s);
		return;
	}
	for (int i = 0; i < SEQLOCK_SPIN; i++) {
		before = __atomic_load_n(lock, __ATOMIC_ACQUIRE);
		if (before & 1) {
			sched_yield();
			continue;
		}
		s->n = copy_str(s);
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		if (__atomic_load_n(lock, __ATOMIC_RELAXED) == before)
			return;
	}
	s->n = -1;
}

ssize_t shm_get_str(const struct shm_seg *seg, const struct shm_obj *o,
		    void *buf, size_t bufsz, struct shmib_err *err)
{
	struct str s = { seg, o, buf, bufsz, -1 };

	if (o->length < 2)
		return shmib_fail(err, "%s: object %s has %u bytes, too few for "
				"a string", seg->data_path, o->name, o->length);
	if (seg->faulted || shm_guard_run(read_str, &s))
		return faulted(seg, o, err);
	if (s.n < 0)
		return shmib_fail(err, "%s: object %s: update still in progress (%s odd)",
				seg->data_path, o->name, SHM_SEQLOCK);
	return s.n;
}
