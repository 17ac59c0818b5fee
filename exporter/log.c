/* Logging: stderr in the foreground, syslog (daemon facility) else. */
#include <stdarg.h>
#include <stdio.h>
#include <syslog.h>

#include "exporter/exporter.h"

static bool to_stderr = true;

void log_open(bool foreground)
{
	to_stderr = foreground;
	if (!foreground)
		openlog("shmib-exporter", LOG_PID, LOG_DAEMON);
}

int log_msg(int priority, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (to_stderr) {
		fputs("shmib-exporter: ", stderr);
		vfprintf(stderr, fmt, ap);
	} else {
		vsyslog(priority, fmt, ap);
	}
	va_end(ap);
	return 0;
}
