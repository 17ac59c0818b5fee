/*
 * Conditions logged once: a message found at a rebuild is logged only
 * if neither this rebuild nor the previous one found it before.  So an
 * interface whose ifDescr is not in the map is logged when it appears,
 * not at every rebuild, and again if it comes back after being fixed.
 */
#ifndef SHMIB_NOTES_H
#define SHMIB_NOTES_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

struct notes {
	char **prev;            /* sorted */
	size_t nprev;
	char **cur;             /* open-addressing hash set */
	size_t ncur, cap;
};

/* True when MSG should be logged now.  Takes a copy of MSG. */
bool notes_add(struct notes *n, const char *msg);

/* The message of FMT, logged by LOG (LOG_WARNING, one line without
 * newline) when notes_add says so: the agents' agent_note and
 * shmib-exporter's notes. */
typedef void (*notes_log_fn)(int priority, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void notes_vlog(struct notes *n, notes_log_fn log, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));
void notes_log(struct notes *n, notes_log_fn log, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Ends a rebuild: what was found becomes "last time". */
void notes_commit(struct notes *n);

void notes_free(struct notes *n);

#endif
