/*
 * See capture.h.
 */
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_pdump.h>

#include "dataplane/capture.h"
#include "dataplane/log.h"

static bool started;

void capture_start(void)
{
	if (rte_pdump_init() < 0) {
		dp_log(LOG_WARNING, "packet capture (pdump) unavailable: %s",
		       rte_strerror(rte_errno));
		return;
	}
	started = true;
}

void capture_stop(void)
{
	if (started)
		rte_pdump_uninit();
	started = false;
}
