/*
 * The persistent index allocator (subagents/pseudowire/indexstate.h):
 * per-name indices that are never reused, survive a reload from the
 * state file, and a corrupt file that is salvaged, reported and
 * rewritten.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "subagents/pseudowire/indexstate.h"

static char dir[64], path[96];

static void setup(void)
{
	strcpy(dir, "/tmp/test_indexstate.XXXXXX");
	cr_assert(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/state", dir);
}

static void teardown(void)
{
	unlink(path);
	rmdir(dir);
}

TestSuite(indexstate, .init = setup, .fini = teardown);

static void write_file(const char *text)
{
	FILE *f = fopen(path, "w");

	cr_assert(f);
	fputs(text, f);
	fclose(f);
}

static char *read_back(void)
{
	static char buf[4096];
	FILE *f = fopen(path, "r");
	size_t n;

	cr_assert(f);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static struct indexstate *loaded(int expect_rc, struct shmib_err *err)
{
	struct indexstate *st = indexstate_new(path);

	cr_assert(st);
	cr_assert_eq(indexstate_load(st, err), expect_rc, "%s", err->msg);
	return st;
}

Test(indexstate, allocates_per_name_and_kind)
{
	struct shmib_err err = { "" };
	struct indexstate *st = loaded(0, &err);

	cr_assert_eq(indexstate_next(st, IDX_PW), 1);
	cr_assert_eq(indexstate_get(st, IDX_PW, "pw_b"), 1);
	cr_assert_eq(indexstate_get(st, IDX_PW, "pw_a"), 2);
	cr_assert_eq(indexstate_get(st, IDX_PW, "pw_b"), 1);
	cr_assert_eq(indexstate_get(st, IDX_VPLS, "pw_b"), 1);
	cr_assert_eq(indexstate_get(st, IDX_VPLS, "v"), 2);
	cr_assert_eq(indexstate_find(st, IDX_PW, "pw_a"), 2);
	cr_assert_eq(indexstate_find(st, IDX_PW, "v"), 0);
	cr_assert_eq(indexstate_next(st, IDX_PW), 3);
	cr_assert_eq(indexstate_next(st, IDX_VPLS), 3);
	cr_assert(indexstate_dirty(st));
	indexstate_free(st);
}

Test(indexstate, survives_a_restart)
{
	struct shmib_err err = { "" };
	struct indexstate *st = loaded(0, &err);

	indexstate_get(st, IDX_PW, "pw2");
	indexstate_get(st, IDX_PW, "pw1");
	indexstate_get(st, IDX_VPLS, "vpls1");
	cr_assert_eq(indexstate_save(st, &err), 0, "%s", err.msg);
	cr_assert_not(indexstate_dirty(st));
	indexstate_free(st);
	cr_assert_str_eq(read_back(),
			 "# shmib-pseudowire index state: \"KIND INDEX NAME\" a line.\n"
			 "# Written by the agent; edit only while it is stopped.\n"
			 "pw 1 pw2\npw 2 pw1\nvpls 1 vpls1\n");

	st = loaded(0, &err);
	cr_assert_not(indexstate_dirty(st));
	cr_assert_eq(indexstate_find(st, IDX_PW, "pw1"), 2);
	cr_assert_eq(indexstate_get(st, IDX_PW, "pw2"), 1);
	cr_assert_not(indexstate_dirty(st));
	cr_assert_eq(indexstate_get(st, IDX_PW, "pw3"), 3);
	cr_assert_eq(indexstate_get(st, IDX_VPLS, "vpls2"), 2);
	indexstate_free(st);
}

Test(indexstate, next_is_above_the_highest_ever)
{
	struct shmib_err err = { "" };
	struct indexstate *st;

	/* pw 9 is gone from the file's names, but 9 stays taken. */
	write_file("pw 3 a\npw 9 b\nvpls 4294967295 v\n");
	st = loaded(0, &err);
	cr_assert_eq(indexstate_next(st, IDX_PW), 10);
	cr_assert_eq(indexstate_get(st, IDX_PW, "c"), 10);
	cr_assert_eq(indexstate_next(st, IDX_VPLS), 0);
	cr_assert_eq(indexstate_get(st, IDX_VPLS, "w"), 0, "index space is full");
	cr_assert_eq(indexstate_find(st, IDX_VPLS, "v"), 4294967295u);
	indexstate_free(st);
}

/* A file with one bad line: the message, what is kept, the rewrite. */
static void corrupt(const char *text, const char *msg, const char *kept)
{
	struct shmib_err err = { "" };
	struct indexstate *st;
	char expect[512];

	write_file(text);
	st = loaded(-1, &err);
	snprintf(expect, sizeof(expect), "%s:%s", path, msg);
	cr_assert_str_eq(err.msg, expect);
	cr_assert(indexstate_dirty(st));
	cr_assert_eq(indexstate_save(st, &err), 0, "%s", err.msg);
	indexstate_free(st);
	cr_assert_str_eq(strchr(strchr(read_back(), '\n') + 1, '\n') + 1, kept);
}

