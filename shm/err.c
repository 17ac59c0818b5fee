/*
 * Error reporting: every failure in the library formats one message
 * into the caller's struct shm_err (which may be NULL) and returns -1;
 * failed system calls also leave their errno there.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "shm/shm.h"

int shm_fail(struct shm_err *err, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return -1;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	err->sys_errno = 0;
	return -1;
}

int shm_fail_sys(struct shm_err *err, int errnum, const char *path,
		 const char *what)
{
	shm_fail(err, "%s: %s", path, what ? what : strerror(errnum));
	if (err)
		err->sys_errno = errnum;
	return -1;
}
