/*
 * UNIX time now (see uptime.h), apart from the sysUpTime base: it needs
 * no SNMP library, so shmib-exporter links it too.
 */
#include <time.h>

#include "subagents/common/uptime.h"

int64_t uptime_now_cs(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 100 + ts.tv_nsec / 10000000;
}
