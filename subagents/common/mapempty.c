/* An empty ifindex map held back for a check interval (see mapempty.h). */
#include <time.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#include "subagents/common/core.h"
#include "subagents/common/ifmap.h"
#include "subagents/common/mapempty.h"

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

bool mapempty_hold(struct agent *a, const char *path, const struct ifmap *m)
{
	int64_t now = now_ms(), since = a->ifmap_empty_since;

	if (ifmap_count(m) || !ifmap_count(a->ifmap)) {
		a->ifmap_empty_since = 0;
		return false;
	}
	if (!since) {
		a->ifmap_empty_since = now;
		snmp_log(LOG_WARNING, "%s: empty; keeping the previous map (%zu interfaces) "
			 "unless it is still empty in %us\n", path, ifmap_count(a->ifmap),
			 a->opt.check_interval);
		return true;
	}
	if (now - since <= (int64_t)a->opt.check_interval * 1000)
		return true;
	a->ifmap_empty_since = 0;
	snmp_log(LOG_WARNING, "%s: still empty after %lld s: taken, no interface of the map "
		 "is served\n", path, (long long)(now - since) / 1000);
	return false;
}
