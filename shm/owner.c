/*
 * The writer's lock on a segment directory (see shm.h, "Ownership").
 *
 * The lock is an OFD write lock (fcntl F_OFD_SETLK) over the whole of
 * DIR/.lock: the kernel drops it when the last descriptor of the open
 * file goes, so a writer killed by any signal leaves it released, and
 * it survives fork (daemon()), unlike a classic POSIX record lock.
 * The file says "PID ID\n": the holder's pid, for people and for the
 * error a second writer gets, and the 64-bit id of this holding, which
 * the segments written under it carry in _X_writer.
 *
 * A process holds at most one directory (a dataplane owns one); the
 * writers of this library look it up to mark their segments.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "shm/shm.h"
#include "shm/internal.h"

#define LOCK_TEXT_MAX 64

struct shm_dirlock {
	char dir[PATH_MAX];
	char path[PATH_MAX];
	int fd;
	uint64_t id;
	bool made_dir;          /* DIR was created by shm_dirlock_take */
};

static struct shm_dirlock *held;        /* this process's, or NULL */

static struct flock whole(short type)
{
	return (struct flock){ .l_type = type, .l_whence = SEEK_SET };
}

/* "PID ID" of the lock file open at FD; false if unreadable. */
static bool read_text(int fd, pid_t *pid, uint64_t *id)
{
	char buf[LOCK_TEXT_MAX + 1];
	ssize_t n = pread(fd, buf, LOCK_TEXT_MAX, 0);
	long p;

	if (n <= 0)
		return false;
	buf[n] = '\0';
	if (sscanf(buf, "%ld %" SCNu64, &p, id) != 2 || p <= 0)
		return false;
	*pid = p;
	return true;
}

static int write_text(struct shm_dirlock *l, struct shmib_err *err)
{
	char buf[LOCK_TEXT_MAX];
	int n = snprintf(buf, sizeof buf, "%ld %" PRIu64 "\n", (long)getpid(), l->id);

	if (ftruncate(l->fd, 0) || pwrite(l->fd, buf, n, 0) != n)
		return shmib_fail_sys(err, errno, l->path, NULL);
	return 0;
}

static int make_dir(struct shm_dirlock *l, mode_t mode, struct shmib_err *err)
{
	if (mkdir(l->dir, mode) == 0) {
		l->made_dir = true;
		return 0;
	}
	if (errno == EEXIST)
		return 0;
	return shmib_fail_sys(err, errno, l->dir, NULL);
}

/* Opens and locks the lock file; 1 when the file was replaced between
 * open and lock (a holder removing it on its way out): try again. */
