/*
 * Key tables of the configuration sections, shared by the dataplane's
 * sections (config.c: [global], [port NAME]) and the L2VPN's
 * (l2vpn/conf.c).  A section's keys are a table of name, parser and
 * offset into the element the section fills; cfg_parse_section() runs
 * the section's entries through it: unknown and repeated keys and
 * bad values are errors "FILE:LINE: [SECTION] KEY: why", the line
 * being the entry's (cfglines.h).
 */
#ifndef SHMIB_DP_CFGKEYS_H
#define SHMIB_DP_CFGKEYS_H

#include <stddef.h>

#include <rte_cfgfile.h>

#include "dataplane/cfglines.h"

/* Parses V into DST; -1 with WHY if V is bad. */
typedef int cfg_parse_fn(const char *v, void *dst, struct shmib_err *why);

struct cfg_key {
	const char *name;
	cfg_parse_fn *parse;
	size_t off;             /* of DST in the section's element */
};

/* Where errors point to. */
struct cfg_where {
	const char *file;
	const char *section;
	const struct cfglines *lines;
	struct shmib_err *err;
};

/* Writes "FILE:LINE: [SECTION] KEY: why" (no " KEY" when KEY is NULL)
 * to W->err; returns -1. */
int cfg_fail(const struct cfg_where *w, unsigned line, const char *key,
	     const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Parses the entries of section S of CFG with KEYS (ended by a NULL
 * name) into BASE.  W->section is the section's name. */
int cfg_parse_section(const struct cfg_where *w, struct rte_cfgfile *cfg,
		      unsigned s, const struct cfg_key *keys, void *base);

/* Typed parsers. */
int cfg_parse_path(const char *v, void *dst, struct shmib_err *why);  /* absolute, PATH_MAX */
int cfg_parse_name(const char *v, void *dst, struct shmib_err *why);  /* not empty, DP_NAME_MAX */

/* A decimal number (or hex with 0x) in MIN..MAX.  The error says
 * "'V' is not WHAT (MIN..MAX)", or "'V' is not a number in MIN..MAX"
 * when WHAT is NULL. */
int cfg_parse_num(const char *v, unsigned long long min,
		  unsigned long long max, const char *what,
		  unsigned long long *out, struct shmib_err *why);

#endif
