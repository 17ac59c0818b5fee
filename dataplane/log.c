/*
 * See log.h.  Foreground lines carry the level so tests and operators
 * can grep them: "shmib-dataplane: error: ...".
 */
#include <stdarg.h>
#include <stdio.h>

#include "dataplane/log.h"

static int to_stderr = 1;

static const char *const level_name[] = {
	[LOG_EMERG] = "emergency", [LOG_ALERT] = "alert",
	[LOG_CRIT] = "critical", [LOG_ERR] = "error",
	[LOG_WARNING] = "warning", [LOG_NOTICE] = "notice",
	[LOG_INFO] = "info", [LOG_DEBUG] = "debug",
};

void dp_log_open(int foreground)
{
	to_stderr = foreground;
	if (!foreground)
		openlog("shmib-dataplane", LOG_PID, LOG_DAEMON);
}

void dp_log(int level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (to_stderr) {
		fprintf(stderr, "shmib-dataplane: %s: ", level_name[level & 7]);
		vfprintf(stderr, fmt, ap);
		fputc('\n', stderr);
	} else {
		vsyslog(level, fmt, ap);
	}
	va_end(ap);
}
