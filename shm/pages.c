/*
 * Resident pages of segment mappings, in batches (see shm.h).
 *
 * A batch is one process_madvise(2) call on this process's own pidfd
 * with an iovec per mapping: MADV_POPULATE_READ maps the pages of a
 * batch without a fault each, MADV_DONTNEED unmaps them (the kernel
 * flushes the TLB once for a large batch instead of one INVLPG per
 * page, which a virtual machine may trap).  Kernels before 6.13 refuse
 * those advices through process_madvise; then each mapping gets its own
 * madvise(2), which is what a read or a single drop would cost anyway.
 *
 * MADV_DONTNEED on a read-only shared file mapping removes this
 * process's page-table entries only: the pages stay in the page cache,
 * nothing is written back, and the next load maps the same page again.
 */
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "shm/shm.h"
#include "shm/internal.h"

#define BATCH_MAX 1024          /* iovecs per call (UIO_MAXIOV) */

static size_t page_size(void)
{
	static size_t size;

	if (!size)
		size = (size_t)sysconf(_SC_PAGESIZE);
	return size;
}

/* This process's pidfd, opened again after a fork (daemon start). */
static int fd = -1;

/* Closed when the library goes: a module unloaded from snmpd (and
 * loaded again at each SIGHUP) leaves no descriptor behind. */
__attribute__((destructor)) static void close_pidfd(void)
{
	if (fd >= 0)
		close(fd);
	fd = -1;
}

static int self_pidfd(void)
{
	static pid_t pid;
	static bool refused;

	if (refused)
		return -1;
	if (fd >= 0 && pid == getpid())
		return fd;
	if (fd >= 0)
		close(fd);
	pid = getpid();
	fd = (int)syscall(SYS_pidfd_open, pid, 0);
	if (fd < 0)
		refused = true;
	return fd;
}

/* One madvise per mapping, errors ignored: advice only. */
static void advise_each(const struct iovec *iov, size_t n, int advice)
{
	for (size_t i = 0; i < n; i++)
		madvise(iov[i].iov_base, iov[i].iov_len, advice);
}

static void advise(const struct iovec *iov, size_t n, int advice)
{
	static bool each;               /* process_madvise refused it */
	ssize_t done;
	int fd;

	if (!n)
		return;
	fd = each ? -1 : self_pidfd();
	if (fd < 0) {
		advise_each(iov, n, advice);
		return;
	}
	done = syscall(SYS_process_madvise, fd, iov, n, advice, 0);
	if (done < 0 && (errno == EINVAL || errno == ENOSYS || errno == EPERM))
		each = true;
	if (done < 0)                   /* partial work is redone: harmless */
		advise_each(iov, n, advice);
}

/* Marks SEGS LOADED and advises their mappings.  A load skips those
 * loaded already; a drop takes every one, since a segment never loaded
 * may have been read all the same. */
static void advise_segs(struct shm_seg *const *segs, size_t n, int advice,
			bool loaded)
{
	struct iovec iov[BATCH_MAX];
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		struct shm_seg *s = segs[i];

		if (!s->map || (loaded && s->loaded))
			continue;
		s->loaded = loaded;
		iov[k++] = (struct iovec){ (void *)s->map, s->size };
		if (k == BATCH_MAX) {
			advise(iov, k, advice);
			k = 0;
		}
	}
	advise(iov, k, advice);
}

void shm_segs_load(struct shm_seg *const *segs, size_t n)
{
	advise_segs(segs, n, MADV_POPULATE_READ, true);
}

void shm_segs_drop(struct shm_seg *const *segs, size_t n)
{
	advise_segs(segs, n, MADV_DONTNEED, false);
}

bool shm_seg_loaded(const struct shm_seg *seg)
{
	return seg->loaded;
}

size_t shm_seg_pages(const struct shm_seg *seg)
{
	return (seg->size + page_size() - 1) / page_size();
}
