/*
 * Log lines that carry text from files (see agent.h, agent_log).
 *
 * Segment and map file names, ifDescr values, map and id-file lines
 * are written by others: a newline in one would forge a second log
 * line, an escape sequence would drive the operator's terminal.  The
 * whole line is formatted first, then every byte that is not a
 * printable character is written as a C-style escape (libbsd's strvis):
 * the line the operator reads is one line, and says which bytes were
 * there.
 */
#include <stdarg.h>
#include <stdio.h>
#define LIBBSD_NETBSD_VIS        /* strvis is the same in both; silences the choice */
#include <bsd/vis.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#include "subagents/common/agent.h"

#define LINE_MAX_BYTES 1024

void agent_vlog(int priority, const char *fmt, va_list ap)
{
	char raw[LINE_MAX_BYTES], safe[4 * LINE_MAX_BYTES + 1];

	vsnprintf(raw, sizeof raw, fmt, ap);
	strvis(safe, raw, VIS_CSTYLE | VIS_OCTAL | VIS_NL | VIS_TAB);
	if (priority == LOG_DEBUG)
		DEBUGMSGTL(("shmib", "%s\n", safe));
	else
		snmp_log(priority, "%s\n", safe);
}

void agent_log(int priority, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	agent_vlog(priority, fmt, ap);
	va_end(ap);
}