static int lock_once(struct shm_dirlock *l, struct shmib_err *err)
{
	struct flock fl = whole(F_WRLCK);
	struct stat a, b;
	pid_t pid;
	uint64_t id;

	l->fd = open(l->path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (l->fd < 0)
		return shmib_fail_sys(err, errno, l->path, NULL);
	if (fcntl(l->fd, F_OFD_SETLK, &fl) < 0) {
		int e = errno;

		if (e == EAGAIN || e == EACCES) {
			if (read_text(l->fd, &pid, &id))
				shmib_fail(err, "%s is in use by another writer (pid %ld, lock %s)",
					 l->dir, (long)pid, l->path);
			else
				shmib_fail(err, "%s is in use by another writer (lock %s)",
					 l->dir, l->path);
			err->sys_errno = EBUSY;
		} else {
			shmib_fail_sys(err, e, l->path, NULL);
		}
		return -1;
	}
	if (fstat(l->fd, &a) || stat(l->path, &b) || a.st_ino != b.st_ino ||
	    a.st_dev != b.st_dev) {
		close(l->fd);
		l->fd = -1;
		return 1;
	}
	return 0;
}

static int lock_file(struct shm_dirlock *l, struct shmib_err *err)
{
	int rc;

	while ((rc = lock_once(l, err)) == 1)
		;
	if (rc < 0) {
		if (l->fd >= 0)
			close(l->fd);
		l->fd = -1;
		return -1;
	}
	return write_text(l, err);
}

struct shm_dirlock *shm_dirlock_take(const char *dir, mode_t dir_mode,
				     struct shmib_err *err)
{
	struct shm_dirlock *l;

	if (held)
		return shmib_fail(err, "%s: already holding %s", dir, held->dir), NULL;
	l = calloc(1, sizeof *l);
	if (!l)
		return shmib_fail_sys(err, ENOMEM, dir, NULL), NULL;
	l->fd = -1;
	if ((size_t)snprintf(l->dir, sizeof l->dir, "%s", dir) >= sizeof l->dir ||
	    (size_t)snprintf(l->path, sizeof l->path, "%s/%s", dir, SHM_LOCK_FILE) >=
	    sizeof l->path) {
		free(l);
		return shmib_fail_sys(err, ENAMETOOLONG, dir, NULL), NULL;
	}
	/* Never 0: 0 is "no writer" to readers. */
	while (!l->id)
		if (getrandom(&l->id, sizeof l->id, 0) != sizeof l->id)
			l->id = (uint64_t)time(NULL) << 32 ^ (uint64_t)getpid();
	if (make_dir(l, dir_mode, err) || lock_file(l, err)) {
		shm_dirlock_release(l, false);
		return NULL;
	}
	held = l;
	return l;
}

int shm_dirlock_publish(struct shm_dirlock *l, struct shmib_err *err)
{
	return write_text(l, err);
}

int shm_dirlock_retake(struct shm_dirlock *l, mode_t dir_mode,
		       struct shmib_err *err)
{
	bool made = l->made_dir;

	if (l->fd >= 0)
		close(l->fd);
	l->fd = -1;
	if (make_dir(l, dir_mode, err) || lock_file(l, err))
		return -1;
	l->made_dir = made;
	return 0;
}

bool shm_dirlock_intact(const struct shm_dirlock *l)
{
	struct stat a, b;

	return l->fd >= 0 && !fstat(l->fd, &a) && !stat(l->path, &b) &&
	       a.st_ino == b.st_ino && a.st_dev == b.st_dev;
}

uint64_t shm_dirlock_id(const struct shm_dirlock *l)
{
	return l->id;
}

/* Unlinks both files of segment NAME if it carries _X_writer: written
 * under a lock on DIR that is not ours (ours is new). */
static bool sweep_one(const char *dir, const char *name)
{
	struct shmib_err err;
	struct shm_seg *s = shm_seg_open(dir, name, &err);
	bool owned = s && shm_seg_find(s, SHM_WRITER_OBJ);
	char path[PATH_MAX];

	shm_seg_close(s);
	if (!owned)
		return false;
	snprintf(path, sizeof path, "%s/%s%s", dir, name, SHM_INDEX_SUFFIX);
	unlink(path);
	snprintf(path, sizeof path, "%s/%s", dir, name);
	unlink(path);
	return true;
}

int shm_dirlock_sweep(const struct shm_dirlock *l)
{
	size_t sl = strlen(SHM_INDEX_SUFFIX);
	DIR *d = opendir(l->dir);
	struct dirent *e;
	int n = 0;

	if (!d)
		return 0;
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);
		char name[NAME_MAX + 1];

		if (len <= sl || strcmp(e->d_name + len - sl, SHM_INDEX_SUFFIX))
			continue;
		memcpy(name, e->d_name, len - sl);
		name[len - sl] = '\0';
		n += sweep_one(l->dir, name);
	}
	closedir(d);
	return n;
}

void shm_dirlock_release(struct shm_dirlock *l, bool remove_dir)
{
	if (!l)
		return;
	if (l->fd >= 0) {
		/* Unlinked before the lock goes: a writer that opens the
		 * path now finds a new file (lock_once checks). */
		if (shm_dirlock_intact(l))
			unlink(l->path);
		close(l->fd);
	}
	if (remove_dir && l->made_dir)
		rmdir(l->dir);
	if (held == l)
		held = NULL;
	free(l);
}

uint64_t shm_dirlock_held_id(const char *dir)
{
	return held && !strcmp(held->dir, dir) ? held->id : 0;
}

int shm_dir_holder(const char *dir, pid_t *pid, uint64_t *id)
{
	char path[PATH_MAX];
	struct flock fl = whole(F_WRLCK);
	int fd, rc = 0;

	*pid = 0;
	*id = 0;
	snprintf(path, sizeof path, "%s/%s", dir, SHM_LOCK_FILE);
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return errno == ENOENT ? 0 : -1;
	if (fcntl(fd, F_OFD_GETLK, &fl) < 0)
		rc = -1;
	else if (fl.l_type != F_UNLCK && read_text(fd, pid, id))
		rc = 1;
	close(fd);
	return rc;
}
