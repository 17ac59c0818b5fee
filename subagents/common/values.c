/* Value conversions (rules in values.h). */
#include <stdio.h>
#include <string.h>

#include "subagents/common/uptime.h"
#include "subagents/common/values.h"

static bool is_string(enum mib_type t)
{
	return t == MIB_OCTETSTR || t == MIB_BITS;
}

bool value_fits(const struct mib_object *mib, const struct shm_obj *o)
{
	if (mib->type == MIB_OBJECTID)
		return false;
	if (is_string(mib->type))
		return o->length >= 2;
	return o->length == 4 || o->length == 8;
}

bool value_aux_ns(const struct shm_obj *o)
{
	size_t n = strlen(o->name), s = strlen(SHM_AUX_TIMEABS_NS);

	return n > s && !strcmp(o->name + n - s, SHM_AUX_TIMEABS_NS);
}

bool value_aux_fits(const struct mib_object *mib, const char *suffix,
		    const struct shm_obj *o)
{
	if (!strcmp(suffix, SHM_AUX_TIMEABS_NS))
		return o->length == 8 && mib->time == MIB_TIME_STAMP;
	if (o->length != 4 && o->length != 8)
		return false;
	if (mib->time == MIB_TIME_STAMP)
		return true;
	return mib->time == MIB_TIME_TICKS && !strcmp(suffix, SHM_AUX_TICKSBASE);
}

/* A 4- or 8-byte integer; SIGNED extends a 4-byte int32. */
static bool raw(const struct shm_seg *seg, const struct shm_obj *o,
		bool is_signed, uint64_t *v)
{
	uint32_t u32;
	int32_t i32;

	if (o->length == 8)
		return shm_get_u64(seg, o, v, NULL) == 0;
	if (is_signed) {
		if (shm_get_i32(seg, o, &i32, NULL))
			return false;
		*v = (uint64_t)(int64_t)i32;
		return true;
	}
	if (shm_get_u32(seg, o, &u32, NULL))
		return false;
	*v = u32;
	return true;
}

/* Centiseconds of S UNIX seconds from a segment: any 64-bit value,
 * saturated rather than overflowed. */
static int64_t cs_of(uint64_t s)
{
	return s > INT64_MAX / 100 ? INT64_MAX : (int64_t)s * 100;
}

/* A time difference as TimeTicks: clamped to 0..2^32-1. */
static uint32_t ticks_of(int64_t d)
{
	return d < 0 ? 0 : d > UINT32_MAX ? UINT32_MAX : (uint32_t)d;
}

static uint64_t timeticks(struct agent *a, const struct shm_seg *seg, const struct mib_object *mib,
			  uint64_t stored, const struct shm_obj *aux)
{
	uint64_t t;

	if (!aux || !raw(seg, aux, false, &t))
		return (uint32_t)stored;
	if (mib->time == MIB_TIME_STAMP && value_aux_ns(aux))
		return agent_stamp(a, (int64_t)(t / (SHM_NS_PER_SEC / 100)));
	if (mib->time == MIB_TIME_STAMP)
		return agent_stamp(a, cs_of(t));
	if (t == 0)
		return (uint32_t)stored;
	return ticks_of(uptime_now_cs() - cs_of(t));    /* both >= 0: no overflow */
}

static bool string(const struct shm_seg *seg, const struct shm_obj *o,
		   struct agent_value *v)
{
	ssize_t n = shm_get_str(seg, o, v->buf, v->bufsz, NULL);

	if (n < 0)
		return false;
	v->ptr = v->buf;
	v->len = n;
	return true;
}

/* RFC 3417 §8: as many octets as the definition's named bits need,
 * whatever the segment holds (Snabb's writer stores 16, an empty set
 * may be stored as none): missing octets are zero, extra ones unused. */
static bool bits(const struct shm_seg *seg, const struct mib_object *mib,
		 const struct shm_obj *o, struct agent_value *v)
{
	size_t want = mib_bits_octets(mib);

	if (!string(seg, o, v) || want > v->bufsz)
		return false;
	if (v->len < want)
		memset(v->buf + v->len, 0, want - v->len);
	v->len = want;
	return true;
}

bool value_read(struct agent *a, const struct shm_seg *seg, const struct mib_object *mib,
		const struct shm_obj *obj, const struct shm_obj *aux,
		struct agent_value *v)
{
	uint64_t n;

	if (mib->type == MIB_BITS)
		return bits(seg, mib, obj, v);
	if (is_string(mib->type))
		return string(seg, obj, v);
	if (!value_fits(mib, obj) || !raw(seg, obj, mib->type == MIB_INTEGER32, &n))
		return false;
	switch (mib->type) {
	case MIB_INTEGER32:
		if ((int64_t)n > INT32_MAX || (int64_t)n < INT32_MIN)
			n = (int64_t)n < 0 ? (uint64_t)(int64_t)INT32_MIN : INT32_MAX;
		break;
	case MIB_GAUGE32:
	case MIB_UNSIGNED32:
		n = n > UINT32_MAX ? UINT32_MAX : n;
		break;
	case MIB_COUNTER32:
		n = (uint32_t)n;
		break;
	case MIB_TIMETICKS:
		n = timeticks(a, seg, mib, n, aux);
		break;
	default:
		break;
	}
	v->num = n;
	return true;
}

/* The auxiliary of MIB in SEG, by name, the finest first. */
static const struct shm_obj *find_aux(const struct shm_seg *seg,
				      const struct mib_object *mib)
{
	static const char *const suffix[] = SHM_AUX_TIMES;
	char name[SHM_NAME_MAX + 1];

	if (mib->time == MIB_TIME_NONE)
		return NULL;
	for (size_t i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
		const struct shm_obj *o;

		snprintf(name, sizeof name, SHM_AUX_PREFIX "%s%s", mib->name, suffix[i]);
		o = shm_seg_find(seg, name);
		if (o && value_aux_fits(mib, suffix[i], o))
			return o;
	}
	return NULL;
}

bool agent_seg_value(struct agent *a, const struct shm_seg *seg,
		     const struct mib_object *mib, struct agent_value *v)
{
	const struct shm_obj *o = shm_seg_find(seg, mib->name);

	return o && value_read(a, seg, mib, o, find_aux(seg, mib), v);
}

ssize_t agent_seg_string(const struct shm_seg *seg, const char *name,
			 char *buf, size_t bufsz)
{
	const struct shm_obj *o = shm_seg_find(seg, name);
	ssize_t n;

	if (!o || o->length < 2 || bufsz == 0)
		return -1;
	n = shm_get_str(seg, o, buf, bufsz - 1, NULL);
	if (n < 0)
		return -1;
	buf[n] = '\0';
	return n;
}

bool agent_seg_u32(const struct shm_seg *seg, const char *name, uint32_t *v)
{
	const struct shm_obj *o = shm_seg_find(seg, name);
	uint64_t n;

	if (!o || !raw(seg, o, false, &n))
		return false;
	*v = (uint32_t)n;
	return true;
}

bool agent_seg_index(const struct shm_seg *seg, const char *table,
		     unsigned from, uint32_t *idx)
{
	const struct mib_table *t = mib_table_lookup(table);

	if (!t)
		return false;
	for (unsigned i = from; i < t->nindex; i++)
		if (!agent_seg_u32(seg, t->index[i]->name, &idx[i]))
			return false;
	return true;
}
