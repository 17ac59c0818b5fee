/*
 * Pseudowire and VPLS segments as a reader sees them: every object in
 * the catalogue with its type, the values Snabb writes, updates; and
 * the vpls-ids / pseudowire-ids files.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dataplane/l2vpn/ids.h"
#include "mibs/catalogue.h"
#include "dataplane/l2vpn/pwseg.h"
#include "dataplane/l2vpn/vplsseg.h"
#include "tests/unit/tmpdir.h"

TMPDIR_SUITE(seg);

#define SEC(s) ((uint64_t)(s) * SHM_NS_PER_SEC)

/* Every object but the auxiliaries is in the catalogue, with its
 * size.  The not-accessible ones are exactly INDICES (in segment
 * order): the index arcs a segment carries (the second ones of the
 * ENET tables); pwIndex and vplsIndex are the agent's, never written. */
static void assert_catalogued(const struct shm_seg *seg, const char *indices)
{
	char found[256] = "";

	for (size_t i = 0; i < shm_seg_nobjs(seg); i++) {
		const struct shm_obj *o = shm_seg_obj(seg, i);
		if (!strncmp(o->name, "_X_", 3))
			continue;
		const struct mib_object *m = mib_lookup(o->name);
		cr_assert(m, "%s is not in the catalogue", o->name);
		if (!mib_readable(m))
			snprintf(found + strlen(found), sizeof found - strlen(found),
				 "%s%s", *found ? "," : "", o->name);
		enum shm_type t;
		cr_assert(mib_type_storage(m->type, &t));
		size_t want = t == SHM_OCTETSTR ? o->length : shm_type_size(t, 0);
		cr_assert_eq(o->length, want, "%s: %u bytes for a %s", o->name,
			     o->length, mib_type_name(m->type));
	}
	cr_assert_str_eq(found, indices);
}

static uint32_t u32(const struct shm_seg *seg, const char *name)
{
	uint32_t v;
	const struct shm_obj *o = shm_seg_find(seg, name);

	cr_assert(o, "no %s", name);
	cr_assert_eq(shm_get_u32(seg, o, &v, NULL), 0);
	return v;
}

static uint64_t u64(const struct shm_seg *seg, const char *name)
{
	uint64_t v;
	const struct shm_obj *o = shm_seg_find(seg, name);

	cr_assert(o, "no %s", name);
	cr_assert_eq(shm_get_u64(seg, o, &v, NULL), 0);
	return v;
}

static ssize_t str(const struct shm_seg *seg, const char *name, char *buf)
{
	const struct shm_obj *o = shm_seg_find(seg, name);

	cr_assert(o, "no %s", name);
	ssize_t n = shm_get_str(seg, o, buf, 127, NULL);
	cr_assert_geq(n, 0);
	buf[n] = '\0';
	return n;
}

static const struct pwseg_conf pw = {
	.name = "pw-a", .descr = "customer A", .vpls = "vpls-a",
	.ac_port = "", .vc_id = 42, .mtu = 1500,
	.in_label = 0x1111, .out_label = 0x2222,
	.psn_type = 6, .cpw_psn_type = 5,       /* GRE's */
};

static struct shm_seg *open_seg(const char *name)
{
	struct shmib_err err;
	struct shm_seg *seg = shm_seg_open(dir, name, &err);

	cr_assert(seg, "%s", err.msg);
	return seg;
}

