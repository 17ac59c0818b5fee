/* Conditions logged once (see notes.h): two string sets, the one of
 * the previous rebuild sorted for bsearch. */
#include <stdlib.h>
#include <string.h>

#include "subagents/common/notes.h"

static int by_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

bool notes_add(struct notes *n, const char *msg)
{
	char *copy;

	if (n->ncur == n->cap) {
		size_t cap = n->cap ? 2 * n->cap : 16;
		char **v = reallocarray(n->cur, cap, sizeof *v);

		if (!v)
			return true;
		n->cur = v;
		n->cap = cap;
	}
	copy = strdup(msg);
	if (copy)
		n->cur[n->ncur++] = copy;
	return !n->nprev || !bsearch(&msg, n->prev, n->nprev, sizeof *n->prev, by_str);
}

static void free_set(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void notes_commit(struct notes *n)
{
	free_set(n->prev, n->nprev);
	if (n->ncur)
		qsort(n->cur, n->ncur, sizeof *n->cur, by_str);
	n->prev = n->cur;
	n->nprev = n->ncur;
	n->cur = NULL;
	n->ncur = n->cap = 0;
}

void notes_free(struct notes *n)
{
	free_set(n->prev, n->nprev);
	free_set(n->cur, n->ncur);
	*n = (struct notes){ 0 };
}