Test(indexstate, corrupt_lines_are_dropped_and_the_file_rewritten)
{
	corrupt("pw 1 a\npw 2\n",
		"2: expected \"KIND INDEX NAME\" (1 bad line dropped, the file is rewritten)",
		"pw 1 a\n");
	corrupt("pw 1 a\n# x\nlsp 2 b\n",
		"3: unknown kind (not pw or vpls) (1 bad line dropped, the file is rewritten)",
		"pw 1 a\n");
	corrupt("pw 0 a\npw 1 b\n",
		"1: index not in 1..4294967295 (1 bad line dropped, the file is rewritten)",
		"pw 1 b\n");
	corrupt("pw 4294967296 a\npw x b\npw 2 c\n",
		"1: index not in 1..4294967295 (2 bad lines dropped, the file is rewritten)",
		"pw 2 c\n");
	corrupt("pw 1 a:b\n",
		"1: bad name: ':' or '/' in name (1 bad line dropped, the file is rewritten)",
		"");
	corrupt("pw 1 a\npw 2 a\nvpls 2 a\n",
		"2: name already has an index: a (1 bad line dropped, the file is rewritten)",
		"pw 1 a\nvpls 2 a\n");
	corrupt("pw 5 a\nvpls 5 a\npw 5 b\n",
		"3: index already given to another name: b (1 bad line dropped, the file is rewritten)",
		"pw 5 a\nvpls 5 a\n");
}

Test(indexstate, dropped_index_is_not_given_again)
{
	struct shmib_err err = { "" };
	struct indexstate *st;

	write_file("pw 1 a\npw 7 a\npw 3 b:c\n");
	st = loaded(-1, &err);
	cr_assert_eq(indexstate_get(st, IDX_PW, "d"), 8);
	indexstate_free(st);
}

Test(indexstate, binary_garbage_is_not_fatal)
{
	struct shmib_err err = { "" };
	struct indexstate *st;
	char junk[2048];
	uint32_t index;

	srand(1);
	for (size_t i = 0; i < sizeof(junk) - 1; i++)
		junk[i] = 1 + rand() % 255;
	junk[sizeof(junk) - 1] = '\0';
	write_file(junk);
	st = loaded(-1, &err);
	cr_assert_eq(strncmp(err.msg, path, strlen(path)), 0);
	index = indexstate_get(st, IDX_PW, "x");
	cr_assert_neq(index, 0);
	cr_assert_eq(indexstate_next(st, IDX_PW), index + 1);
	cr_assert_eq(indexstate_save(st, &err), 0, "%s", err.msg);
	indexstate_free(st);
	st = loaded(0, &err);
	cr_assert_eq(indexstate_find(st, IDX_PW, "x"), index);
	indexstate_free(st);
}

Test(indexstate, unwritable_directory_keeps_the_state_dirty)
{
	struct shmib_err err = { "" };
	struct indexstate *st;
	char sub[128];

	snprintf(sub, sizeof(sub), "%s/missing/state", dir);
	st = indexstate_new(sub);
	cr_assert_eq(indexstate_load(st, &err), 0);
	indexstate_get(st, IDX_PW, "a");
	cr_assert_eq(indexstate_save(st, &err), -1);
	cr_assert_eq(strncmp(err.msg, sub, strlen(sub)), 0, "%s", err.msg);
	cr_assert(indexstate_dirty(st));
	indexstate_free(st);
}

/* An allocation is served only once it is in the file: until a save
 * succeeds a restart could give the index to another name. */
Test(indexstate, an_allocation_counts_as_saved_only_after_a_save)
{
	struct shmib_err err = { "" };
	struct indexstate *st;
	char sub[96], fixed[128];

	snprintf(sub, sizeof(sub), "%s/later", dir);
	snprintf(fixed, sizeof(fixed), "%s/state", sub);
	st = indexstate_new(fixed);
	cr_assert_eq(indexstate_load(st, &err), 0);
	cr_assert_eq(indexstate_get(st, IDX_PW, "a"), 1);
	cr_assert_eq(indexstate_find(st, IDX_PW, "a"), 1);
	cr_assert_eq(indexstate_saved(st, IDX_PW, "a"), 0);
	cr_assert_eq(indexstate_unsaved(st), 1);
	cr_assert_eq(indexstate_save(st, &err), -1);
	cr_assert_eq(indexstate_saved(st, IDX_PW, "a"), 0);
	cr_assert_eq(mkdir(sub, 0755), 0);
	cr_assert_eq(indexstate_save(st, &err), 0, "%s", err.msg);
	cr_assert_eq(indexstate_saved(st, IDX_PW, "a"), 1);
	cr_assert_eq(indexstate_unsaved(st), 0);
	indexstate_free(st);
	unlink(fixed);
	rmdir(sub);
}

Test(indexstate, a_directory_in_place_of_the_file)
{
	struct shmib_err err = { "" };
	struct indexstate *st;

	cr_assert_eq(mkdir(path, 0755), 0);
	st = loaded(-1, &err);
	cr_assert_str_eq(err.msg + strlen(path), ": not a regular file");
	indexstate_free(st);
	rmdir(path);
}

Test(indexstate, many_names_load_back)
{
	struct shmib_err err = { "" };
	struct indexstate *st = loaded(0, &err);
	char name[32];

	for (unsigned i = 0; i < 5000; i++) {
		snprintf(name, sizeof(name), "pw%u_%u", i / 4, i % 4);
		cr_assert_eq(indexstate_get(st, IDX_PW, name), i + 1);
	}
	cr_assert_eq(indexstate_save(st, &err), 0, "%s", err.msg);
	indexstate_free(st);
	st = loaded(0, &err);
	for (unsigned i = 0; i < 5000; i++) {
		snprintf(name, sizeof(name), "pw%u_%u", i / 4, i % 4);
		cr_assert_eq(indexstate_find(st, IDX_PW, name), i + 1);
	}
	cr_assert_eq(indexstate_next(st, IDX_PW), 5001);
	indexstate_free(st);
}
