/*
 * The project's error type (shm/err.h): one message formatted into
 * the caller's struct shmib_err, which may be NULL.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "shm/err.h"

int shmib_vfail(struct shmib_err *err, const char *fmt, va_list ap)
{
	if (!err)
		return -1;
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	err->sys_errno = 0;
	return -1;
}

int shmib_fail(struct shmib_err *err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	shmib_vfail(err, fmt, ap);
	va_end(ap);
	return -1;
}

int shmib_fail_sys(struct shmib_err *err, int errnum, const char *path,
		   const char *what)
{
	shmib_fail(err, "%s: %s", path, what ? what : strerror(errnum));
	if (err)
		err->sys_errno = errnum;
	return -1;
}
