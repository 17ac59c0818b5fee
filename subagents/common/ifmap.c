/*
 * The ifindex map (format in ifmap.h): parsed into one array sorted by
 * ifDescr for O(log n) lookups; a second sort by ifIndex finds
 * duplicate indices.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "subagents/common/ifmap.h"
#include "subagents/common/lines.h"

#define IFINDEX_MAX     2147483647UL

struct entry {
	const char *descr;      /* into the map's text, not NUL-terminated */
	size_t len;
	uint32_t ifindex;
	unsigned line;
};

struct ifmap {
	struct entry *v;
	size_t n;
	char *text;             /* the descr strings point into it */
};

struct ifmap *ifmap_new(void)
{
	return calloc(1, sizeof(struct ifmap));
}

void ifmap_free(struct ifmap *m)
{
	if (!m)
		return;
	free(m->v);
	free(m->text);
	free(m);
}

size_t ifmap_count(const struct ifmap *m)
{
	return m->n;
}

static int cmp_descr(const char *a, size_t alen, const char *b, size_t blen)
{
	int c = memcmp(a, b, alen < blen ? alen : blen);

	return c ? c : (alen > blen) - (alen < blen);
}

static int by_descr(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	int c = cmp_descr(x->descr, x->len, y->descr, y->len);

	return c ? c : (x->line > y->line) - (x->line < y->line);
}

static int by_index(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;

	if (x->ifindex != y->ifindex)
		return x->ifindex < y->ifindex ? -1 : 1;
	return (x->line > y->line) - (x->line < y->line);
}

/* Line L as an entry: 1, or 0 for none; -1 with ERR on a bad line. */
static int parse_line(const struct lines *l, struct entry *e, struct shmib_err *err)
{
	const struct word *d = &l->w[0], *x = &l->w[1];
	char num[24];
	char *end;
	unsigned long n = 0;

	if (memchr(l->line, '\0', l->linelen)) {
		shmib_fail(err, "%s:%u: NUL byte in line", l->file, l->lineno);
		return -1;
	}
	if (l->nwords != 2) {
		shmib_fail(err, "%s:%u: expected \"<ifDescr> <ifIndex>\"", l->file, l->lineno);
		return -1;
	}
	errno = 0;
	if (x->len < sizeof num) {
		memcpy(num, x->s, x->len);
		num[x->len] = '\0';
		n = strtoul(num, &end, 10);
	}
	if (x->len >= sizeof num || *end || errno || num[0] == '-' || n < 1 || n > IFINDEX_MAX) {
		shmib_fail(err, "%s:%u: ifIndex '%.*s' is not in 1..2147483647",
			 l->file, l->lineno, (int)x->len, x->s);
		return -1;
	}
	if (d->len > 255) {
		shmib_fail(err, "%s:%u: ifDescr longer than 255 bytes", l->file, l->lineno);
		return -1;
	}
	*e = (struct entry){ d->s, d->len, n, l->lineno };
	return 1;
}

static int check_dups(const char *file, struct ifmap *m, struct shmib_err *err)
{
	size_t i;

	if (m->n < 2)
		return 0;
	qsort(m->v, m->n, sizeof *m->v, by_index);
	for (i = 1; i < m->n; i++)
		if (m->v[i].ifindex == m->v[i - 1].ifindex) {
			shmib_fail(err, "%s:%u: duplicate ifIndex %u (line %u)", file,
				 m->v[i].line, m->v[i].ifindex, m->v[i - 1].line);
			return -1;
		}
	qsort(m->v, m->n, sizeof *m->v, by_descr);
	for (i = 1; i < m->n; i++)
		if (!cmp_descr(m->v[i].descr, m->v[i].len,
			       m->v[i - 1].descr, m->v[i - 1].len)) {
			shmib_fail(err, "%s:%u: duplicate ifDescr '%.*s' (line %u)", file,
				 m->v[i].line, (int)m->v[i].len, m->v[i].descr, m->v[i - 1].line);
			return -1;
		}
	return 0;
}

static int parse_lines(const char *file, struct ifmap *m, size_t len,
		       struct shmib_err *err)
{
	struct lines l;
	size_t cap = 0;
	int rc;

	lines_init(&l, file, m->text, len);
	while (lines_next(&l)) {
		if (m->n == cap) {
			struct entry *v = reallocarray(m->v, cap = cap ? 2 * cap : 64, sizeof *v);

			if (!v) {
				shmib_fail(err, "%s: out of memory", file);
				return -1;
			}
			m->v = v;
		}
		rc = parse_line(&l, &m->v[m->n], err);
		if (rc < 0)
			return -1;
		m->n += rc;
	}
	return 0;
}

struct ifmap *ifmap_parse(const char *file, const char *text, size_t len,
			  struct shmib_err *err)
{
	struct ifmap *m = ifmap_new();

	if (!m || !(m->text = malloc(len + 1))) {
		shmib_fail(err, "%s: out of memory", file);
		ifmap_free(m);
		return NULL;
	}
	memcpy(m->text, text, len);
	m->text[len] = '\0';
	if (parse_lines(file, m, len, err) || check_dups(file, m, err)) {
		ifmap_free(m);
		return NULL;
	}
	return m;
}

struct ifmap *ifmap_load(const char *file, struct shmib_err *err)
{
	struct ifmap *m;
	char *text;
	size_t len;

	if (lines_read(file, &text, &len, err) < 0)
		return NULL;
	m = ifmap_parse(file, text, len, err);
	free(text);
	return m;
}

static const struct entry *find(const struct ifmap *m, const char *descr, size_t len)
{
	size_t lo = 0, hi = m->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = cmp_descr(descr, len, m->v[mid].descr, m->v[mid].len);

		if (c == 0)
			return &m->v[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

uint32_t ifmap_lookup(const struct ifmap *m, const char *descr, size_t len)
{
	const struct entry *e = find(m, descr, len);

	return e ? e->ifindex : 0;
}

unsigned ifmap_line(const struct ifmap *m, const char *descr, size_t len)
{
	const struct entry *e = find(m, descr, len);

	return e ? e->line : 0;
}

uint32_t ifmap_at(const struct ifmap *m, size_t i, unsigned *line)
{
	*line = m->v[i].line;
	return m->v[i].ifindex;
}
