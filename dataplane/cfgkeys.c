/*
 * Key tables of the configuration sections: see cfgkeys.h.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bsd/string.h>

#include "dataplane/cfgkeys.h"
#include "dataplane/config.h"

int cfg_fail(const struct cfg_where *w, unsigned line, const char *key,
	     const char *fmt, ...)
{
	struct shmib_err why;
	va_list ap;

	va_start(ap, fmt);
	shmib_vfail(&why, fmt, ap);
	va_end(ap);
	return shmib_fail(w->err, "%s:%u: [%s]%s%s: %s", w->file, line,
			  w->section, key ? " " : "", key ? key : "", why.msg);
}

static const struct cfg_key *find_key(const struct cfg_key *k, const char *name)
{
	for (; k->name; k++)
		if (!strcmp(k->name, name))
			return k;
	return NULL;
}

static int parse_entries(const struct cfg_where *w, unsigned s,
			 const struct cfg_key *keys, void *base,
			 const struct rte_cfgfile_entry *e, int n)
{
	struct shmib_err why;

	for (int j = 0; j < n; j++) {
		unsigned line = cfglines_entry(w->lines, s, j);
		const struct cfg_key *k = find_key(keys, e[j].name);

		if (!k)
			return cfg_fail(w, line, e[j].name, "unknown key");
		for (int i = 0; i < j; i++)
			if (!strcmp(e[i].name, e[j].name))
				return cfg_fail(w, line, e[j].name,
						"given twice (first on line %u)",
						cfglines_entry(w->lines, s, i));
		if (k->parse(e[j].value, (char *)base + k->off, &why) < 0)
			return cfg_fail(w, line, e[j].name, "%s", why.msg);
	}
	return 0;
}

int cfg_parse_section(const struct cfg_where *w, struct rte_cfgfile *cfg,
		      unsigned s, const struct cfg_key *keys, void *base)
{
	char section[CFG_NAME_LEN];
	int n = rte_cfgfile_section_num_entries_by_index(cfg, section, s);
	struct rte_cfgfile_entry *e;
	int rc;

	if (n < 0)
		return cfg_fail(w, w->lines->section[s], NULL, "unreadable section");
	e = calloc(n ? n : 1, sizeof(*e));
	if (!e)
		return cfg_fail(w, w->lines->section[s], NULL, "out of memory");
	rte_cfgfile_section_entries_by_index(cfg, s, section, e, n);
	rc = parse_entries(w, s, keys, base, e, n);
	free(e);
	return rc;
}

int cfg_parse_path(const char *v, void *dst, struct shmib_err *why)
{
	if (*v != '/')
		return shmib_fail(why, "'%s' is not an absolute path", v);
	strlcpy(dst, v, PATH_MAX);
	return 0;
}

int cfg_parse_name(const char *v, void *dst, struct shmib_err *why)
{
	if (!*v)
		return shmib_fail(why, "empty");
	strlcpy(dst, v, DP_NAME_MAX);
	return 0;
}

int cfg_parse_num(const char *v, unsigned long long min,
		  unsigned long long max, const char *what,
		  unsigned long long *out, struct shmib_err *why)
{
	int base = strncmp(v, "0x", 2) ? 10 : 16;
	char *end;

	errno = 0;
	*out = strtoull(v, &end, base);
	if (errno || end == v || *end || !isdigit((unsigned char)*v) ||
	    *out < min || *out > max) {
		if (what)
			shmib_fail(why, "'%s' is not %s (%llu..%llu)",
				 v, what, min, max);
		else
			shmib_fail(why, "'%s' is not a number in %llu..%llu",
				 v, min, max);
		return -1;
	}
	return 0;
}
