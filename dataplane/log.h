/*
 * Logging of shmib-dataplane: to stderr in the foreground (-f), to
 * syslog (facility daemon) once detached.  Levels are syslog's.
 */
#ifndef SHMIB_DP_LOG_H
#define SHMIB_DP_LOG_H

#include <syslog.h>

void dp_log_open(int foreground);
void dp_log(int level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
