/*
 * Value conversions, the rules of DESIGN.md:
 *   Integer32             int32 (4 bytes) or int64 (8) as stored
 *   Counter32, TimeTicks  the low 32 bits of what is stored (4 or 8 bytes)
 *   Gauge32, Unsigned32   what is stored, saturated at 2^32-1
 *   Counter64             uint64 (a 4-byte object is widened)
 *   OctetStr, Bits        uint16 length + bytes, copied under the seqlock;
 *                         a Bits value has the octets its definition's
 *                         named bits need (catalogue), zero-filled
 * and for TimeTicks objects with an auxiliary (UNIX seconds):
 *   time "stamp" + _X_<obj>_TimeAbs or _X_<obj>_TicksBase:
 *       sysUpTime at that time: 100 * (abs - base), 0 before the
 *       master's start (base = UNIX time of the master's sysUpTime 0)
 *   time "ticks" + _X_<obj>_TicksBase: 100 * (now - TicksBase); a
 *       base of 0 means "not running": the stored value is served.
 * A TimeStamp with _X_<obj>_TimeAbsNs (UNIX nanoseconds, 8 bytes,
 * written by shmib's writers beside the seconds) takes that instead:
 * the same rule to the centisecond.
 * Both computed times are clamped to 0..2^32-1 and computed without
 * overflow for any 64-bit auxiliary (a broken writer's 2^63-1 gives
 * 2^32-1, not a wrapped value).
 */
#ifndef SHMIB_VALUES_H
#define SHMIB_VALUES_H

#include "subagents/common/agent.h"

/* Whether the auxiliary O holds nanoseconds (_X_<obj>_TimeAbsNs). */
bool value_aux_ns(const struct shm_obj *o);

/* Whether object O of a segment can hold a value of MIB's type. */
bool value_fits(const struct mib_object *mib, const struct shm_obj *o);

/* Whether O (an auxiliary) can be the time base of MIB, given its
 * SUFFIX (one of SHM_AUX_TIMES). */
bool value_aux_fits(const struct mib_object *mib, const char *suffix,
		    const struct shm_obj *o);

/* The value of OBJ in SEG as MIB, with the time auxiliary AUX (or NULL). */
bool value_read(struct agent *a, const struct shm_seg *seg, const struct mib_object *mib,
		const struct shm_obj *obj, const struct shm_obj *aux,
		struct agent_value *v);

#endif
