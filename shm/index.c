/*
 * The index parser.  An index is text:
 *
 *	MIB:1
 *	name:length
 *	...
 *
 * Parsing is strict: the first fault is reported as "FILE:LINE: what"
 * and nothing is returned.  A missing newline after the last line is
 * the only liberty taken.  Objects get their offsets in index order
 * with no gaps; *TOTAL is the data size the index implies.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "shm/shm.h"
#include "shm/internal.h"

struct line {
	const char *p;
	size_t len;
	unsigned no;
};

/* The line that starts at *POS; advances *POS past its newline. */
static struct line next_line(const char *text, size_t len, size_t *pos,
			     unsigned no)
{
	const char *start = text + *pos;
	const char *nl = memchr(start, '\n', len - *pos);
	size_t n = nl ? (size_t)(nl - start) : len - *pos;

	*pos += n + (nl != NULL);
	return (struct line){ start, n, no };
}

/* Decimal digits only (no sign, no blanks), at most SHM_OBJ_LEN_MAX:
 * -1 not a number, -2 too large. */
static int parse_len(const char *p, size_t n, unsigned long *v)
{
	*v = 0;
	if (n == 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (p[i] < '0' || p[i] > '9')
			return -1;
		*v = *v * 10 + (p[i] - '0');
		if (*v > SHM_OBJ_LEN_MAX)
			return -2;
	}
	return 0;
}

/* At most 64 bytes of P for a message, other bytes than printable
 * ASCII shown as '?', so a message stays one line of text. */
static const char *quote(const char *p, size_t n, char buf[static 65])
{
	if (n > 64)
		n = 64;
	for (size_t i = 0; i < n; i++)
		buf[i] = p[i] >= ' ' && p[i] < 0x7f ? p[i] : '?';
	buf[n] = '\0';
	return buf;
}

static int check_header(const char *file, struct line l,
			struct shmib_err *err)
{
	const char *colon = memchr(l.p, ':', l.len);
	size_t nslen = strlen(SHM_NAMESPACE), vlen;
	unsigned long version;
	char q[65];

	if (l.len == 0)
		return shmib_fail(err, "%s:1: empty header line (expected \"%s:%d\")",
				file, SHM_NAMESPACE, SHM_VERSION);
	if (!colon)
		return shmib_fail(err, "%s:1: header is not \"namespace:version\" "
				"(expected \"%s:%d\")", file, SHM_NAMESPACE, SHM_VERSION);
	if ((size_t)(colon - l.p) != nslen || memcmp(l.p, SHM_NAMESPACE, nslen))
		return shmib_fail(err, "%s:1: name space \"%s\" is not \"%s\"", file,
				quote(l.p, colon - l.p, q), SHM_NAMESPACE);
	vlen = l.len - nslen - 1;
	if (parse_len(colon + 1, vlen, &version) || version != SHM_VERSION)
		return shmib_fail(err, "%s:1: version \"%s\" is not supported (only %d)",
				file, quote(colon + 1, vlen, q), SHM_VERSION);
	return 0;
}

/* Checks one "name:length" line; the name is the first NAMELEN bytes
 * of L. */
static int parse_object(const char *file, struct line l, size_t *namelen,
			unsigned long *length, struct shmib_err *err)
{
	const char *colon = memchr(l.p, ':', l.len);
	const char *problem;
	int rc;

	if (l.len == 0)
		return shmib_fail(err, "%s:%u: empty line", file, l.no);
	if (!colon)
		return shmib_fail(err, "%s:%u: no ':' between name and length",
				file, l.no);
	*namelen = colon - l.p;
	problem = shm_name_problem(l.p, *namelen);
	if (problem)
		return shmib_fail(err, "%s:%u: %s", file, l.no, problem);
	rc = parse_len(colon + 1, l.len - *namelen - 1, length);
	if (rc == -2)
		return shmib_fail(err, "%s:%u: length exceeds %d", file, l.no,
				SHM_OBJ_LEN_MAX);
	if (rc)
		return shmib_fail(err, "%s:%u: length is not a decimal number",
				file, l.no);
	if (*length == 0)
		return shmib_fail(err, "%s:%u: length 0", file, l.no);
	return 0;
}

