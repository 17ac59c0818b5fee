/*
 * Log lines that carry text from files (see agent.h, agent_log),
 * escaped as logtext.h says, into net-snmp's log.
 */
#include <stdarg.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#include "subagents/common/agent.h"
#include "subagents/common/logtext.h"

void agent_vlog(int priority, const char *fmt, va_list ap)
{
	struct logtext t;
	const char *safe = logtext_format(&t, fmt, ap);

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
