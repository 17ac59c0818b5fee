/*
 * A test suite whose every test has a new, empty directory DIR under
 * /tmp, removed after the test: TMPDIR_SUITE(suite) declares DIR and
 * the suite.
 */
#ifndef SHMIB_TEST_TMPDIR_H
#define SHMIB_TEST_TMPDIR_H

#include <criterion/criterion.h>
#include <ftw.h>
#include <stdio.h>
#include <string.h>

static char dir[] = "/tmp/shmib-unit-XXXXXX";

static void tmpdir_make(void)
{
	strcpy(dir + sizeof(dir) - 7, "XXXXXX");
	cr_assert(mkdtemp(dir));
}

static int tmpdir_rm_one(const char *p, const struct stat *st, int flag, struct FTW *f)
{
	(void)st, (void)flag, (void)f;
	return remove(p);
}

static void tmpdir_remove(void)
{
	cr_assert_eq(nftw(dir, tmpdir_rm_one, 8, FTW_DEPTH | FTW_PHYS), 0);
}

#define TMPDIR_SUITE(suite) TestSuite(suite, .init = tmpdir_make, .fini = tmpdir_remove)

#endif
