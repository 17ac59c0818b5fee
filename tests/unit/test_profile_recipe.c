/*
 * The recipe of shm/profile.h, followed: tests/unit/profile-extra.txt
 * adds one line to the interface profile (ifOutQLen, a key), the build
 * compiles it with the real profiles (build/gen/exercise), and a
 * segment written by the one writer holds the new column, typed by
 * the catalogue, with the value the code gave its key, beside the
 * others.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exercise/profiles.h"
#include "mibs/catalogue.h"
#include "tests/unit/tmpdir.h"

TMPDIR_SUITE(recipe);

Test(recipe, one_more_column)
{
	const struct shm_pobj *o = shm_profile_find(&profile_if, "ifOutQLen");
	struct shm_pval v[IF_KEYS] = {
		[IF_DESCR] = { .str = "0000:01:00.0", .len = 12 },
		[IF_OUT_QLEN] = { 42 },
		[IF_IN_OCTETS] = { (1ull << 32) + 7 },
	};
	struct shmib_err err;
	struct shm_pseg s;
	struct shm_seg *seg;
	uint32_t u;
	uint64_t n;

	cr_assert(o, "ifOutQLen is not in the extended profile");
	cr_assert_eq(o, &profile_if.obj[profile_if.n - 1], "not the last line");
	cr_assert_eq(o->type, SHM_GAUGE32, "the catalogue's Gauge32");
	cr_assert_eq(mib_lookup(o->name)->type, MIB_GAUGE32);
	cr_assert_eq(o->key, IF_OUT_QLEN);

	cr_assert(shm_pseg_create(&s, dir, "if1", &profile_if, 0, v, 0600, &err) == 0,
		  "%s", err.msg);
	seg = shm_seg_open(dir, "if1", &err);
	cr_assert(seg, "%s", err.msg);
	cr_assert_eq(shm_get_u32(seg, shm_seg_find(seg, "ifOutQLen"), &u, NULL), 0);
	cr_expect_eq(u, 42);
	shm_pseg_set_num(&s, IF_OUT_QLEN, 43);
	cr_assert_eq(shm_get_u32(seg, shm_seg_find(seg, "ifOutQLen"), &u, NULL), 0);
	cr_expect_eq(u, 43);
	/* The other columns are as before. */
	cr_assert_eq(shm_get_u64(seg, shm_seg_find(seg, "ifHCInOctets"), &n, NULL), 0);
	cr_expect_eq(n, (1ull << 32) + 7);
	cr_assert_eq(shm_get_u32(seg, shm_seg_find(seg, "ifInOctets"), &u, NULL), 0);
	cr_expect_eq(u, 7);
	shm_seg_close(seg);
	shm_pseg_free(&s, true);
}
