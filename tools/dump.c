/*
 * shmib-dump: prints segments.
 *
 *   shmib-dump [--json] SEGMENT...
 *
 * SEGMENT is the path of a data file or of its ".index".  Text output
 * is one "name<TAB>type<TAB>value" line per object; --json prints one
 * line per segment: {"segment": NAME, "objects": {name: value, ...}}.
 *
 * Types come from the object catalogue; auxiliaries from the segment
 * profiles (mibs/profiles.txt) and, for other writers' time
 * auxiliaries and _X_seqlock, by their name (counters); "_X_pad"
 * objects are not shown; anything else is "raw" and shown as hex.  Integers print as
 * numbers, strings as text when they are printable UTF-8, else as
 * "0x" and hex; Bits always as hex.  A segment that cannot be read is
 * reported on stderr ("FILE:LINE: what") and the others are still
 * printed; the exit status is then 1.
 */
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mibs/catalogue.h"
#include "profiles.h"
#include "shm/shm.h"
#include "tools/mibtype.h"

/* How an object is shown. */
enum show { S_INT, S_UINT, S_U64, S_TEXT, S_HEX };

struct view {
	const char *type;       /* as printed */
	enum show show;
};

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static bool starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static const struct {
	enum shm_type type;
	enum show show;
} shows[] = {
	{ SHM_INTEGER32, S_INT }, { SHM_UNSIGNED32, S_UINT },
	{ SHM_COUNTER32, S_UINT }, { SHM_GAUGE32, S_UINT },
	{ SHM_TIMETICKS, S_UINT }, { SHM_COUNTER64, S_U64 },
	{ SHM_OCTETSTR, S_TEXT }, { SHM_BITS, S_HEX }, { SHM_RAW, S_HEX },
};

static struct view view_of(enum shm_type type)
{
	for (size_t i = 0; i < sizeof(shows) / sizeof(shows[0]); i++)
		if (shows[i].type == type)
			return (struct view){ shm_type_name(type), shows[i].show };
	return (struct view){ "raw", S_HEX };
}

/* A segment profile's object NAME (shmib's auxiliaries), or NULL. */
static const struct shm_pobj *profiled(const char *name)
{
	const struct shm_pobj *p = NULL;

	for (size_t i = 0; profile_all[i] && !p; i++)
		p = shm_profile_find(profile_all[i], name);
	return p;
}

/* The storage type an object is expected to have, by its name.  A
 * Snabb's time auxiliary may be 4 bytes long. */
static enum shm_type expected(const struct shm_obj *o)
{
	const struct mib_object *m = mib_lookup(o->name);
	const struct shm_pobj *p = profiled(o->name);
	enum shm_type t;

	if (m && mibtype_storage(m->type, &t))
		return t;
	if (strcmp(o->name, SHM_SEQLOCK) == 0 || ends_with(o->name, SHM_AUX_TIMEABS) ||
	    ends_with(o->name, SHM_AUX_TICKSBASE))
		return o->length == 4 ? SHM_COUNTER32 : SHM_COUNTER64;
	return p ? p->type : SHM_RAW;
}

/* Bytes an object of type T needs: exactly, or at least for strings. */
static size_t needs(enum shm_type t)
{
	return t == SHM_OCTETSTR || t == SHM_BITS ? 2 : shm_type_size(t, 1);
}

static bool fits(enum shm_type t, const struct shm_obj *o)
{
	if (t == SHM_OCTETSTR || t == SHM_BITS)
		return o->length >= needs(t);
	return t == SHM_RAW || o->length == needs(t);
}

/* Bytes that follow lead byte C in UTF-8, or -1 if C cannot lead. */
static int utf8_tail(uint8_t c)
{
	return c < 0x80 ? 0 : c < 0xc2 ? -1 : c < 0xe0 ? 1 :
	       c < 0xf0 ? 2 : c < 0xf5 ? 3 : -1;
}

/* Valid UTF-8 without control characters. */
static bool printable(const uint8_t *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int tail = utf8_tail(s[i]);

		if (s[i] < 0x20 || s[i] == 0x7f || tail < 0 || i + tail >= n)
			return false;
		for (; tail > 0; tail--)
			if ((s[++i] & 0xc0) != 0x80)
				return false;
	}
	return true;
}

static void put_hex(const uint8_t *s, size_t n, FILE *out)
{
	fputs("0x", out);
	for (size_t i = 0; i < n; i++)
		fprintf(out, "%02x", s[i]);
}

/* Text (already known printable) as a JSON string body. */
static void put_json_text(const char *s, size_t n, FILE *out)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"' || s[i] == '\\')
			fputc('\\', out);
		fputc(s[i], out);
	}
}

static void put_string(const uint8_t *s, size_t n, bool hex, bool json,
		       FILE *out)
{
	if (json)
		fputc('"', out);
	if (hex || !printable(s, n))
		put_hex(s, n, out);
	else if (json)
		put_json_text((const char *)s, n, out);
	else
		fwrite(s, 1, n, out);
	if (json)
		fputc('"', out);
}

