/* Conditions logged once (see notes.h): the messages of the previous
 * rebuild sorted for bsearch, those of this one in a hash set. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <syslog.h>
#include <string.h>

#include "subagents/common/notes.h"

static int by_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static size_t hash(const char *s)
{
	uint64_t h = 14695981039346656037ULL;   /* FNV-1a */

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
	return h;
}

/* The slot of MSG in the set: where it is, or where it goes. */
static char **slot(char **set, size_t cap, const char *msg)
{
	size_t i = hash(msg) & (cap - 1);

	while (set[i] && strcmp(set[i], msg))
		i = (i + 1) & (cap - 1);
	return &set[i];
}

static int grow(struct notes *n)
{
	size_t cap = n->cap ? 2 * n->cap : 64;
	char **set = calloc(cap, sizeof *set);

	if (!set)
		return -1;
	for (size_t i = 0; i < n->cap; i++)
		if (n->cur[i])
			*slot(set, cap, n->cur[i]) = n->cur[i];
	free(n->cur);
	n->cur = set;
	n->cap = cap;
	return 0;
}

bool notes_add(struct notes *n, const char *msg)
{
	char **s;

	if (2 * (n->ncur + 1) > n->cap && grow(n))
		return true;
	s = slot(n->cur, n->cap, msg);
	if (*s)
		return false;
	*s = strdup(msg);
	if (*s)
		n->ncur++;
	return !n->nprev || !bsearch(&msg, n->prev, n->nprev, sizeof *n->prev, by_str);
}

void notes_vlog(struct notes *n, notes_log_fn log, const char *fmt, va_list ap)
{
	char msg[1024];

	vsnprintf(msg, sizeof msg, fmt, ap);
	if (notes_add(n, msg))
		log(LOG_WARNING, "%s", msg);
}

void notes_log(struct notes *n, notes_log_fn log, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	notes_vlog(n, log, fmt, ap);
	va_end(ap);
}

static void free_strs(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void notes_commit(struct notes *n)
{
	size_t k = 0;

	free_strs(n->prev, n->nprev);
	for (size_t i = 0; i < n->cap; i++)
		if (n->cur[i])
			n->cur[k++] = n->cur[i];
	if (k)
		qsort(n->cur, k, sizeof *n->cur, by_str);
	n->prev = n->cur;
	n->nprev = k;
	n->cur = NULL;
	n->ncur = n->cap = 0;
}

void notes_free(struct notes *n)
{
	free_strs(n->prev, n->nprev);
	free_strs(n->cur, n->cap);
	*n = (struct notes){ 0 };
}