Test(seg, pseudowire_segment_objects)
{
	struct pwseg s;
	struct shmib_err err;
	struct pwseg_conf c = pw;
	char buf[128];

	addr_parse("2001:db8::2", &c.peer);
	cr_assert_eq(pwseg_create(&s, dir, &c, SEC(1000), &err), 0, "%s", err.msg);
	struct shm_seg *seg = open_seg("pw-a");
	assert_catalogued(seg, "pwEnetPwInstance,cpwVcEnetPwVlan");
	cr_assert_eq(u32(seg, "pwOperStatus"), 2);
	cr_assert_eq(u32(seg, "cpwVcOperStatus"), 2);
	cr_assert_eq(u32(seg, "pwPeerAddrType"), 2);
	cr_assert_eq(str(seg, "pwPeerAddr", buf), 16);
	cr_assert_eq(memcmp(buf, c.peer.a, 16), 0);
	cr_assert_eq(u32(seg, "pwID"), 42);
	cr_assert_eq(u32(seg, "pwPsnType"), 6);
	cr_assert_eq(u32(seg, "cpwVcPsnType"), 5);
	cr_assert_eq(u32(seg, "cpwVcLocalIfMtu"), 1500);
	cr_assert_eq(u32(seg, "pwEnetPwInstance"), 1);
	cr_assert_eq(u32(seg, "cpwVcEnetPwVlan"), 4097);
	cr_assert_eq(u64(seg, "_X_pwCreateTime_TimeAbs"), 1000);
	cr_assert_eq(u64(seg, "_X_pwCreateTime_TimeAbsNs"), SEC(1000));
	cr_assert_eq(u64(seg, "_X_pwUpTime_TicksBase"), 0);
	str(seg, "pwName", buf);
	cr_assert_str_eq(buf, "pw-a");
	str(seg, "cpwVcDescr", buf);
	cr_assert_str_eq(buf, "customer A");
	str(seg, "_X_vplsName", buf);
	cr_assert_str_eq(buf, "vpls-a");
	cr_assert_eq(str(seg, "_X_pwEnetPortIfIndex", buf), 0);
	cr_assert_eq(str(seg, "pwRemoteStatus", buf), 1);
	cr_assert_eq((uint8_t)buf[0], 0x80, "pwNotForwarding");
	cr_assert_eq(str(seg, "pwLocalStatus", buf), 1, "the empty set: one zero octet");
	cr_assert_eq((uint8_t)buf[0], 0);
	/* RFC 3417 §8: every Bits object in the octets its named bits need */
	for (size_t i = 0; i < shm_seg_nobjs(seg); i++) {
		const struct mib_object *m = mib_lookup(shm_seg_obj(seg, i)->name);

		if (m && m->type == MIB_BITS)
			cr_assert_eq(str(seg, m->name, buf), (ssize_t)mib_bits_octets(m),
				     "%s", m->name);
	}
	shm_seg_close(seg);
	cr_assert_eq(chdir(dir), 0);
	cr_assert_eq(access("pw-a", F_OK), 0);
	pwseg_destroy(&s, true);
	cr_assert_eq(access("pw-a", F_OK), -1);
	cr_assert_eq(access("pw-a.index", F_OK), -1);
}

