/*
 * counterwriter: interface segments whose counters and ifAlias change
 * as fast as the writer can change them, for the concurrent-writer
 * test (tests/integration/reliability_writer.sh).
 *
 *   counterwriter DIR N SECONDS
 *
 * Publishes DIR/cw1..cwN (ifDescr "cw<i>", ifAlias, ifHCInOctets,
 * ifHCOutOctets, ifHCInUcastPkts), prints "published", then for SECONDS
 * (or until SIGTERM) loops over the segments: each Counter64 grows by
 * COUNTER_STEP, one aligned 64-bit store through shm_writer_ptr (the
 * low word carries into the high one every 16 steps, so a torn read is
 * not a multiple of the step), and ifAlias is rewritten between
 * shm_writer_begin/end, alternately all "A"s and all "B"s (64 bytes,
 * its full length).  Prints the number of rounds at the end and leaves
 * the files.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "shm/shm.h"

#define COUNTER_STEP  0x10000001ULL
#define ALIAS_LEN     64
#define SEGS_MAX      64
#define NCOUNTERS     3

static const char *const counters[NCOUNTERS] = {
	"ifHCInOctets", "ifHCOutOctets", "ifHCInUcastPkts",
};

struct seg {
	struct shm_writer *w;
	int alias;
	volatile uint64_t *c[NCOUNTERS];
};

static volatile sig_atomic_t stop;

static void on_term(int sig)
{
	(void)sig;
	stop = 1;
}

static void die(const char *what, const struct shmib_err *err)
{
	fprintf(stderr, "counterwriter: %s: %s\n", what, err->msg);
	exit(1);
}

static void publish(struct seg *s, const char *dir, int i)
{
	char name[32];
	struct shmib_err err;
	int descr, h[NCOUNTERS];

	snprintf(name, sizeof name, "cw%d", i);
	if (!(s->w = shm_writer_new(dir, name, &err)))
		die(name, &err);
	if ((descr = shm_writer_add(s->w, "ifDescr", SHM_OCTETSTR, 255, &err)) < 0 ||
	    (s->alias = shm_writer_add(s->w, "ifAlias", SHM_OCTETSTR, ALIAS_LEN, &err)) < 0)
		die(name, &err);
	for (int k = 0; k < NCOUNTERS; k++)
		if ((h[k] = shm_writer_add(s->w, counters[k], SHM_COUNTER64, 0, &err)) < 0)
			die(name, &err);
	shm_writer_set_str(s->w, descr, name, strlen(name));
	if (shm_writer_publish(s->w, 0644, &err))
		die(name, &err);
	for (int k = 0; k < NCOUNTERS; k++)
		s->c[k] = shm_writer_ptr(s->w, h[k]);
}

int main(int argc, char **argv)
{
	static struct seg segs[SEGS_MAX];
	char alias[2][ALIAS_LEN];
	unsigned long long rounds = 0;
	struct timespec now;
	time_t end;
	int n;

	if (argc != 4 || (n = atoi(argv[2])) < 1 || n > SEGS_MAX) {
		fprintf(stderr, "usage: counterwriter DIR N(1..%d) SECONDS\n", SEGS_MAX);
		return 2;
	}
	signal(SIGTERM, on_term);
	signal(SIGINT, on_term);
	memset(alias[0], 'A', ALIAS_LEN);
	memset(alias[1], 'B', ALIAS_LEN);
	for (int i = 0; i < n; i++)
		publish(&segs[i], argv[1], i + 1);
	printf("published\n");
	fflush(stdout);

	clock_gettime(CLOCK_MONOTONIC, &now);
	end = now.tv_sec + atoi(argv[3]);
	while (!stop) {
		for (int i = 0; i < n; i++) {
			struct seg *s = &segs[i];

			for (int k = 0; k < NCOUNTERS; k++)
				__atomic_store_n(s->c[k], *s->c[k] + COUNTER_STEP, __ATOMIC_RELAXED);
			shm_writer_begin(s->w);
			shm_writer_set_str(s->w, s->alias, alias[rounds & 1], ALIAS_LEN);
			shm_writer_end(s->w);
		}
		rounds++;
		if (!(rounds & 255)) {
			clock_gettime(CLOCK_MONOTONIC, &now);
			if (now.tv_sec >= end)
				break;
		}
	}
	printf("%llu rounds\n", rounds);
	for (int i = 0; i < n; i++)
		shm_writer_free(segs[i].w);
	return 0;
}
