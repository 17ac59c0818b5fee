/*
 * statuswriter: a segment written through the writer API (shm.h), for
 * tests of status changes that the writer signals.
 *
 *   statuswriter DIR NAME OBJECT:KIND:VALUE...
 *   KIND: i32 | u32 | u64 | str<N> (OctetStr of maximum length N)
 *
 * Publishes DIR/NAME with a "_X_seqlock" and those objects, prints
 * "published", then reads lines "OBJECT=VALUE[ OBJECT=VALUE...]" from
 * stdin: each line is one guarded update (shm_writer_begin/end, which
 * touches the data file's mtime), "done" printed after it.  At end of
 * input it exits and leaves the files.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shm/shm.h"

#define OBJS_MAX 64

struct obj {
	char name[SHM_NAME_MAX + 1];
	enum shm_type type;
	int h;
};

static const struct {
	const char *kind;
	enum shm_type type;
} kinds[] = {
	{ "i32", SHM_INTEGER32 },
	{ "u32", SHM_UNSIGNED32 },
	{ "u64", SHM_COUNTER64 },
	{ "str", SHM_OCTETSTR },
};

static void set(struct shm_writer *w, const struct obj *o, const char *val)
{
	if (o->type == SHM_OCTETSTR)
		shm_writer_set_str(w, o->h, val, strlen(val));
	else if (o->type == SHM_COUNTER64)
		shm_writer_set_u64(w, o->h, strtoull(val, NULL, 0));
	else
		shm_writer_set_u32(w, o->h, (uint32_t)strtoll(val, NULL, 0));
}

static const struct obj *find(const struct obj *v, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i].name, name))
			return &v[i];
	fprintf(stderr, "statuswriter: no object %s\n", name);
	exit(2);
}

/* "OBJECT:KIND:VALUE" added to W; returns the value. */
static const char *add(struct shm_writer *w, struct obj *o, char *spec)
{
	char *kind = strchr(spec, ':'), *val = kind ? strchr(kind + 1, ':') : NULL;
	struct shmib_err err;
	size_t i, maxlen = 0;

	if (!val) {
		fprintf(stderr, "statuswriter: bad spec %s\n", spec);
		exit(2);
	}
	*kind++ = *val++ = 0;
	for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (!strncmp(kind, kinds[i].kind, strlen(kinds[i].kind)))
			break;
	if (i == sizeof kinds / sizeof kinds[0]) {
		fprintf(stderr, "statuswriter: bad kind %s\n", kind);
		exit(2);
	}
	if (kinds[i].type == SHM_OCTETSTR)
		maxlen = strtoul(kind + 3, NULL, 10);
	snprintf(o->name, sizeof o->name, "%s", spec);
	o->type = kinds[i].type;
	o->h = shm_writer_add(w, spec, o->type, maxlen, &err);
	if (o->h < 0) {
		fprintf(stderr, "statuswriter: %s\n", err.msg);
		exit(2);
	}
	return val;
}

int main(int argc, char **argv)
{
	struct obj objs[OBJS_MAX];
	struct shmib_err err;
	struct shm_writer *w;
	char line[4096];
	size_t n = 0;

	if (argc < 4 || argc - 3 > OBJS_MAX) {
		fprintf(stderr, "usage: statuswriter DIR NAME OBJECT:KIND:VALUE...\n");
		return 2;
	}
	if (!(w = shm_writer_new(argv[1], argv[2], &err))) {
		fprintf(stderr, "statuswriter: %s\n", err.msg);
		return 1;
	}
	for (int i = 3; i < argc; i++, n++)
		set(w, &objs[n], add(w, &objs[n], argv[i]));
	if (shm_writer_publish(w, 0644, &err)) {
		fprintf(stderr, "statuswriter: %s\n", err.msg);
		return 1;
	}
	printf("published\n");
	fflush(stdout);
	while (fgets(line, sizeof line, stdin)) {
		char *save = NULL;

		shm_writer_begin(w);
		for (char *t = strtok_r(line, " \n", &save); t; t = strtok_r(NULL, " \n", &save)) {
			char *eq = strchr(t, '=');

			if (!eq)
				continue;
			*eq = 0;
			set(w, find(objs, n, t), eq + 1);
		}
		shm_writer_end(w);
		printf("done\n");
		fflush(stdout);
	}
	shm_writer_free(w);
	return 0;
}
