/*
 * libFuzzer target for the dataplane's configuration parser
 * (dp_config_load, no EAL).  The input is written to a file, since the
 * parser reads one; it must either be refused with a message that
 * starts with that file's name or load with at most DP_PORTS_MAX ports,
 * each with a device and a cross-connect that names a port.  Anything
 * else aborts.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dataplane/config.h"

static void require(int ok)
{
	if (!ok)
		abort();
}

static char path[] = "/tmp/fuzz-config.XXXXXX";
static int fd = -1;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct dp_config c;
	static struct shmib_err err;
	int rc;

	if (fd < 0) {
		require((fd = mkstemp(path)) >= 0);
		unlink(path);   /* read through /proc/self/fd, gone at exit */
		snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	}
	require(ftruncate(fd, 0) == 0 && pwrite(fd, data, size, 0) == (ssize_t)size);
	memset(&c, 0, sizeof c);
	err.msg[0] = 0;
	rc = dp_config_load(path, &c, &err);
	if (rc < 0) {
		require(strncmp(err.msg, path, strlen(path)) == 0 && err.msg[strlen(path)] == ':');
	} else {
		require(rc == 0 && c.nports <= DP_PORTS_MAX);
		for (unsigned i = 0; i < c.nports; i++) {
			require(c.port[i].device[0] != 0);
			require(c.port[i].xconnect == DP_NO_PORT ||
				(c.port[i].xconnect >= 0 && (unsigned)c.port[i].xconnect < c.nports));
		}
	}
	free(c.l2vpn);
	return 0;
}
