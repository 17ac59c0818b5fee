/*
 * Log lines that carry text from files, for the agents (log.c) and the
 * exporter alike.  Segment and map file names, ifDescr values, map and
 * id-file lines are written by others: a newline in one would forge a
 * second log line, an escape sequence would drive the operator's
 * terminal.  The whole line is formatted first, then every byte that
 * is not a printable character is written as a C-style escape
 * (libbsd's strvis): the line the operator reads is one line, and says
 * which bytes were there.  No net-snmp here.
 */
#ifndef SHMIB_LOGTEXT_H
#define SHMIB_LOGTEXT_H

#include <stdarg.h>

#define LOGTEXT_MAX 1024        /* bytes of a line before escaping */

struct logtext {
	char s[4 * LOGTEXT_MAX + 1];    /* strvis: at most 4 bytes a byte */
};

/* FMT formatted into T, escaped; returns T->s. */
const char *logtext_format(struct logtext *t, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

#endif