Test(seg, pseudowire_status_and_counters)
{
	struct pwseg s;
	struct shmib_err err;
	struct pwseg_conf c = pw;
	char buf[128];

	c.ac_port = "net_tap0";
	addr_parse("192.0.2.2", &c.peer);
	cr_assert_eq(pwseg_create(&s, dir, &c, SEC(1000), &err), 0, "%s", err.msg);
	struct shm_seg *seg = open_seg("pw-a");
	cr_assert_eq(u32(seg, "cpwVcPeerAddrType"), 1);
	cr_assert_eq(str(seg, "cpwVcPeerAddr", buf), 4);
	str(seg, "_X_cpwVcEnetPortIfIndex", buf);
	cr_assert_str_eq(buf, "net_tap0");

	cr_assert(pwseg_set_up(&s, true, SEC(1005) + 250000000));
	cr_assert_not(pwseg_set_up(&s, true, SEC(1006)), "no change");
	cr_assert_eq(u32(seg, "pwOperStatus"), 1);
	cr_assert_eq(u32(seg, "cpwVcInboundOperStatus"), 1);
	cr_assert_eq(u64(seg, "_X_pwUpTime_TicksBase"), 1005);
	cr_assert_eq(u64(seg, "_X_cpwVcUpTime_TicksBase"), 1005);
	cr_assert_eq(u64(seg, "_X_pwLastChange_TicksBase"), 1005);
	cr_assert_eq(u64(seg, "_X_pwLastChange_TimeAbsNs"), SEC(1005) + 250000000,
		     "the finer auxiliary, in nanoseconds");
	cr_assert_eq(str(seg, "pwRemoteStatus", buf), 1, "one octet for five bits");
	cr_assert_eq((uint8_t)buf[0], 0, "no faults");

	pwseg_set_remote(&s, 1500, "far end");
	cr_assert_eq(u32(seg, "pwRemoteIfMtu"), 1500);
	str(seg, "cpwVcRemoteIfString", buf);
	cr_assert_str_eq(buf, "far end");

	struct pw_counters k = { 1, 100, 2, 200, 3 };
	pwseg_set_counters(&s, &k);
	cr_assert_eq(u64(seg, "cpwVcPerfTotalInHCPackets"), 1);
	cr_assert_eq(u64(seg, "cpwVcPerfTotalInHCBytes"), 100);
	cr_assert_eq(u64(seg, "cpwVcPerfTotalOutHCPackets"), 2);
	cr_assert_eq(u64(seg, "cpwVcPerfTotalOutHCBytes"), 200);
	cr_assert_eq(u64(seg, "cpwVcPerfTotalErrorPackets"), 3);
	cr_assert_eq(u32(seg, "pwPerfTotalErrorPackets"), 3);

	cr_assert(pwseg_set_up(&s, false, SEC(1010)));
	cr_assert_eq(u32(seg, "cpwVcOperStatus"), 2);
	cr_assert_eq(u64(seg, "_X_pwUpTime_TicksBase"), 0);
	cr_assert_eq(u64(seg, "_X_pwLastChange_TicksBase"), 1010);
	shm_seg_close(seg);
	pwseg_destroy(&s, true);
}

Test(seg, vpls_segment)
{
	struct vplsseg s;
	struct shmib_err err;
	char buf[128];

	struct vplsseg_conf c = { .name = "vpls-a", .descr = "customer A", .mtu = 1500,
				  .capacity = 200, .fwd_high = 80, .fwd_low = 70 };

	cr_assert_eq(vplsseg_create(&s, dir, &c, &err), 0);
	struct shm_seg *seg = open_seg("vpls-a");
	assert_catalogued(seg, "");
	str(seg, "vplsConfigName", buf);
	cr_assert_str_eq(buf, "vpls-a");
	str(seg, "cvplsConfigDescr", buf);
	cr_assert_str_eq(buf, "customer A");
	cr_assert_eq(u32(seg, "vplsConfigMtu"), 1500);
	cr_assert_eq(u32(seg, "vplsConfigFwdFullHighWatermark"), 80);
	cr_assert_eq(u32(seg, "cvplsConfigFwdFullLowWatermark"), 70);
	cr_assert_eq(u32(seg, "vplsStatusOperStatus"), 2);
	vplsseg_set_peers(&s, 2);
	cr_assert_eq(u32(seg, "cvplsStatusOperStatus"), 1);
	cr_assert_eq(u32(seg, "vplsStatusPeerCount"), 2);
	/* The scalars Snabb's writer has, which the Perl agent serves */
	cr_assert_eq(u32(seg, "cvplsStatusNotifEnable"), 1);
	cr_assert_eq(u32(seg, "cvplsNotificationMaxRate"), 0);
	cr_assert_eq(u32(seg, "vplsStatusNotifEnable"), 1);
	cr_assert_eq(u32(seg, "vplsNotificationMaxRate"), 0);
	/* The fill level; readers are signalled (a guarded update: the
	 * seqlock moves) only when it crosses a whole percent. */
	cr_assert_eq(u32(seg, "_X_vplsFwdCapacity"), 200);
	cr_assert_eq(u32(seg, "_X_vplsFwdEntries"), 0);
	uint32_t lock = u32(seg, "_X_seqlock");
	vplsseg_set_fill(&s, 1, 200);           /* 0.5 % */
	cr_assert_eq(u32(seg, "_X_vplsFwdEntries"), 1);
	cr_assert_eq(u32(seg, "_X_seqlock"), lock + 2);
	vplsseg_set_fill(&s, 2, 200);           /* 1 % */
	cr_assert_eq(u32(seg, "_X_seqlock"), lock + 4);
	vplsseg_set_fill(&s, 3, 200);           /* 1.5 % */
	vplsseg_set_fill(&s, 3, 200);
	cr_assert_eq(u32(seg, "_X_seqlock"), lock + 6, "same level: no signal");
	vplsseg_set_fill(&s, 3, 400);
	cr_assert_eq(u32(seg, "_X_vplsFwdCapacity"), 400);
	cr_assert_eq(u32(seg, "_X_seqlock"), lock + 8);
	shm_seg_close(seg);
	vplsseg_destroy(&s, true);
}

