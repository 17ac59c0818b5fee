/*
 * Work done in pieces on the agent's loop (snmpd's, for a module): one
 * call of the piece per turn of the loop while the work is on, so that
 * what arrived meanwhile (requests, inotify events) is served between
 * two pieces.
 *
 * An alarm of no delay does not do this: net-snmp's run_alarms calls,
 * before it returns, every alarm due by the time the last one returned,
 * so an alarm that registers itself again runs back to back until the
 * work is done: a rebuild of 10,000 segments held snmpd ~270 ms that
 * way although each piece took 2 ms.  A file descriptor that is always
 * readable (an eventfd never read) is select()ed once a turn instead,
 * in snmpd as in the daemon's agent_check_and_process.  Where no
 * eventfd can be had, an alarm 1 ms away stands in: it ends run_alarms
 * and costs a millisecond a piece.
 */
#ifndef SHMIB_TURNS_H
#define SHMIB_TURNS_H

#include <stdbool.h>

typedef void turns_fn(void *arg);

/* All zero: off, nothing held (turns_fini is harmless). */
struct turns {
	turns_fn *fn;
	void *arg;
	int fd;                 /* the eventfd, while has_fd */
	unsigned alarm;         /* the stand-in's, 0 while none */
	bool has_fd, on, registered;
};

/* FN(ARG) will be called once a turn while T is on. */
void turns_init(struct turns *t, turns_fn *fn, void *arg);
void turns_on(struct turns *t);
void turns_off(struct turns *t);
/* Off, and the descriptor closed (the agent stops). */
void turns_fini(struct turns *t);

#endif
