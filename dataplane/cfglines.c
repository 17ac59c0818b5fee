/*
 * Pre-scan of an INI file for line numbers; see cfglines.h.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dataplane/cfglines.h"
#include "dataplane/config.h"

static char *trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

static int header(struct cfglines *l, char *s, unsigned line, const char **why)
{
	size_t n = strlen(s);
	char *name;

	if (s[n - 1] != ']')
		return *why = "section header without closing ']'", -1;
	s[n - 1] = '\0';
	name = trim(s + 1);
	if (!*name)
		return *why = "empty section name", -1;
	if (strlen(name) >= DP_NAME_MAX)
		return *why = "section name too long", -1;
	if (l->nsections == CFG_SECTIONS_MAX)
		return *why = "too many sections", -1;
	l->section[l->nsections++] = line;
	l->first[l->nsections] = l->nentries;
	return 0;
}

static int entry(struct cfglines *l, char *s, char *eq, unsigned line,
		 const char **why)
{
	*eq = '\0';
	if (!l->nsections)
		return *why = "key outside any [section]", -1;
	if (!*trim(s))
		return *why = "empty key", -1;
	if (strlen(trim(s)) >= DP_NAME_MAX)
		return *why = "key too long", -1;
	if (strlen(trim(eq + 1)) >= DP_VALUE_MAX)
		return *why = "value too long", -1;
	if (l->nentries == CFG_ENTRIES_MAX)
		return *why = "too many entries", -1;
	l->entry[l->nentries++] = line;
	l->first[l->nsections] = l->nentries;
	return 0;
}

static int scan_line(struct cfglines *l, char *s, unsigned line,
		     const char **why)
{
	char *c = strchr(s, CFG_COMMENT), *eq;

	if (c)
		*c = '\0';
	s = trim(s);
	if (!*s)
		return 0;
	if (*s == '[')
		return header(l, s, line, why);
	eq = strchr(s, '=');
	if (eq)
		return entry(l, s, eq, line, why);
	*why = "expected \"key = value\" or \"[section]\"";
	return -1;
}

/* FILE opened for reading if it is a regular file of a sane size:
 * never blocks (a FIFO) nor reads without end (/dev/zero). */
static FILE *open_regular(const char *file, struct shmib_err *err)
{
	int fd = open(file, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	struct stat st;
	FILE *f;

	if (fd < 0) {
		shmib_fail(err, "%s: cannot open: %s", file, strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st))
		st.st_mode = 0;
	if (!S_ISREG(st.st_mode) || st.st_size > CFG_FILE_MAX) {
		if (!S_ISREG(st.st_mode))
			shmib_fail(err, "%s: not a regular file", file);
		else
			shmib_fail(err, "%s: larger than %d bytes", file, CFG_FILE_MAX);
		close(fd);
		return NULL;
	}
	f = fdopen(fd, "r");
	if (!f) {
		shmib_fail(err, "%s: %s", file, strerror(errno));
		close(fd);
	}
	return f;
}

int cfglines_scan(const char *file, struct cfglines *l, struct shmib_err *err)
{
	FILE *f = open_regular(file, err);
	char *buf = NULL;
	size_t cap = 0;
	unsigned line = 0;
	const char *why = NULL;
	ssize_t n;

	if (!f)
		return -1;
	memset(l, 0, sizeof(*l));
	while ((n = getline(&buf, &cap, f)) >= 0) {
		line++;
		if (n - (n && buf[n - 1] == '\n') > CFG_LINE_MAX) {
			static char longer[64];

			snprintf(longer, sizeof longer, "line longer than %d bytes",
				 CFG_LINE_MAX);
			why = longer;
			break;
		}
		if (memchr(buf, '\0', n)) {
			why = "NUL byte in line";
			break;
		}
		if (scan_line(l, buf, line, &why) < 0)
			break;
	}
	free(buf);
	fclose(f);
	if (why) {
		shmib_fail(err, "%s:%u: %s", file, line, why);
		return -1;
	}
	return 0;
}

unsigned cfglines_entry(const struct cfglines *l, unsigned s, unsigned j)
{
	if (s >= l->nsections || l->first[s] + j >= l->first[s + 1])
		return 0;
	return l->entry[l->first[s] + j];
}
