/*
 * Unit tests of the directory lock (shm.h, "Ownership"): what readers
 * see of a holder, that a second process is refused with the holder's
 * pid, that a holder's segments carry its id and a new holder sweeps
 * them, and that segments of writers without the lock are left alone.
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "shm/shm.h"

static char top[64], dir[96];

static void mkdir_tmp(void)
{
	strcpy(top, "/tmp/shmib-unit.XXXXXX");
	cr_assert_not_null(mkdtemp(top));
	snprintf(dir, sizeof dir, "%s/shm", top);
}

static int rm_one(const char *p, const struct stat *st, int flag, struct FTW *f)
{
	(void)st; (void)flag; (void)f;
	return remove(p);
}

static void rm_tmp(void)
{
	nftw(top, rm_one, 8, FTW_DEPTH | FTW_PHYS);
}

TestSuite(owner, .init = mkdir_tmp, .fini = rm_tmp);

static void segment(const char *name, bool plain)
{
	struct shmib_err err;
	struct shm_writer *w = plain ? shm_writer_new_plain(dir, name, &err)
				     : shm_writer_new(dir, name, &err);

	cr_assert_not_null(w, "%s", err.msg);
	cr_assert_geq(shm_writer_add(w, "ifInOctets", SHM_COUNTER64, 0, &err), 0);
	cr_assert_eq(shm_writer_publish(w, 0640, &err), 0, "%s", err.msg);
	shm_writer_free(w);
}

static uint64_t writer_of(const char *name)
{
	struct shmib_err err;
	struct shm_seg *s = shm_seg_open(dir, name, &err);
	const struct shm_obj *o;
	uint64_t id = 0;

	cr_assert_not_null(s, "%s", err.msg);
	o = shm_seg_find(s, SHM_WRITER_OBJ);
	if (o)
		cr_assert_eq(shm_get_u64(s, o, &id, NULL), 0);
	shm_seg_close(s);
	return id;
}

static bool exists(const char *name)
{
	char path[256];

	snprintf(path, sizeof path, "%s/%s", dir, name);
	return access(path, F_OK) == 0;
}

Test(owner, holder_is_seen_and_marks_its_segments)
{
	struct shmib_err err;
	struct shm_dirlock *l;
	pid_t pid;
	uint64_t id;

	cr_assert_eq(shm_dir_holder(dir, &pid, &id), 0, "no directory: no holder");
	cr_assert_eq(mkdir(dir, 0750), 0);
	segment("before", false);       /* no lock: no claim */
	cr_assert_eq(writer_of("before"), 0);
	l = shm_dirlock_take(dir, 0750, &err);
	cr_assert_not_null(l, "%s", err.msg);
	cr_assert_neq(shm_dirlock_id(l), 0);
	cr_assert_eq(shm_dir_holder(dir, &pid, &id), 1);
	cr_assert_eq(pid, getpid());
	cr_assert_eq(id, shm_dirlock_id(l));
	segment("mine", false);
	segment("plain", true);
	cr_assert_eq(writer_of("mine"), shm_dirlock_id(l));
	cr_assert_eq(writer_of("plain"), 0, "Snabb's layout makes no claim");
	shm_dirlock_release(l, false);
	cr_assert_eq(shm_dir_holder(dir, &pid, &id), 0, "released: nobody");
	cr_assert(!exists(SHM_LOCK_FILE));
}

Test(owner, second_process_is_refused_naming_the_holder)
{
	struct shmib_err err;
	struct shm_dirlock *l;
	char want[256], go;
	int status, p[2];
	pid_t child;

	snprintf(want, sizeof want, "%s is in use by another writer (pid %d,",
		 dir, (int)getpid());
	cr_assert_eq(pipe(p), 0);
	child = fork();         /* before the take: another process's view */
	if (child == 0) {
		struct shmib_err e;
		struct shm_dirlock *other;

		close(p[1]);
		if (read(p[0], &go, 1) != 1)
			_exit(2);
		other = shm_dirlock_take(dir, 0750, &e);
		_exit(!other && e.sys_errno == EBUSY && !strncmp(e.msg, want, strlen(want)) ? 0 : 1);
	}
	close(p[0]);
	l = shm_dirlock_take(dir, 0750, &err);
	cr_assert_not_null(l, "%s", err.msg);
	cr_assert_eq(write(p[1], "g", 1), 1);
	close(p[1]);
	cr_assert_eq(waitpid(child, &status, 0), child);
	cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		  "the second taker is refused with the holder's pid");
	shm_dirlock_release(l, false);
}

Test(owner, dead_holder_leaves_an_unlocked_file_and_the_next_sweeps)
{
	struct shmib_err err;
	struct shm_dirlock *l;
	int status;
	pid_t child, pid;
	uint64_t id;

	child = fork();
	if (child == 0) {       /* a writer that dies without cleaning up */
		if (!shm_dirlock_take(dir, 0750, &err))
			_exit(1);
		segment("dead0", false);
		segment("dead1", false);
		_exit(0);
	}
	cr_assert_eq(waitpid(child, &status, 0), child);
	cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	segment("snabb", true);
	cr_assert(exists(SHM_LOCK_FILE), "left behind");
	cr_assert_eq(shm_dir_holder(dir, &pid, &id), 0, "but nobody holds it");
	cr_assert_neq(writer_of("dead0"), 0);

	l = shm_dirlock_take(dir, 0750, &err);
	cr_assert_not_null(l, "%s", err.msg);
	cr_assert_eq(shm_dirlock_sweep(l), 2);
	cr_assert(!exists("dead0") && !exists("dead0.index"));
	cr_assert(!exists("dead1") && !exists("dead1.index"));
	cr_assert(exists("snabb") && exists("snabb.index"), "not ours: kept");
	shm_dirlock_release(l, false);
}

Test(owner, removed_directory_is_taken_again_with_the_same_id)
{
	struct shmib_err err;
	struct shm_dirlock *l = shm_dirlock_take(dir, 0750, &err);
	uint64_t first, id;
	pid_t pid;
	char path[256];

	cr_assert_not_null(l, "%s", err.msg);
	first = shm_dirlock_id(l);
	cr_assert(shm_dirlock_intact(l));
	snprintf(path, sizeof path, "%s/%s", dir, SHM_LOCK_FILE);
	cr_assert_eq(unlink(path), 0);
	cr_assert_eq(rmdir(dir), 0);
	cr_assert(!shm_dirlock_intact(l));
	cr_assert_eq(shm_dirlock_retake(l, 0750, &err), 0, "%s", err.msg);
	cr_assert(shm_dirlock_intact(l));
	cr_assert_eq(shm_dir_holder(dir, &pid, &id), 1);
	cr_assert_eq(id, first);
	shm_dirlock_release(l, false);
	cr_assert_eq(access(dir, F_OK), 0, "kept unless a failed start");
}
