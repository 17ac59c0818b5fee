/*
 * Settings of notifications: their enable objects and rate limits.
 *
 * A notification pair names an enable object (ifLinkUpDownTrapEnable,
 * pwUpDownNotifEnable, ...) and may name a rate object (pwNotifRate,
 * cpwVcNotifRate).  Both are read from the segments, as the dataplane
 * is where a router keeps its configuration; a segment without the
 * object gets the value of the agent's .conf directive of the same
 * name, and without that the built-in default:
 *
 *   <enable object>  true|false  (also enabled|disabled, 1|2; default true)
 *   <rate object>    N           (at most N a second; 0, the default:
 *                                 no limit)
 *
 * An enable object is read per row (the row's segment); a rate object
 * is one for the agent: the first segment by name that has it.
 *
 * A rate limit counts notifications in windows of one second, the
 * first starting with a notification; the ones over the limit are not
 * sent, and counted; one log line at the end of such a window says
 * how many (pwNotifRate semantics: "the maximum number of PW
 * notifications that can be emitted per second").
 */
#ifndef SHMIB_NOTIFY_CONF_H
#define SHMIB_NOTIFY_CONF_H

#include <stdbool.h>
#include <stdint.h>

struct agent;
struct index;
struct shm_seg;

struct knob {
	const char *name;               /* the object and the directive */
	bool rate;                      /* a rate, else an enable */
	uint32_t conf;                  /* the .conf's value (or default) */
	/* rate limits */
	const struct shm_seg *seg;      /* the first segment with the object */
	int64_t start_cs;               /* the window in force, 0 = none */
	uint32_t limit, sent;
	uint64_t dropped, dropped_all;
};

#define KNOBS_MAX 12

/* An agent's knobs. */
struct knobs {
	struct knob v[KNOBS_MAX];
	size_t n;
};

/* The knob NAME of agent A (registered as a .conf directive on first
 * use); NULL (logged) when there are too many. */
struct knob *knob_get(struct agent *a, const char *name, bool rate);

/* Unregisters the directives of A's knobs. */
void knobs_stop(struct agent *a);

/* Every knob of A back to its default, before the .conf is read again. */
void knobs_reset(struct agent *a);

/* Whether an enable knob is on for the row of SEG (no knob: on). */
bool knob_enabled(const struct knob *k, const struct shm_seg *seg);

/* Whether SEG itself turns the knob off (its object says false(2)):
 * such rows are not polled at all (see notify.h). */
bool knob_off_in(const struct knob *k, const struct shm_seg *seg);

/* Rate limits: whether one more notification may go now; ends the
 * window (logging what it dropped) when it is over. */
bool knob_allow(struct knob *k, int64_t now_cs);
void knob_tick(struct knob *k, int64_t now_cs);

#endif
