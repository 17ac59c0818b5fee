/*
 * Internals shared by the files of the segment library: name rules and
 * the layout rule every writer and reader agrees on.  Not installed.
 */
#ifndef SHMIB_SHM_INTERNAL_H
#define SHMIB_SHM_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include "shm/err.h"

/* Largest object length: an OctetStr of SHM_OCTETSTR_MAX plus its
 * uint16 length field. */
#define SHM_OBJ_LEN_MAX (SHM_OCTETSTR_MAX + 2)

/* NULL when NAME (LEN bytes, not necessarily NUL-terminated) may be an
 * object or segment name, else what is wrong with it.  Names are
 * 1..SHM_NAME_MAX bytes of printable ASCII other than ':' and '/'
 * (':' separates the index fields). */
const char *shm_name_problem(const char *name, size_t len);

/* Runs FN(ARG), a read of segment mappings, catching the SIGBUS of a
 * page past the end of a shrunk file: 0, or -1 when FN was cut short
 * (guard.c).  Callable from any thread. */
int shm_guard_run(void (*fn)(void *), void *arg);

/* Alignment an object of LEN bytes gets in segments written here. */
static inline size_t shm_align_of(size_t len)
{
	return len == 8 || len == 4 ? len : 1;
}

/* A parsed index, shared by every open segment whose index text is the
 * same (layout.c). */
struct shm_obj;
struct shm_layout {
	struct shm_layout *next;        /* in its hash bucket */
	unsigned refs;
	uint64_t hash;
	char *text;                     /* the index as read */
	size_t len;
	struct shm_obj *objs;           /* in index order */
	char *names;
	size_t nobjs;
	const struct shm_obj **sorted;  /* by name */
	uint64_t total;                 /* data size the index implies */
};

/* The layout of the index TEXT (LEN bytes; FILE for messages), parsed
 * now or shared with the segments already open with the same text;
 * NULL (ERR filled) when it does not parse.  Every layout got is put
 * back once. */
struct shm_layout *shm_layout_get(const char *file, const char *text,
				  size_t len, struct shmib_err *err);
void shm_layout_put(struct shm_layout *l);
const struct shm_obj *shm_layout_find(const struct shm_layout *l,
				      const char *name);

/* An open segment (reader.c); its pages' residency is pages.c's. */
struct file_id {
	dev_t dev;
	ino_t ino;
	off_t size;
	struct timespec mtime;
};

struct shm_seg {
	char *data_path;                /* one allocation: DIR/NAME, then */
	char *index_path;               /* DIR/NAME.index */
	const char *name;               /* the tail of data_path */
	struct shm_layout *layout;
	const uint8_t *map;
	size_t size;
	const uint32_t *seqlock;        /* NULL in Snabb's segments */
	struct file_id data_id, index_id;
	bool loaded;                    /* by shm_segs_load, until dropped */
	bool faulted;                   /* a read hit SIGBUS: file shrank */
	bool mem;                       /* in memory: no files to change */
};

/* A writer (writer.c; memseg.c publishes the in-memory ones). */
#include "shm/shm.h"

struct wobj {
	char *name;
	enum shm_type type;
	uint32_t offset;
	uint32_t length;
};

struct shm_writer {
	char *dir;
	char *name;
	struct wobj *objs;
	size_t nobjs, cap;
	unsigned npads;
	uint8_t *stage;         /* values before publish */
	uint8_t *map;           /* values after publish */
	size_t size;
	int fd;                 /* the published data file, for its mtime */
	bool published;
	mode_t mode;            /* of the published files */
	bool plain;             /* Snabb's layout: no seqlock, no padding */
	bool mem;               /* in a memfd, not in a directory */
	int depth;              /* shm_writer_begin nesting */
};

struct shm_writer *shm_writer_make(const char *dir, const char *name,
				   bool plain, struct shmib_err *err);
/* The index text of W's objects (malloc'd), *LEN bytes. */
char *shm_writer_index_text(const struct shm_writer *w, size_t *len);
/* shm_writer_publish of a writer made by shm_writer_new_mem. */
int shm_writer_publish_mem(struct shm_writer *w, struct shmib_err *err);

/* Points SEG's seqlock at its "_X_seqlock" object, if it has one. */
void shm_seg_find_seqlock(struct shm_seg *seg);

#endif
