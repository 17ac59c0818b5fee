/*
 * The segment profiles against the catalogue: every object of a
 * profile is a stored catalogue object of the type the catalogue says
 * (Bits in its octets, no string longer than its SIZE) or an auxiliary
 * of the rules of shm.h; a key holds numbers or strings, not both; and
 * a segment written after a profile holds its objects, in order, with
 * their constants.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profiles.h"
#include "tools/mibtype.h"
#include "tests/unit/tmpdir.h"

TMPDIR_SUITE(profile);

static bool is_string(enum shm_type t)
{
	return t == SHM_OCTETSTR || t == SHM_BITS;
}

/* The TimeTicks object a time auxiliary belongs to, or NULL. */
static const struct mib_object *time_base(const char *name)
{
	static const char *const suffixes[] = SHM_AUX_TIMES;
	size_t pl = strlen(SHM_AUX_PREFIX), len = strlen(name);
	char base[SHM_NAME_MAX + 1];

	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		size_t sl = strlen(suffixes[i]);

		if (len <= pl + sl || strcmp(name + len - sl, suffixes[i]))
			continue;
		snprintf(base, sizeof base, "%.*s", (int)(len - pl - sl), name + pl);
		return mib_lookup(base);
	}
	return NULL;
}

static void check_aux(const struct shm_profile *p, const struct shm_pobj *o)
{
	const struct mib_object *base = time_base(o->name);

	if (base) {
		cr_expect_eq(base->type, MIB_TIMETICKS, "%s/%s: %s is no TimeTicks",
			     p->name, o->name, base->name);
		cr_expect_eq(o->type, SHM_COUNTER64, "%s/%s", p->name, o->name);
	} else {
		cr_expect_eq(o->type, SHM_OCTETSTR, "%s/%s", p->name, o->name);
		cr_expect(o->key, "%s/%s: a constant auxiliary string", p->name, o->name);
	}
}

static void check_object(const struct shm_profile *p, const struct shm_pobj *o)
{
	const struct mib_object *m = mib_lookup(o->name);
	enum shm_type t;

	cr_assert(m, "%s/%s is not in the catalogue", p->name, o->name);
	cr_assert(mibtype_storage(m->type, &t), "%s/%s is never stored", p->name, o->name);
	cr_expect_eq(o->type, t, "%s/%s: stored as %s, the catalogue says %s",
		     p->name, o->name, shm_type_name(o->type), mib_type_name(m->type));
	if (o->type == SHM_BITS)
		cr_expect_eq(o->size, mib_bits_octets(m), "%s/%s", p->name, o->name);
	else if (o->type == SHM_OCTETSTR && m->size)
		cr_expect_leq(o->size, m->size, "%s/%s: size over the module's",
			      p->name, o->name);
	else if (o->type != SHM_OCTETSTR)
		cr_expect_eq(o->size, 0, "%s/%s: a size for a number", p->name, o->name);
}

Test(profile, objects_are_the_catalogues)
{
	size_t checked = 0;

	for (size_t i = 0; profile_all[i]; i++) {
		const struct shm_profile *p = profile_all[i];

		cr_assert_gt(p->n, 0, "%s is empty", p->name);
		for (size_t j = 0; j < p->n; j++) {
			const struct shm_pobj *o = &p->obj[j];

			cr_expect_eq(shm_profile_find(p, o->name), o,
				     "%s/%s twice", p->name, o->name);
			if (!strncmp(o->name, SHM_AUX_PREFIX, strlen(SHM_AUX_PREFIX)))
				check_aux(p, o);
			else
				check_object(p, o);
			checked++;
		}
	}
	cr_assert_eq(checked, profile_if.n + profile_pw.n + profile_vpls.n);
}

/* A key is one value: its objects are all numbers or all strings. */
Test(profile, a_key_is_numbers_or_strings)
{
	for (size_t i = 0; profile_all[i]; i++) {
		const struct shm_profile *p = profile_all[i];

		for (size_t j = 0; j < p->n; j++)
			for (size_t k = j + 1; k < p->n; k++)
				if (p->obj[j].key && p->obj[j].key == p->obj[k].key)
					cr_expect_eq(is_string(p->obj[j].type),
						     is_string(p->obj[k].type),
						     "%s: %s and %s share a key",
						     p->name, p->obj[j].name, p->obj[k].name);
	}
}

/* What a reader finds: the objects in order with their lengths and
 * constants; a group left out is not there. */
static void check_written(const struct shm_profile *p, unsigned omit)
{
	struct shm_pval vals[64] = { { 0 } };
	struct shm_pseg s;
	struct shmib_err err;
	struct shm_seg *seg;
	size_t at = 0;

	cr_assert(shm_pseg_create(&s, dir, p->name, p, omit, vals, 0600, &err) == 0,
		  "%s", err.msg);
	seg = shm_seg_open(dir, p->name, &err);
	cr_assert(seg, "%s", err.msg);
	for (size_t i = 0; i < p->n; i++) {
		const struct shm_pobj *o = &p->obj[i];
		const struct shm_obj *r;
		uint64_t v;
		uint32_t u;

		if (o->group & omit) {
			cr_expect_null(shm_seg_find(seg, o->name), "%s", o->name);
			continue;
		}
		while (at < shm_seg_nobjs(seg) && !strncmp(shm_seg_obj(seg, at)->name,
							    SHM_AUX_PREFIX "pad", 6))
			at++;
		r = shm_seg_obj(seg, at++);
		if (!strcmp(r->name, SHM_SEQLOCK))
			r = shm_seg_obj(seg, at++);
		cr_assert_str_eq(r->name, o->name);
		if (is_string(o->type) || o->key)
			continue;
		cr_assert_eq(r->length, shm_type_size(o->type, 0), "%s", o->name);
		if (o->type == SHM_COUNTER64) {
			cr_assert_eq(shm_get_u64(seg, r, &v, NULL), 0);
			cr_expect_eq(v, (uint64_t)o->value, "%s", o->name);
		} else {
			cr_assert_eq(shm_get_u32(seg, r, &u, NULL), 0);
			cr_expect_eq(u, (uint32_t)o->value, "%s", o->name);
		}
	}
	shm_seg_close(seg);
	shm_pseg_free(&s, true);
}

Test(profile, written_as_declared)
{
	check_written(&profile_if, 0);
	check_written(&profile_pw, PW_G_PERF);
	check_written(&profile_vpls, VPLS_G_SHMIB);
}
