/*
 * Error reporting: every failure in the library formats one message
 * into the caller's struct shm_err (which may be NULL) and returns -1.
 */
#include <stdarg.h>
#include <stdio.h>

#include "shm/shm.h"

int shm_fail(struct shm_err *err, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return -1;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return -1;
}
