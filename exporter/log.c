/* Logging: stderr in the foreground, syslog (daemon facility) else. */
#include <stdarg.h>
#include <stdio.h>
#include <syslog.h>
#define LIBBSD_NETBSD_VIS        /* strvis is the same in both; silences the choice */
#include <bsd/vis.h>

#include "exporter/exporter.h"

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
	char raw[1024], safe[4 * sizeof raw + 1];
	va_list ap;

	if (priority == LOG_DEBUG)
		return;
	va_start(ap, fmt);
	vsnprintf(raw, sizeof raw, fmt, ap);
	va_end(ap);
	strvis(safe, raw, VIS_CSTYLE | VIS_OCTAL | VIS_NL | VIS_TAB);
	log_msg(priority, "%s\n", safe);
}