Test(seg, ids_files_written_and_leftovers_removed)
{
	char names[2][16] = { "pw-a", "pw-b" };
	char file[128], line[64];
	struct shmib_err err;
	struct pwseg s;
	struct pwseg_conf c = pw;

	addr_parse("2001:db8::2", &c.peer);
	snprintf(file, sizeof(file), "%s/pseudowire-ids", dir);
	cr_assert_eq(ids_write(file, names[0], sizeof(names[0]), 2, &err), 0);
	FILE *f = fopen(file, "r");
	cr_assert(fgets(line, sizeof(line), f));
	cr_assert_str_eq(line, "pw-a\n");
	cr_assert(fgets(line, sizeof(line), f));
	cr_assert_str_eq(line, "pw-b\n");
	cr_assert_null(fgets(line, sizeof(line), f));
	fclose(f);

	cr_assert_eq(pwseg_create(&s, dir, &c, SEC(1), &err), 0);
	pwseg_destroy(&s, false);
	cr_assert_eq(chdir(dir), 0);
	cr_assert_eq(access("pw-a.index", F_OK), 0);
	cr_assert_eq(ids_remove_listed(file, dir), 2);
	cr_assert_eq(access("pw-a.index", F_OK), -1);
	cr_assert_eq(access("pw-a", F_OK), -1);
	cr_assert_eq(ids_remove_listed("/nonexistent/ids", dir), 0);
}

/* pw_perf_table = no: no object of cpwVcPerfTotalTable (Snabb's Perl
 * agent registers them as scalars and dies at the first GET), the
 * rest as usual, the counters still kept. */
Test(seg, pseudowire_without_perf_table)
{
	struct pwseg s;
	struct shmib_err err;
	struct pwseg_conf c = pw;

	c.no_perf_table = true;
	cr_assert_eq(pwseg_create(&s, dir, &c, SEC(1000), &err), 0, "%s", err.msg);
	struct shm_seg *seg = open_seg("pw-a");
	for (size_t i = 0; i < shm_seg_nobjs(seg); i++) {
		const char *name = shm_seg_obj(seg, i)->name;
		const char *obj = strncmp(name, "_X_", 3) ? name : name + 3;
		const struct mib_object *m = mib_lookup(strtok(strdupa(obj), "_"));

		cr_assert(!m || strcmp(m->table, "cpwVcPerfTotalTable"), "%s is written", name);
	}
	cr_assert_eq(u32(seg, "pwOperStatus"), 2);
	struct pw_counters k = { 1, 100, 2, 200, 3 };
	pwseg_set_counters(&s, &k);
	cr_assert_eq(u64(seg, "cpwVcPerfTotalErrorPackets"), 3, "the scalar's part stays");
	shm_seg_close(seg);
	pwseg_destroy(&s, true);
}
