/*
 * libFuzzer target for the value conversions of the subagents
 * (subagents/common/values.c, agent_seg_value): the input is the data
 * file of a segment whose index holds one object of every SMI type the
 * agents serve, as 4- and 8-byte integers, with TimeAbs and TicksBase
 * auxiliaries, and strings, in Snabb's unpadded layout (unaligned
 * loads too).  Every value read must lie in its SMI type's range
 * (Integer32, 32-bit types 0..2^32-1, strings within their capacity);
 * UBSan catches any overflow on the way.  Anything else aborts.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "shm/shm.h"
#include "subagents/common/core.h"
#include "subagents/common/values.h"

/* name, length: each object once; their sum is the data file's size. */
static const struct { const char *name; unsigned len; } objs[] = {
	{ "ifMtu", 4 },                 /* Integer32 */
	{ "ifAdminStatus", 8 },         /* Integer32 stored as int64 */
	{ "ifSpeed", 4 },               /* Gauge32 */
	{ "ifHighSpeed", 8 },           /* Gauge32 stored as 64 bits */
	{ "ifInOctets", 4 },            /* Counter32 */
	{ "ifOutOctets", 8 },
	{ "ifHCInOctets", 8 },          /* Counter64 */
	{ "ifHCOutOctets", 4 },
	{ "ifLastChange", 4 },          /* TimeTicks "stamp" + TicksBase */
	{ "_X_ifLastChange_TicksBase", 8 },
	{ "ifCounterDiscontinuityTime", 8 },    /* + TimeAbs */
	{ "_X_ifCounterDiscontinuityTime_TimeAbs", 8 },
	{ "pwUpTime", 4 },              /* TimeTicks "ticks" + TicksBase */
	{ "_X_pwUpTime_TicksBase", 8 },
	{ "pwLastChange", 8 },
	{ "_X_pwLastChange_TimeAbs", 4 },
	{ "ifDescr", 10 },              /* OctetStr of 8 */
	{ "pwLocalStatus", 18 },        /* Bits */
	{ "ifAlias", 2 },               /* OctetStr of 0 */
};
#define NOBJS (sizeof objs / sizeof *objs)

static char dir[] = "/tmp/shmib-fuzz-values.XXXXXX";
static char data_path[sizeof dir + 8];
static size_t total;
static int data_fd = -1;
static struct shm_seg *seg;
static struct agent agent;      /* sysUpTime base 0: the Epoch */

static void require(int ok)
{
	if (!ok)
		abort();
}

static void remove_files(void)
{
	char path[sizeof dir + 16];

	shm_seg_close(seg);
	close(data_fd);
	snprintf(path, sizeof path, "%s/s.index", dir);
	unlink(path);
	unlink(data_path);
	rmdir(dir);
}

static void setup(void)
{
	char path[sizeof dir + 16];
	struct shmib_err err;
	FILE *f;

	require(mkdtemp(dir) != NULL);
	atexit(remove_files);
	snprintf(path, sizeof path, "%s/s.index", dir);
	snprintf(data_path, sizeof data_path, "%s/s", dir);
	f = fopen(path, "w");
	require(f != NULL);
	fputs("MIB:1\n", f);
	for (size_t i = 0; i < NOBJS; i++) {
		fprintf(f, "%s:%u\n", objs[i].name, objs[i].len);
		total += objs[i].len;
	}
	require(fclose(f) == 0);
	data_fd = open(data_path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	require(data_fd >= 0 && ftruncate(data_fd, total) == 0);
	seg = shm_seg_open(dir, "s", &err);
	require(seg != NULL);
}

/* The input becomes the data file's bytes, in place: the segment
 * stays open and its mapping sees them. */
static void write_data(const uint8_t *data, size_t size)
{
	uint8_t buf[256] = { 0 };

	require(total <= sizeof buf);
	memcpy(buf, data, size < total ? size : total);
	require(pwrite(data_fd, buf, total, 0) == (ssize_t)total);
}

static void check(const struct mib_object *mib, const struct shm_obj *o,
		  const struct agent_value *v)
{
	switch (mib->type) {
	case MIB_INTEGER32:
		require((int64_t)v->num >= INT32_MIN && (int64_t)v->num <= INT32_MAX);
		break;
	case MIB_UNSIGNED32:
	case MIB_COUNTER32:
	case MIB_GAUGE32:
	case MIB_TIMETICKS:
		require(v->num <= UINT32_MAX);
		break;
	case MIB_OCTETSTR:
	case MIB_BITS:
		require(v->len <= o->length - 2u && v->len <= v->bufsz);
		break;
	default:
		break;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t strbuf[SHM_OCTETSTR_MAX];

	if (!total)
		setup();
	write_data(data, size);
	for (size_t i = 0; i < NOBJS; i++) {
		const struct mib_object *mib = mib_lookup(objs[i].name);
		struct agent_value v = { .buf = strbuf, .bufsz = sizeof strbuf };

		if (mib && agent_seg_value(&agent, seg, mib, &v))
			check(mib, shm_seg_find(seg, objs[i].name), &v);
	}
	return 0;
}
