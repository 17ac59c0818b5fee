/*
 * Segments in memory (see shm.h): the writer lays the objects out as
 * for a file, publishes them into a memfd instead of a directory, and
 * readers map that memfd read-only, so an agent serves objects it
 * makes itself (the kernel's interfaces) exactly as it serves a
 * dataplane's.  The memfd never changes size or identity: such a
 * segment never reads as changed.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "shm/shm.h"
#include "shm/internal.h"

#define MEM_DIR "memory"        /* what messages name as the directory */

struct shm_writer *shm_writer_new_mem(const char *name, struct shmib_err *err)
{
	struct shm_writer *w = shm_writer_make(MEM_DIR, name, false, err);

	if (w)
		w->mem = true;
	return w;
}

int shm_writer_publish_mem(struct shm_writer *w, struct shmib_err *err)
{
	int fd = memfd_create(w->name, MFD_CLOEXEC);

	if (fd < 0)
		return shmib_fail(err, "%s/%s: memfd_create: %s", w->dir, w->name, strerror(errno));
	if (ftruncate(fd, w->size) ||
	    (w->map = mmap(NULL, w->size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0)) == MAP_FAILED) {
		w->map = NULL;
		shmib_fail(err, "%s/%s: %s", w->dir, w->name, strerror(errno));
		close(fd);
		return -1;
	}
	memcpy(w->map, w->stage, w->size);
	w->fd = fd;
	w->published = true;
	return 0;
}

struct shm_seg *shm_seg_open_mem(const struct shm_writer *w, struct shmib_err *err)
{
	size_t len, dl = strlen(MEM_DIR) + 1 + strlen(w->name) + 1;
	char *text;
	struct shm_seg *seg;

	if (!w->mem || !w->published) {
		shmib_fail(err, "%s/%s: not a published memory segment", w->dir, w->name);
		return NULL;
	}
	seg = calloc(1, sizeof *seg);
	text = shm_writer_index_text(w, &len);
	if (!seg || !text || !(seg->data_path = malloc(2 * dl + strlen(SHM_INDEX_SUFFIX)))) {
		shmib_fail(err, "%s/%s: %s", w->dir, w->name, strerror(ENOMEM));
		goto fail;
	}
	sprintf(seg->data_path, "%s/%s", MEM_DIR, w->name);
	seg->index_path = seg->data_path + dl;
	sprintf(seg->index_path, "%s/%s%s", MEM_DIR, w->name, SHM_INDEX_SUFFIX);
	seg->name = seg->data_path + strlen(MEM_DIR) + 1;
	seg->mem = true;
	seg->layout = shm_layout_get(seg->index_path, text, len, err);
	if (!seg->layout)
		goto fail;
	seg->map = mmap(NULL, w->size, PROT_READ, MAP_SHARED, w->fd, 0);
	if (seg->map == MAP_FAILED) {
		seg->map = NULL;
		shmib_fail(err, "%s: mmap: %s", seg->data_path, strerror(errno));
		goto fail;
	}
	seg->size = w->size;
	shm_seg_find_seqlock(seg);
	free(text);
	return seg;
fail:
	free(text);
	shm_seg_close(seg);
	return NULL;
}
