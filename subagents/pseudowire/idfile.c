/*
 * Id file parser (format in idfile.h).  The list is built to the side
 * and handed over only when the whole file is valid.
 */
#include <stdlib.h>
#include <string.h>

#include "shm/internal.h"
#include "subagents/pseudowire/idfile.h"
#include "subagents/common/lines.h"

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Appends W, remembering its line in *LINENO (grown with the names). */
static int add_name(struct idlist *list, size_t *cap, unsigned **lineno,
		    const struct word *w, unsigned line)
{
	char *name;

	if (list->n == *cap) {
		size_t ncap = *cap ? 2 * *cap : 64;
		char **n = reallocarray(list->names, ncap, sizeof(*n));
		unsigned *ln;

		if (!n)
			return -1;
		list->names = n;
		ln = reallocarray(*lineno, ncap, sizeof(*ln));
		if (!ln)
			return -1;
		*lineno = ln;
		*cap = ncap;
	}
	name = word_dup(w);
	if (!name)
		return -1;
	(*lineno)[list->n] = line;
	list->names[list->n++] = name;
	return 0;
}

/* Sorts the names for lookups; a name listed twice is an error that
 * names both lines (LINENO[i] is the line of names[i]). */
static int index_names(const char *file, struct idlist *list,
		       const unsigned *lineno, struct shmib_err *err)
{
	list->sorted = malloc((list->n ? list->n : 1) * sizeof(char *));
	if (!list->sorted)
		return shmib_fail(err, "%s: out of memory", file);
	if (!list->n)
		return 0;
	memcpy(list->sorted, list->names, list->n * sizeof(char *));
	qsort(list->sorted, list->n, sizeof(char *), cmp_name);
	for (size_t i = 1; i < list->n; i++) {
		if (strcmp(list->sorted[i - 1], list->sorted[i]))
			continue;
		/* Find both lines: the later one is the error. */
		size_t first = list->n, dup = 0;

		for (size_t j = 0; j < list->n; j++) {
			if (strcmp(list->names[j], list->sorted[i]))
				continue;
			if (first == list->n)
				first = j;
			else if (!dup)
				dup = j;
		}
		return shmib_fail(err, "%s:%u: duplicate name '%s' (also on line %u)",
				file, lineno[dup], list->names[dup],
				lineno[first]);
	}
	return 0;
}

static int parse_line(const struct lines *l, struct idlist *list,
		      size_t *cap, unsigned **lineno, struct shmib_err *err)
{
	const char *problem;

	if (l->nwords > 1)
		return shmib_fail(err, "%s:%u: more than one word on the line",
				l->file, l->lineno);
	problem = shm_name_problem(l->w[0].s, l->w[0].len);
	if (problem)
		return shmib_fail(err, "%s:%u: bad name: %s", l->file,
				l->lineno, problem);
	if (add_name(list, cap, lineno, &l->w[0], l->lineno) < 0)
		return shmib_fail(err, "%s:%u: out of memory", l->file, l->lineno);
	return 0;
}

int idfile_parse(const char *file, const char *text, size_t len,
		 struct idlist *list, struct shmib_err *err)
{
	struct idlist new = { 0 };
	unsigned *lineno = NULL;
	struct lines l;
	size_t cap = 0;
	int rc = 0;

	lines_init(&l, file, text, len);
	while (rc == 0 && lines_next(&l))
		rc = parse_line(&l, &new, &cap, &lineno, err);
	if (rc == 0)
		rc = index_names(file, &new, lineno, err);
	free(lineno);
	if (rc < 0) {
		idlist_free(&new);
		return -1;
	}
	*list = new;
	return 0;
}

int idfile_load(const char *path, struct idlist *list, struct shmib_err *err)
{
	char *text;
	size_t len;
	int rc;

	if (lines_read(path, &text, &len, err) < 0)
		return -1;
	rc = idfile_parse(path, text, len, list, err);
	free(text);
	return rc;
}

bool idlist_has(const struct idlist *list, const char *name)
{
	return list->n && bsearch(&name, list->sorted, list->n,
				  sizeof(char *), cmp_name);
}

void idlist_free(struct idlist *list)
{
	for (size_t i = 0; i < list->n; i++)
		free(list->names[i]);
	free(list->names);
	free(list->sorted);
	*list = (struct idlist){ 0 };
}
