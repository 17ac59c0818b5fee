/* The ifindex map parser: accepted syntax, every rejection with
 * FILE:LINE, lookups. */
#include <criterion/criterion.h>
#include <string.h>

#include "subagents/common/ifmap.h"

static struct shmib_err err;

static struct ifmap *parse(const char *text)
{
	err.msg[0] = '\0';
	return ifmap_parse("map", text, strlen(text), &err);
}

static void rejects(const char *text, const char *msg)
{
	struct ifmap *m = parse(text);

	cr_expect_null(m, "accepted: %s", text);
	cr_expect_str_eq(err.msg, msg);
	ifmap_free(m);
}

Test(ifmap, comments_blanks_and_lookup)
{
	struct ifmap *m = parse("# ports\n\n0000:01:00.0 1\n  net_tap0\t7  # tap\nlast 2147483647");

	cr_assert_not_null(m, "%s", err.msg);
	cr_expect_eq(ifmap_count(m), 3);
	cr_expect_eq(ifmap_lookup(m, "0000:01:00.0", 12), 1);
	cr_expect_eq(ifmap_lookup(m, "net_tap0", 8), 7);
	cr_expect_eq(ifmap_lookup(m, "last", 4), 2147483647);
	cr_expect_eq(ifmap_lookup(m, "net_tap", 7), 0);
	cr_expect_eq(ifmap_lookup(m, "net_tap00", 9), 0);
	cr_expect_eq(ifmap_lookup(m, "", 0), 0);
	ifmap_free(m);
}

Test(ifmap, empty_and_crlf)
{
	struct ifmap *m = parse("");

	cr_assert_not_null(m);
	cr_expect_eq(ifmap_count(m), 0);
	ifmap_free(m);
	m = parse("a 1\r\nb 2\r\n");
	cr_assert_not_null(m, "%s", err.msg);
	cr_expect_eq(ifmap_lookup(m, "b", 1), 2);
	ifmap_free(m);
}

Test(ifmap, rejections)
{
	rejects("a 1\nb\n", "map:2: expected \"<ifDescr> <ifIndex>\"");
	rejects("a 1 2\n", "map:1: expected \"<ifDescr> <ifIndex>\"");
	rejects("a 0\n", "map:1: ifIndex '0' is not in 1..2147483647");
	rejects("a -1\n", "map:1: ifIndex '-1' is not in 1..2147483647");
	rejects("a 2147483648\n", "map:1: ifIndex '2147483648' is not in 1..2147483647");
	rejects("a 99999999999999999999\n", "map:1: ifIndex '99999999999999999999' is not in 1..2147483647");
	rejects("a 1x\n", "map:1: ifIndex '1x' is not in 1..2147483647");
	rejects("a 1\n# c\nb 1\n", "map:3: duplicate ifIndex 1 (line 1)");
	rejects("a 1\nb 2\na 3\n", "map:3: duplicate ifDescr 'a' (line 1)");
}

Test(ifmap, nul_byte)
{
	struct ifmap *m = ifmap_parse("map", "a 1\nb\0 2\n", 9, &err);

	cr_expect_null(m);
	cr_expect_str_eq(err.msg, "map:2: NUL byte in line");
}

Test(ifmap, missing_file)
{
	struct ifmap *m = ifmap_load("/nonexistent/map", &err);

	cr_expect_null(m);
	cr_expect_str_eq(err.msg, "/nonexistent/map: No such file or directory");
}
