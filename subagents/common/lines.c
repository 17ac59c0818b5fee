/*
 * Reading and splitting line-oriented files (see lines.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "subagents/common/lines.h"

static int read_all(int fd, const char *path, char *buf, size_t size,
		    size_t *len, struct shmib_err *err)
{
	size_t got = 0;

	while (got < size) {
		ssize_t r = read(fd, buf + got, size - got);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return shmib_fail(err, "%s: %s", path, strerror(errno));
		if (r == 0)
			break;
		got += r;
	}
	*len = got;
	return 0;
}

int lines_read(const char *path, char **text, size_t *len,
	       struct shmib_err *err)
{
	struct stat st;
	char *buf;
	int fd, rc, saved;

	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return shmib_fail(err, "%s: %s", path, strerror(errno));
	if (fstat(fd, &st) < 0)
		saved = errno;
	else if (!S_ISREG(st.st_mode))
		saved = EINVAL;
	else if (st.st_size > LINES_FILE_MAX)
		saved = EFBIG;
	else
		saved = 0;
	if (saved) {
		close(fd);
		errno = saved;
		return shmib_fail(err, "%s: %s", path,
				saved == EINVAL ? "not a regular file" :
				saved == EFBIG ? "larger than 64 MiB" :
				strerror(saved));
	}
	buf = malloc(st.st_size + 1);
	if (!buf) {
		close(fd);
		return shmib_fail(err, "%s: out of memory", path);
	}
	rc = read_all(fd, path, buf, st.st_size, len, err);
	saved = errno;
	close(fd);
	if (rc < 0) {
		free(buf);
		errno = saved;
		return -1;
	}
	buf[*len] = '\0';
	*text = buf;
	return 0;
}

void lines_init(struct lines *l, const char *file, const char *text,
		size_t len)
{
	*l = (struct lines){ .file = file, .p = text, .end = text + len };
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* Splits [p, eol) into words, stopping at a '#'. */
static void split(struct lines *l, const char *p, const char *eol)
{
	l->nwords = 0;
	while (p < eol && *p != '#') {
		const char *s;

		if (is_blank(*p)) {
			p++;
			continue;
		}
		for (s = p; p < eol && !is_blank(*p) && *p != '#'; p++)
			;
		if (l->nwords < LINES_WORDS_MAX)
			l->w[l->nwords] = (struct word){ s, p - s };
		l->nwords++;
	}
}

bool lines_next(struct lines *l)
{
	while (l->p < l->end) {
		const char *eol = memchr(l->p, '\n', l->end - l->p);

		if (!eol)
			eol = l->end;
		l->lineno++;
		l->line = l->p;
		l->linelen = eol - l->p;
		split(l, l->p, eol);
		l->p = eol < l->end ? eol + 1 : eol;
		if (l->nwords)
			return true;
	}
	return false;
}

char *word_dup(const struct word *w)
{
	return strndup(w->s, w->len);
}

bool word_is(const struct word *w, const char *s)
{
	return strlen(s) == w->len && memcmp(w->s, s, w->len) == 0;
}
