/*
 * Line-oriented text files of the subagents (the ifindex map, the id
 * files, the index state file): the whole file is read at once, then
 * taken apart line by line into words.  '#' starts a comment that runs to the end
 * of the line; words are separated by blanks (space, tab, CR).
 */
#ifndef SHMIB_LINES_H
#define SHMIB_LINES_H

#include <stdbool.h>
#include <stddef.h>

#include "shm/err.h"

#define LINES_FILE_MAX (64u << 20)      /* larger files are refused */
#define LINES_WORDS_MAX 4               /* words looked at on a line */

struct word {
	const char *s;
	size_t len;
};

struct lines {
	const char *file;       /* for messages */
	const char *p, *end;
	unsigned lineno;
	const char *line;       /* the whole line, comment included, ... */
	size_t linelen;         /* ... without its newline */
	size_t nwords;          /* words on the line, even beyond the max */
	struct word w[LINES_WORDS_MAX];
};

/* Reads PATH whole into a malloc'd buffer.  -1 with ERR on failure;
 * errno is kept (ENOENT: no such file). */
int lines_read(const char *path, char **text, size_t *len,
	       struct shmib_err *err);

void lines_init(struct lines *l, const char *file, const char *text,
		size_t len);

/* Advances to the next line that has a word; false at the end. */
bool lines_next(struct lines *l);

/* Copies word I into a new C string (NULL when out of memory). */
char *word_dup(const struct word *w);

bool word_is(const struct word *w, const char *s);

#endif
