/*
 * The project's one error type.  A failing function formats one
 * message into the caller's struct shmib_err (which may be NULL) and
 * returns -1; a failed system call also leaves its errno there.
 *
 * It lives beside the segment library because every program of the
 * project (dataplane, agents, exporter, tools) links libshmib-shm: a
 * header of its own, asking for nothing else, so code that has no
 * segment to do with (configuration, id files, index state) includes
 * it without the segment interface.  The message holds a path and its
 * reason.
 */
#ifndef SHMIB_ERR_H
#define SHMIB_ERR_H

#include <limits.h>
#include <stdarg.h>

#define SHMIB_ERR_MAX (PATH_MAX + 512)

struct shmib_err {
	char msg[SHMIB_ERR_MAX];
	int sys_errno;  /* errno of a failed system call, 0 for bad content:
			 * ENOENT from shm_seg_open means "not there (now)" */
};

/* Formats the message into ERR (if not NULL), sys_errno 0; returns -1. */
int shmib_fail(struct shmib_err *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The same with the arguments in AP. */
int shmib_vfail(struct shmib_err *err, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

/* "PATH: WHAT" (WHAT NULL: strerror(ERRNUM)), sys_errno ERRNUM; -1. */
int shmib_fail_sys(struct shmib_err *err, int errnum, const char *path,
		   const char *what);

#endif
