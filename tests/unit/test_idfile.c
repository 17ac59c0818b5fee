/*
 * Id files (subagents/pseudowire/idfile.h): names in file order,
 * comments and blank lines, and the errors that reject a file whole.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "subagents/pseudowire/idfile.h"

static int parse(const char *text, struct idlist *l, struct shmib_err *err)
{
	return idfile_parse("ids", text, strlen(text), l, err);
}

Test(idfile, names_in_order_with_comments_and_blank_lines)
{
	struct idlist l = { 0 };
	struct shmib_err err = { "" };

	cr_assert_eq(parse("# pseudowires\n\npw_b\n  pw_a  # first site\r\n"
			   "\t\npw_c", &l, &err), 0, "%s", err.msg);
	cr_assert_eq(l.n, 3);
	cr_assert_str_eq(l.names[0], "pw_b");
	cr_assert_str_eq(l.names[1], "pw_a");
	cr_assert_str_eq(l.names[2], "pw_c");
	cr_assert(idlist_has(&l, "pw_a"));
	cr_assert(idlist_has(&l, "pw_c"));
	cr_assert_not(idlist_has(&l, "pw_d"));
	cr_assert_not(idlist_has(&l, "pw"));
	idlist_free(&l);
}

Test(idfile, empty_file_is_an_empty_list)
{
	struct idlist l = { 0 };
	struct shmib_err err = { "" };

	cr_assert_eq(parse("# nothing runs\n\n", &l, &err), 0);
	cr_assert_eq(l.n, 0);
	cr_assert_not(idlist_has(&l, "x"));
	idlist_free(&l);
}

/* Each bad file gives its message and leaves the list as it was. */
static void rejected(const char *text, const char *msg)
{
	struct idlist l = { 0 };
	struct shmib_err err = { "" };

	cr_assert_eq(parse("keep\n", &l, &err), 0);
	cr_assert_eq(parse(text, &l, &err), -1, "accepted: %s", text);
	cr_assert_str_eq(err.msg, msg);
	cr_assert_eq(l.n, 1);
	cr_assert_str_eq(l.names[0], "keep");
	idlist_free(&l);
}

Test(idfile, more_than_one_word)
{
	rejected("a\n\nb c\n", "ids:3: more than one word on the line");
}

Test(idfile, bad_characters)
{
	rejected("a\nvpls:1\n", "ids:2: bad name: ':' or '/' in name");
	rejected("../etc\n", "ids:1: bad name: ':' or '/' in name");
	rejected("a\n\nb\xc3\xa9\n",
		 "ids:3: bad name: whitespace, control or non-ASCII byte in name");
	rejected("a\x01\n",
		 "ids:1: bad name: whitespace, control or non-ASCII byte in name");
}

Test(idfile, nul_byte)
{
	struct idlist l = { 0 };
	struct shmib_err err = { "" };

	cr_assert_eq(idfile_parse("ids", "a\nb\0c\n", 6, &l, &err), -1);
	cr_assert_str_eq(err.msg,
			 "ids:2: bad name: whitespace, control or non-ASCII byte in name");
}

Test(idfile, name_too_long)
{
	char text[300];

	memset(text, 'x', 256);
	strcpy(text + 256, "\n");
	rejected(text, "ids:1: bad name: name longer than 255 bytes");
}

Test(idfile, duplicates)
{
	rejected("a\nb\n# c\nc\nb\n", "ids:5: duplicate name 'b' (also on line 2)");
}

Test(idfile, load_from_file_and_missing_file)
{
	char dir[] = "/tmp/test_idfile.XXXXXX", path[64];
	struct idlist l = { 0 };
	struct shmib_err err = { "" };
	FILE *f;

	cr_assert(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/vpls-ids", dir);
	cr_assert_eq(idfile_load(path, &l, &err), -1);
	cr_assert_str_eq(err.msg + strlen(path), ": No such file or directory");
	cr_assert_eq(strncmp(err.msg, path, strlen(path)), 0);
	f = fopen(path, "w");
	fputs("vpls1\nvpls2\n", f);
	fclose(f);
	cr_assert_eq(idfile_load(path, &l, &err), 0, "%s", err.msg);
	cr_assert_eq(l.n, 2);
	cr_assert(idlist_has(&l, "vpls2"));
	idlist_free(&l);
	cr_assert_eq(idfile_load(dir, &l, &err), -1);
	cr_assert_str_eq(err.msg + strlen(dir), ": not a regular file");
	unlink(path);
	rmdir(dir);
}