/* Prints one value; -1 (message in ERR) if it cannot be read. */
static int put_value(const struct shm_seg *seg, const struct shm_obj *o,
		     struct view v, bool json, FILE *out, struct shmib_err *err)
{
	uint8_t buf[SHM_OCTETSTR_MAX + 2];     /* a raw object, length included */
	uint64_t u64;
	uint32_t u32;
	int32_t i32;
	ssize_t n;

	switch (v.show) {
	case S_INT:
		if (shm_get_i32(seg, o, &i32, err))
			return -1;
		return fprintf(out, "%d", i32) < 0 ? -1 : 0;
	case S_UINT:
		if (shm_get_u32(seg, o, &u32, err))
			return -1;
		return fprintf(out, "%u", u32) < 0 ? -1 : 0;
	case S_U64:
		if (shm_get_u64(seg, o, &u64, err))
			return -1;
		return fprintf(out, "%llu", (unsigned long long)u64) < 0 ? -1 : 0;
	case S_TEXT:
		n = shm_get_str(seg, o, buf, sizeof(buf), err);
		if (n < 0)
			return -1;
		put_string(buf, n, false, json, out);
		return 0;
	case S_HEX:
		break;
	}
	if (strcmp(v.type, "Bits") == 0) {
		n = shm_get_str(seg, o, buf, sizeof(buf), err);
		if (n < 0)
			return -1;
		put_string(buf, n, true, json, out);
	} else {
		n = shm_get_bytes(seg, o, buf, sizeof(buf), err);
		if (n < 0)
			return -1;
		put_string(buf, n, true, json, out);
	}
	return 0;
}

/* Prints SEG; returns 0, or 1 after reporting objects it could not read. */
static int dump(const struct shm_seg *seg, const char *path, bool json,
		FILE *out)
{
	bool first = true;
	int rc = 0;

	if (json) {
		fputs("{\"segment\": ", out);
		put_string((const uint8_t *)shm_seg_name(seg),
			   strlen(shm_seg_name(seg)), false, true, out);
		fputs(", \"objects\": {", out);
	}
	for (size_t i = 0; i < shm_seg_nobjs(seg); i++) {
		const struct shm_obj *o = shm_seg_obj(seg, i);
		enum shm_type t = expected(o);
		struct view v = view_of(fits(t, o) ? t : SHM_RAW);
		struct shmib_err err;

		if (starts_with(o->name, SHM_PAD_PREFIX))
			continue;
		if (!fits(t, o)) {
			fprintf(stderr, "shmib-dump: %s: %s has %u bytes, too %s "
				"for %s: shown raw\n", path, o->name, o->length,
				o->length < needs(t) ? "few" : "many", shm_type_name(t));
			rc = 1;
		}
		if (json)
			fprintf(out, "%s\"%s\": ", first ? "" : ", ", o->name);
		else
			fprintf(out, "%s\t%s\t", o->name, v.type);
		if (put_value(seg, o, v, json, out, &err)) {
			fprintf(stderr, "shmib-dump: %s\n", err.msg);
			fputs(json ? "null" : "?", out);
			rc = 1;
		}
		first = false;
		if (!json)
			fputc('\n', out);
		if (shm_seg_faulted(seg))       /* the rest is gone too */
			break;
	}
	if (json)
		fputs("}}\n", out);
	return rc;
}

/* Splits PATH (data file or its .index) into directory and name. */
static int open_path(const char *path, struct shm_seg **seg,
		     struct shmib_err *err)
{
	char *copy = strdup(path), *copy2 = strdup(path), *name;

	if (!copy || !copy2) {
		free(copy);
		free(copy2);
		return shmib_fail(err, "%s: out of memory", path);
	}
	name = basename(copy);
	if (ends_with(name, SHM_INDEX_SUFFIX))
		name[strlen(name) - strlen(SHM_INDEX_SUFFIX)] = '\0';
	*seg = shm_seg_open(dirname(copy2), name, err);
	free(copy);
	free(copy2);
	return *seg ? 0 : -1;
}

int main(int argc, char **argv)
{
	bool json = false;
	int rc = 0, i = 1;

	if (argc > 1 && strcmp(argv[1], "--json") == 0)
		json = true, i++;
	if (i < argc && strcmp(argv[i], "--help") == 0) {
		puts("usage: shmib-dump [--json] SEGMENT...\n"
		     "Prints each segment (the data file or its .index) as\n"
		     "name<TAB>type<TAB>value lines, or with --json one\n"
		     "{\"segment\": NAME, \"objects\": {...}} line per segment.");
		return 0;
	}
	if (i >= argc) {
		fputs("usage: shmib-dump [--json] SEGMENT...\n", stderr);
		return 2;
	}
	for (; i < argc; i++) {
		struct shm_seg *seg = NULL;
		struct shmib_err err;

		if (open_path(argv[i], &seg, &err)) {
			fprintf(stderr, "shmib-dump: %s\n", err.msg);
			rc = 1;
			continue;
		}
		rc |= dump(seg, argv[i], json, stdout);
		shm_seg_close(seg);
	}
	if (fflush(stdout))
		rc = 1;
	return rc;
}