struct sorted {
	const char *name;
	unsigned line;
};

static int by_name_line(const void *a, const void *b)
{
	const struct sorted *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	return c ? c : (x->line > y->line) - (x->line < y->line);
}

/* Reports the earliest line that repeats a name (O(n log n)). */
static int check_duplicates(const char *file, const struct shm_obj *objs,
			    size_t n, struct shmib_err *err)
{
	struct sorted *s = malloc(n * sizeof(*s) + 1);
	unsigned dup = 0, first = 0;

	if (!s)
		return shmib_fail(err, "%s: %s", file, strerror(ENOMEM));
	for (size_t i = 0; i < n; i++)
		s[i] = (struct sorted){ objs[i].name, i + 2 };
	qsort(s, n, sizeof(*s), by_name_line);
	for (size_t i = 1; i < n; i++) {
		if (strcmp(s[i - 1].name, s[i].name) == 0 &&
		    (!dup || s[i].line < dup)) {
			dup = s[i].line;
			first = s[i - 1].line;
		}
	}
	if (dup) {
		shmib_fail(err, "%s:%u: duplicate name \"%s\" (first on line %u)",
			 file, dup, objs[dup - 2].name, first);
		free(s);
		return -1;
	}
	free(s);
	return 0;
}

/* Pass 1: counts object lines and validates them. */
static int scan(const char *file, const char *text, size_t len,
		size_t *nobjs, size_t *namebytes, struct shmib_err *err)
{
	size_t pos = 0, namelen;
	unsigned long length;
	unsigned no = 1;

	if (len == 0)
		return shmib_fail(err, "%s:1: empty index (expected header \"%s:%d\")",
				file, SHM_NAMESPACE, SHM_VERSION);
	if (check_header(file, next_line(text, len, &pos, no), err))
		return -1;
	*nobjs = *namebytes = 0;
	while (pos < len) {
		struct line l = next_line(text, len, &pos, ++no);

		if (*nobjs == SHM_OBJECTS_MAX)
			return shmib_fail(err, "%s:%u: more than %d objects",
					file, l.no, SHM_OBJECTS_MAX);
		if (parse_object(file, l, &namelen, &length, err))
			return -1;
		++*nobjs;
		*namebytes += namelen + 1;
	}
	return 0;
}

int shm_index_parse(const char *file, const char *text, size_t len,
		    struct shm_obj **objs, char **names, uint64_t *total,
		    struct shmib_err *err)
{
	size_t n = 0, namebytes = 0, pos = 0, namelen;
	unsigned long length;
	struct shm_obj *o;
	char *nb, *np;
	uint64_t off = 0;

	if (scan(file, text, len, &n, &namebytes, err))
		return -1;
	o = malloc(n * sizeof(*o) + 1);
	nb = malloc(namebytes + 1);
	if (!o || !nb) {
		free(o);
		free(nb);
		return shmib_fail(err, "%s: %s", file, strerror(ENOMEM));
	}
	next_line(text, len, &pos, 1);
	np = nb;
	for (size_t i = 0; i < n; i++) {
		struct line l = next_line(text, len, &pos, i + 2);

		parse_object(file, l, &namelen, &length, NULL);
		memcpy(np, l.p, namelen);
		np[namelen] = '\0';
		o[i] = (struct shm_obj){ np, (uint32_t)off, (uint32_t)length };
		np += namelen + 1;
		off += length;
	}
	if (check_duplicates(file, o, n, err)) {
		free(o);
		free(nb);
		return -1;
	}
	*objs = o;
	*names = nb;
	*total = off;
	return (int)n;
}
