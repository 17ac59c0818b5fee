/* Logging: stderr in the foreground, syslog (daemon facility) else. */
#include <stdarg.h>
#include <stdio.h>
#include <syslog.h>

#include "exporter/exporter.h"
#include "subagents/common/logtext.h"

static bool to_stderr = true;

void log_open(bool foreground)
{
	to_stderr = foreground;
	if (!foreground)
		openlog("shmib-exporter", LOG_PID, LOG_DAEMON);
}

void log_msg(int priority, const char *fmt, ...)
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
}

void log_line(int priority, const char *fmt, ...)
{
	struct logtext t;
	va_list ap;

	if (priority == LOG_DEBUG)
		return;
	va_start(ap, fmt);
	logtext_format(&t, fmt, ap);
	va_end(ap);
	log_msg(priority, "%s\n", t.s);
}
