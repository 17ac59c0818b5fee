/*
 * See capreq.h.  The options are a table of "key=" and parser; filter=
 * is the one that ends the line.
 */
#include <stddef.h>
#include <string.h>

#include <bsd/string.h>

#include "dataplane/capreq.h"
#include "dataplane/cfgkeys.h"

#define SPACES " \t"

static const char *const dir_names[] = {
	[CAPREQ_RX] = "rx", [CAPREQ_TX] = "tx", [CAPREQ_BOTH] = "both",
};

const char *capreq_dir_name(enum capreq_dir d)
{
	return dir_names[d];
}

static int parse_dir(const char *v, struct capreq *r, struct shmib_err *why)
{
	for (size_t d = CAPREQ_RX; d <= CAPREQ_BOTH; d++)
		if (!strcmp(v, dir_names[d]))
			return r->dir = d, 0;
	return shmib_fail(why, "dir=%s: rx, tx or both", v);
}

static int parse_count(const char *v, struct capreq *r, struct shmib_err *why)
{
	unsigned long long n;

	if (cfg_parse_num(v, 0, UINT64_MAX, "a number of frames", &n, why) < 0)
		return shmib_fail(why, "count=%s: a number of frames (0: no limit)", v);
	r->count = n;
	return 0;
}

static int parse_snaplen(const char *v, struct capreq *r, struct shmib_err *why)
{
	unsigned long long n;

	if (cfg_parse_num(v, 1, CAPREQ_SNAPLEN_MAX, NULL, &n, why) < 0)
		return shmib_fail(why, "snaplen=%s: a number of bytes in 1..%u",
				  v, CAPREQ_SNAPLEN_MAX);
	r->snaplen = n;
	return 0;
}

static const struct {
	const char *key;
	int (*parse)(const char *v, struct capreq *r, struct shmib_err *why);
} options[] = {
	{ "dir", parse_dir },
	{ "count", parse_count },
	{ "snaplen", parse_snaplen },
};

static int option(const char *word, struct capreq *r, struct shmib_err *why)
{
	size_t klen = strcspn(word, "=");

	for (size_t i = 0; i < sizeof(options) / sizeof(options[0]); i++)
		if (word[klen] == '=' && klen == strlen(options[i].key) &&
		    !strncmp(word, options[i].key, klen))
			return options[i].parse(word + klen + 1, r, why);
	return shmib_fail(why, "unknown option '%s' (%s)", word, CAPREQ_USAGE);
}

/* The next word of *S into OUT (SIZE bytes); -1 when there is none,
 * -2 when it does not fit. */
static int word(const char **s, char *out, size_t size)
{
	size_t n;

	*s += strspn(*s, SPACES);
	n = strcspn(*s, SPACES);
	if (!n)
		return -1;
	if (n >= size)
		return -2;
	memcpy(out, *s, n);
	out[n] = 0;
	*s += n;
	return 0;
}

static int check_file(const char *f, struct shmib_err *why)
{
	if (strchr(f, '/'))
		return shmib_fail(why, "'%s': the file name may not hold '/' (captures go into capture_dir)", f);
	if (!strcmp(f, ".") || !strcmp(f, ".."))
		return shmib_fail(why, "'%s' is not a file name", f);
	return 0;
}

static int filter(const char *v, struct capreq *r, struct shmib_err *why)
{
	size_t n = strlen(v);

	while (n && strchr(SPACES, v[n - 1]))
		n--;
	if (!n)
		return shmib_fail(why, "filter= is empty");
	if (n >= sizeof(r->filter))
		return shmib_fail(why, "the filter is longer than %zu bytes", sizeof(r->filter) - 1);
	memcpy(r->filter, v, n);
	r->filter[n] = 0;
	return 0;
}

int capreq_parse(const char *s, struct capreq *r, struct shmib_err *why)
{
	char w[CAPREQ_FILTER_MAX];
	int p, f;

	memset(r, 0, sizeof(*r));
	r->dir = CAPREQ_BOTH;
	r->snaplen = CAPREQ_SNAPLEN_MAX;
	s = s ? s : "";
	p = word(&s, r->port, sizeof(r->port));
	f = p ? p : word(&s, r->file, sizeof(r->file));
	if (p == -2)
		return shmib_fail(why, "the port name is longer than %zu bytes", sizeof(r->port) - 1);
	if (f == -1)
		return shmib_fail(why, "expected %s", CAPREQ_USAGE);
	if (f == -2)
		return shmib_fail(why, "the file name is longer than %zu bytes", sizeof(r->file) - 1);
	if (check_file(r->file, why) < 0)
		return -1;
	while (word(&s, w, sizeof(w)) == 0) {
		if (!strncmp(w, "filter=", 7))
			return filter(s - strlen(w) + 7, r, why);
		if (option(w, r, why) < 0)
			return -1;
	}
	if (*(s + strspn(s, SPACES)))
		return shmib_fail(why, "an option longer than %zu bytes", sizeof(w) - 1);
	return 0;
}
