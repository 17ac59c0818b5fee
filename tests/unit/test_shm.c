/*
 * Unit tests of the segment library: round trips of every type, the
 * aligned layout, the seqlock, atomic publishing, Snabb's unpadded
 * segments, and every kind of bad input with the error it must give.
 * Each test works in its own temporary directory.
 */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "shm/shm.h"

static char dir[64];

static void mkdir_tmp(void)
{
	strcpy(dir, "/tmp/shmib-unit.XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
}

static int rm_one(const char *p, const struct stat *st, int flag, struct FTW *f)
{
	(void)st; (void)flag; (void)f;
	return remove(p);
}

static void rm_tmp(void)
{
	nftw(dir, rm_one, 8, FTW_DEPTH | FTW_PHYS);
}

TestSuite(shm, .init = mkdir_tmp, .fini = rm_tmp);

/* Writes DIR/NAME with N bytes of P. */
static void put(const char *name, const void *p, size_t n)
{
	char path[256];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	cr_assert_geq(fd, 0);
	cr_assert_eq(write(fd, p, n), (ssize_t)n);
	close(fd);
}

static void put_str(const char *name, const char *s)
{
	put(name, s, strlen(s));
}

static struct shmib_err err_of_open;

/* Opens DIR/NAME expecting failure; returns the message. */
static const char *open_fails(const char *name)
{
	struct shmib_err err = { "", -1 };
	struct shm_seg *seg = shm_seg_open(dir, name, &err);

	cr_assert_null(seg, "%s opened, expected an error", name);
	err_of_open = err;
	return err_of_open.msg;
}

/* The message without the "DIR/" prefix. */
static const char *rel(const char *msg)
{
	size_t n = strlen(dir);

	return strncmp(msg, dir, n) == 0 && msg[n] == '/' ? msg + n + 1 : msg;
}

/* ---- round trips ---------------------------------------------------- */

struct written {
	int i32, u32, c32, g32, tt, c64, str, bits, raw, empty;
};

static struct shm_writer *every_type(const char *name, struct written *h,
				     bool plain)
{
	struct shmib_err err;
	struct shm_writer *w = plain ? shm_writer_new_plain(dir, name, &err) :
				       shm_writer_new(dir, name, &err);

	cr_assert_not_null(w, "%s", err.msg);
	h->str = shm_writer_add(w, "ifDescr", SHM_OCTETSTR, 9, &err);
	h->c64 = shm_writer_add(w, "ifHCInOctets", SHM_COUNTER64, 0, &err);
	h->i32 = shm_writer_add(w, "ifMtu", SHM_INTEGER32, 0, &err);
	h->bits = shm_writer_add(w, "pwLocalStatus", SHM_BITS, 0, &err);
	h->u32 = shm_writer_add(w, "pwID", SHM_UNSIGNED32, 0, &err);
	h->c32 = shm_writer_add(w, "ifInOctets", SHM_COUNTER32, 0, &err);
	h->g32 = shm_writer_add(w, "ifSpeed", SHM_GAUGE32, 0, &err);
	h->tt = shm_writer_add(w, "ifLastChange", SHM_TIMETICKS, 0, &err);
	h->raw = shm_writer_add(w, "_X_blob", SHM_RAW, 3, &err);
	h->empty = shm_writer_add(w, "pwLocalAttachmentID", SHM_OCTETSTR, 0, &err);
	cr_assert_geq(h->empty, 0, "%s", err.msg);
	return w;
}

static void set_all(struct shm_writer *w, const struct written *h, int k)
{
	static const uint8_t raw[3] = { 1, 2, 3 };
	uint8_t *p = shm_writer_ptr(w, h->raw);

	if (p)          /* raw objects are written through the pointer */
		memcpy(p, raw, sizeof(raw));
	shm_writer_set_str(w, h->str, "port-number-one", 15);  /* truncated */
	shm_writer_set_u64(w, h->c64, 0x123456789abcdef0ULL + k);
	shm_writer_set_i32(w, h->i32, -1500 - k);
	shm_writer_set_str(w, h->bits, "\x80\x01", 2);
	shm_writer_set_u32(w, h->u32, 4000000000u + k);
	shm_writer_set_u32(w, h->c32, 0xffffffffu - k);
	shm_writer_set_u32(w, h->g32, 1000000000u + k);
	shm_writer_set_u32(w, h->tt, 360000u + k);
}

static void check_all(const struct shm_seg *seg, int k)
{
	struct shmib_err err;
	uint64_t u64;
	uint32_t u32;
	int32_t i32;
	char buf[64];

	cr_assert_eq(shm_get_str(seg, shm_seg_find(seg, "ifDescr"), buf,
				 sizeof(buf), &err), 9, "%s", err.msg);
	cr_assert_eq(memcmp(buf, "port-numb", 9), 0);
	cr_assert_eq(shm_get_u64(seg, shm_seg_find(seg, "ifHCInOctets"), &u64, &err), 0);
	cr_assert_eq(u64, 0x123456789abcdef0ULL + k);
	cr_assert_eq(shm_get_i32(seg, shm_seg_find(seg, "ifMtu"), &i32, &err), 0);
	cr_assert_eq(i32, -1500 - k);
	cr_assert_eq(shm_get_str(seg, shm_seg_find(seg, "pwLocalStatus"), buf,
				 sizeof(buf), &err), 2);
	cr_assert_eq(memcmp(buf, "\x80\x01", 2), 0);
	shm_get_u32(seg, shm_seg_find(seg, "pwID"), &u32, &err);
	cr_assert_eq(u32, 4000000000u + k);
	shm_get_u32(seg, shm_seg_find(seg, "ifInOctets"), &u32, &err);
	cr_assert_eq(u32, 0xffffffffu - k);
	shm_get_u32(seg, shm_seg_find(seg, "ifSpeed"), &u32, &err);
	cr_assert_eq(u32, 1000000000u + k);
	shm_get_u32(seg, shm_seg_find(seg, "ifLastChange"), &u32, &err);
	cr_assert_eq(u32, 360000u + k);
	cr_assert_eq(shm_get_str(seg, shm_seg_find(seg, "pwLocalAttachmentID"),
				 buf, sizeof(buf), &err), 0);
	cr_assert_eq(shm_seg_find(seg, "_X_blob")->length, 3);
}

Test(shm, round_trip_set_before_publish)
{
	struct written h;
	struct shm_writer *w = every_type("seg", &h, false);
	struct shmib_err err;
	struct shm_seg *seg;

	set_all(w, &h, 0);
	cr_assert_eq(shm_writer_publish(w, 0640, &err), 0, "%s", err.msg);
	seg = shm_seg_open(dir, "seg", &err);
	cr_assert_not_null(seg, "%s", err.msg);
	check_all(seg, 0);
	cr_assert_str_eq(shm_seg_name(seg), "seg");
	shm_seg_close(seg);
	shm_writer_free(w);
}

Test(shm, round_trip_set_after_publish_seen_by_open_reader)
{
	struct written h;
	struct shm_writer *w = every_type("seg", &h, false);
	struct shmib_err err;
	struct shm_seg *seg;
	struct stat st;
	char path[128];
	uint8_t blob[8];

	cr_assert_eq(shm_writer_publish(w, 0640, &err), 0, "%s", err.msg);
	seg = shm_seg_open(dir, "seg", &err);
	cr_assert_not_null(seg, "%s", err.msg);
	set_all(w, &h, 7);
	check_all(seg, 7);
	cr_assert_eq(shm_get_bytes(seg, shm_seg_find(seg, "_X_blob"), blob,
				   sizeof blob, &err), 3);
	cr_assert_eq(blob[2], 3);
	snprintf(path, sizeof(path), "%s/seg.index", dir);
	cr_assert_eq(stat(path, &st), 0);
	cr_assert_eq(st.st_mode & 0777, 0640);
	cr_assert_not(shm_seg_changed(seg));
	shm_seg_close(seg);
	shm_writer_free(w);
}

Test(shm, type_names_and_sizes)
{
	cr_assert_eq(shm_type_size(SHM_COUNTER64, 0), 8);
	cr_assert_eq(shm_type_size(SHM_GAUGE32, 99), 4);
	cr_assert_eq(shm_type_size(SHM_OCTETSTR, 255), 257);
	cr_assert_eq(shm_type_size(SHM_BITS, 0), 18);
	cr_assert_eq(shm_type_size(SHM_RAW, 5), 5);
	cr_assert_str_eq(shm_type_name(SHM_TIMETICKS), "TimeTicks");
	cr_assert_str_eq(shm_type_name(SHM_RAW), "raw");
}

/* ---- layout ----------------------------------------------------------- */

Test(shm, every_counter_aligned_and_sizes_add_up)
{
	static const struct { enum shm_type t; size_t max; } mix[] = {
		{ SHM_OCTETSTR, 1 }, { SHM_COUNTER64, 0 }, { SHM_OCTETSTR, 4 },
		{ SHM_INTEGER32, 0 }, { SHM_OCTETSTR, 0 }, { SHM_COUNTER64, 0 },
		{ SHM_BITS, 0 }, { SHM_RAW, 7 }, { SHM_TIMETICKS, 0 },
		{ SHM_OCTETSTR, 255 }, { SHM_COUNTER32, 0 }, { SHM_COUNTER64, 0 },
	};
	struct shmib_err err;
	struct shm_writer *w = shm_writer_new(dir, "mix", &err);
	struct shm_seg *seg;
	uint64_t sum = 0;
	char name[16];
	struct stat st;
	char path[128];

	for (size_t i = 0; i < sizeof(mix) / sizeof(mix[0]); i++) {
		snprintf(name, sizeof(name), "obj%zu", i);
		cr_assert_geq(shm_writer_add(w, name, mix[i].t, mix[i].max, &err), 0);
	}
	cr_assert_eq(shm_writer_publish(w, 0644, &err), 0, "%s", err.msg);
	seg = shm_seg_open(dir, "mix", &err);
	cr_assert_not_null(seg, "%s", err.msg);
	cr_assert_str_eq(shm_seg_obj(seg, 0)->name, SHM_SEQLOCK);
	for (size_t i = 0; i < shm_seg_nobjs(seg); i++) {
		const struct shm_obj *o = shm_seg_obj(seg, i);

		cr_assert_eq(o->offset, sum, "%s not right after its predecessor", o->name);
		if (o->length == 8 || o->length == 4)
			cr_assert_eq(o->offset % o->length, 0, "%s at %u", o->name, o->offset);
		sum += o->length;
	}
	snprintf(path, sizeof(path), "%s/mix", dir);
	cr_assert_eq(stat(path, &st), 0);
	cr_assert_eq((uint64_t)st.st_size, sum);
	cr_assert_not_null(shm_seg_find(seg, "_X_pad0"));
	shm_seg_close(seg);
	shm_writer_free(w);
}

Test(shm, writer_pointer_is_aligned_and_live)
{
	struct shmib_err err;
	struct shm_writer *w = shm_writer_new(dir, "p", &err);
	int s = shm_writer_add(w, "ifAlias", SHM_OCTETSTR, 3, &err);
	int c = shm_writer_add(w, "ifHCOutOctets", SHM_COUNTER64, 0, &err);
	struct shm_seg *seg;
	uint64_t v;

	(void)s;
	cr_assert_null(shm_writer_ptr(w, c), "no pointer before publish");
	cr_assert_eq(shm_writer_publish(w, 0644, &err), 0, "%s", err.msg);
	cr_assert_eq((uintptr_t)shm_writer_ptr(w, c) % 8, 0);
	seg = shm_seg_open(dir, "p", &err);
	*(uint64_t *)shm_writer_ptr(w, c) = 42;
	shm_get_u64(seg, shm_seg_find(seg, "ifHCOutOctets"), &v, &err);
	cr_assert_eq(v, 42);
	cr_assert_null(shm_writer_ptr(w, 99));
	shm_seg_close(seg);
	shm_writer_free(w);
}

/* ---- status signals ----------------------------------------------------- */

/* Whether inotify reported IN_ATTRIB on NAME since the last call (the
 * events are queued when they happen: no waiting). */
static bool attrib_seen(int fd, const char *name)
{
	char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
	bool seen = false;
	ssize_t n;

	while ((n = read(fd, buf, sizeof buf)) > 0)
		for (char *p = buf; p < buf + n;) {
			struct inotify_event *e = (struct inotify_event *)p;

			seen |= (e->mask & IN_ATTRIB) && e->len && !strcmp(e->name, name);
			p += sizeof *e + e->len;
		}
	return seen;
}

Test(shm, guarded_updates_signal_stores_do_not)
{
	struct shmib_err err;
	struct shm_writer *w = shm_writer_new(dir, "t", &err);
	int oper = shm_writer_add(w, "ifOperStatus", SHM_INTEGER32, 0, &err);
	int alias = shm_writer_add(w, "ifAlias", SHM_OCTETSTR, 8, &err);
	int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	struct shm_seg *seg;

	cr_assert_eq(shm_writer_publish(w, 0644, &err), 0, "%s", err.msg);
	seg = shm_seg_open(dir, "t", &err);
	cr_assert(shm_seg_signals(seg));
	cr_assert_geq(inotify_add_watch(fd, dir, IN_ATTRIB), 0);
	shm_writer_set_i32(w, oper, 2);
	cr_assert_not(attrib_seen(fd, "t"), "a plain store signals nothing");
	shm_writer_begin(w);
	shm_writer_set_i32(w, oper, 1);
	cr_assert_not(attrib_seen(fd, "t"), "nothing before the end");
	shm_writer_end(w);
	cr_assert(attrib_seen(fd, "t"), "the end of a guarded update signals");
	shm_writer_set_str(w, alias, "x", 1);
	cr_assert(attrib_seen(fd, "t"), "a string set signals");
	cr_assert_not(shm_seg_changed(seg), "a signal is no change of the segment");
	close(fd);
	shm_seg_close(seg);
	shm_writer_free(w);
}

Test(shm, snabb_layout_does_not_signal)
{
	struct shmib_err err;
	struct shm_writer *w = shm_writer_new_plain(dir, "n", &err);
	struct shm_seg *seg;

	shm_writer_add(w, "ifOperStatus", SHM_INTEGER32, 0, &err);
	cr_assert_eq(shm_writer_publish(w, 0644, &err), 0, "%s", err.msg);
	seg = shm_seg_open(dir, "n", &err);
	cr_assert_not(shm_seg_signals(seg));
	shm_seg_close(seg);
	shm_writer_free(w);
}

/* ---- seqlock ------------------------------------------------------------ */

static uint32_t seq_of(const struct shm_seg *seg)
{
	uint32_t v;

	cr_assert_eq(shm_get_u32(seg, shm_seg_find(seg, SHM_SEQLOCK), &v, NULL), 0);
	return v;
}

Test(shm, seqlock_odd_during_update_and_reader_does_not_hang)
{
	struct shmib_err err;
	struct shm_writer *w = shm_writer_new(dir, "s", &err);
	int a = shm_writer_add(w, "ifAlias", SHM_OCTETSTR, 8, &err);
	int b = shm_writer_add(w, "ifName", SHM_OCTETSTR, 8, &err);
	struct shm_seg *seg;
	char buf[8];

	cr_assert_eq(shm_writer_publish(w, 0644, &err), 0);
	seg = shm_seg_open(dir, "s", &err);
	cr_assert_eq(seq_of(seg), 0);
	shm_writer_set_str(w, a, "x", 1);
	cr_assert_eq(seq_of(seg), 2, "one string write: one update");
	shm_writer_begin(w);
	cr_assert_eq(seq_of(seg) % 2, 1);
	shm_writer_set_str(w, a, "left", 4);
	shm_writer_set_str(w, b, "right", 5);
	cr_assert_eq(seq_of(seg), 3, "nested writes stay inside the update");
	cr_assert_eq(shm_get_str(seg, shm_seg_find(seg, "ifAlias"), buf,
				 sizeof(buf), &err), -1);
	cr_assert(strstr(err.msg, "update still in progress"), "%s", err.msg);
	shm_writer_end(w);
	cr_assert_eq(seq_of(seg), 4);
	cr_assert_eq(shm_get_str(seg, shm_seg_find(seg, "ifName"), buf,
				 sizeof(buf), &err), 5);
	shm_seg_close(seg);
	shm_writer_free(w);
}

/* ---- atomic publish ----------------------------------------------------- */

/* Two layouts of the same size: names swapped.  A reader that paired
 * one layout's index with the other's data would read first == 2. */
static void publish_layout(int which)
{
	const char *names[2] = { "first", "second" };
	struct shmib_err err;
	struct shm_writer *w = shm_writer_new(dir, "flip", &err);
	int h0 = shm_writer_add(w, names[which], SHM_UNSIGNED32, 0, &err);
	int h1 = shm_writer_add(w, names[!which], SHM_UNSIGNED32, 0, &err);

	shm_writer_set_u32(w, h0, which ? 2 : 1);
	shm_writer_set_u32(w, h1, which ? 1 : 2);
	cr_assert_eq(shm_writer_publish(w, 0644, &err), 0, "%s", err.msg);
	shm_writer_free(w);
}

static volatile bool stop;

static void *republish(void *arg)
{
	(void)arg;
	for (int i = 0; !stop; i++)
		publish_layout(i & 1);
	return NULL;
}

Test(shm, reader_never_pairs_an_index_with_other_data)
{
	pthread_t t;
	int opened = 0;

	publish_layout(0);
	stop = false;
	pthread_create(&t, NULL, republish, NULL);
	for (int i = 0; i < 20000; i++) {
		struct shm_seg *seg = shm_seg_open(dir, "flip", NULL);
		uint32_t first, second;

		if (!seg)
			continue;       /* between two publishes: not there */
		shm_get_u32(seg, shm_seg_find(seg, "first"), &first, NULL);
		shm_get_u32(seg, shm_seg_find(seg, "second"), &second, NULL);
		shm_seg_close(seg);
		cr_assert_eq(first, 1, "index and data of different publishes");
		cr_assert_eq(second, 2);
		opened++;
	}
	stop = true;
	pthread_join(t, NULL);
	cr_assert_gt(opened, 0);
}

Test(shm, replaced_segment_is_noticed_and_old_mapping_stays_readable)
{
	struct shmib_err err;
	struct shm_writer *w = shm_writer_new(dir, "r", &err);
	int h = shm_writer_add(w, "ifMtu", SHM_INTEGER32, 0, &err);
	struct shm_seg *seg;
	int32_t v;

	shm_writer_set_i32(w, h, 1500);
	cr_assert_eq(shm_writer_publish(w, 0644, &err), 0);
	shm_writer_free(w);
	seg = shm_seg_open(dir, "r", &err);
	cr_assert_not_null(seg, "%s", err.msg);
	cr_assert_not(shm_seg_changed(seg));

	w = shm_writer_new(dir, "r", &err);
	h = shm_writer_add(w, "ifMtu", SHM_INTEGER32, 0, &err);
	shm_writer_set_i32(w, h, 9000);
	cr_assert_eq(shm_writer_publish(w, 0644, &err), 0);
	cr_assert(shm_seg_changed(seg));
	cr_assert_eq(shm_get_i32(seg, shm_seg_find(seg, "ifMtu"), &v, &err), 0);
	cr_assert_eq(v, 1500, "the old mapping keeps the old data");
	cr_assert_eq(shm_writer_unlink(w, &err), 0);
	shm_writer_free(w);
	cr_assert(shm_seg_changed(seg));
	cr_assert_str_eq(rel(open_fails("r")), "r.index: No such file or directory");
	shm_seg_close(seg);
}

/* ---- Snabb's plain layout ------------------------------------------------ */

Test(shm, snabb_segment_unaligned_objects)
{
	/* ifDescr OctetStr(3), ifHCInOctets at offset 5, ifMtu at 13 */
	static const uint8_t data[] = {
		3, 0, 'a', 'b', 'c',
		0xf0, 0xde, 0xbc, 0x9a, 0x78, 0x56, 0x34, 0x12,
		0xdc, 0x05, 0, 0,
	};
	struct shmib_err err;
	struct shm_seg *seg;
	uint64_t u64;
	int32_t i32;
	char buf[8];

	put_str("snabb.index", "MIB:1\nifDescr:5\nifHCInOctets:8\nifMtu:4\n");
	put("snabb", data, sizeof(data));
	seg = shm_seg_open(dir, "snabb", &err);
	cr_assert_not_null(seg, "%s", err.msg);
	cr_assert_eq(shm_seg_nobjs(seg), 3);
	cr_assert_eq(shm_get_str(seg, shm_seg_find(seg, "ifDescr"), buf, sizeof(buf), &err), 3);
	cr_assert_eq(memcmp(buf, "abc", 3), 0);
	shm_get_u64(seg, shm_seg_find(seg, "ifHCInOctets"), &u64, &err);
	cr_assert_eq(u64, 0x123456789abcdef0ULL);
	shm_get_i32(seg, shm_seg_find(seg, "ifMtu"), &i32, &err);
	cr_assert_eq(i32, 1500);
	shm_seg_close(seg);
}

Test(shm, plain_writer_has_no_seqlock_or_padding)
{
	struct written h;
	struct shm_writer *w = every_type("plain", &h, true);
	struct shmib_err err;
	struct shm_seg *seg;

	set_all(w, &h, 3);
	cr_assert_eq(shm_writer_publish(w, 0644, &err), 0, "%s", err.msg);
	set_all(w, &h, 4);      /* unaligned stores after publish */
	seg = shm_seg_open(dir, "plain", &err);
	cr_assert_not_null(seg, "%s", err.msg);
	cr_assert_null(shm_seg_find(seg, SHM_SEQLOCK));
	cr_assert_null(shm_seg_find(seg, "_X_pad0"));
	cr_assert_eq(shm_seg_find(seg, "ifHCInOctets")->offset, 11);
	check_all(seg, 4);
	shm_seg_close(seg);
	shm_writer_free(w);
}

/* ---- getters on bad objects ------------------------------------------------- */

Test(shm, getters_check_lengths_and_clamp_strings)
{
	/* ifDescr claims 200 bytes in a 4-byte capacity */
	static const uint8_t data[] = { 200, 0, 'w', 'x', 'y', 'z', 1, 2, 3, 4, 5, 6, 7, 8 };
	struct shmib_err err;
	struct shm_seg *seg;
	char buf[16];
	uint32_t u32;
	uint64_t u64;

	put_str("g.index", "MIB:1\nifDescr:6\nifHCInOctets:8\n");
	put("g", data, sizeof(data));
	seg = shm_seg_open(dir, "g", &err);
	cr_assert_not_null(seg, "%s", err.msg);
	cr_assert_eq(shm_get_str(seg, shm_seg_find(seg, "ifDescr"), buf, sizeof(buf), &err), 4);
	cr_assert_eq(shm_get_str(seg, shm_seg_find(seg, "ifDescr"), buf, 2, &err), 2);
	cr_assert_eq(shm_get_u32(seg, shm_seg_find(seg, "ifHCInOctets"), &u32, &err), -1);
	cr_assert_str_eq(rel(err.msg), "g: object ifHCInOctets has 8 bytes, not 4");
	cr_assert_eq(shm_get_u64(seg, shm_seg_find(seg, "ifDescr"), &u64, &err), -1);
	cr_assert_str_eq(rel(err.msg), "g: object ifDescr has 6 bytes, not 8");
	cr_assert_eq(shm_get_u32(seg, shm_seg_find(seg, "ifHCInOctets"), &u32, NULL), -1);
	shm_seg_close(seg);
}

Test(shm, one_byte_object_is_not_a_string)
{
	struct shmib_err err;
	struct shm_seg *seg;
	char buf[4];

	put_str("o.index", "MIB:1\nx:1\n");
	put("o", "z", 1);
	seg = shm_seg_open(dir, "o", &err);
	cr_assert_eq(shm_get_str(seg, shm_seg_find(seg, "x"), buf, 4, &err), -1);
	cr_assert_str_eq(rel(err.msg), "o: object x has 1 bytes, too few for a string");
	shm_seg_close(seg);
}

/* ---- writer misuse ------------------------------------------------------------ */

Test(shm, writer_refuses_bad_objects)
{
	struct shmib_err err;
	struct shm_writer *w = shm_writer_new(dir, "w", &err);
	char big[300];

	cr_assert_geq(shm_writer_add(w, "ifMtu", SHM_INTEGER32, 0, &err), 0);
	cr_assert_eq(shm_writer_add(w, "ifMtu", SHM_INTEGER32, 0, &err), -1);
	cr_assert_str_eq(rel(err.msg), "w: object ifMtu already added");
	cr_assert_eq(shm_writer_add(w, "_X_seqlock", SHM_COUNTER32, 0, &err), -1);
	cr_assert_str_eq(rel(err.msg), "w: object _X_seqlock is reserved");
	cr_assert_eq(shm_writer_add(w, "_X_pad7", SHM_RAW, 1, &err), -1);
	cr_assert_eq(shm_writer_add(w, "a b", SHM_INTEGER32, 0, &err), -1);
	cr_assert_str_eq(rel(err.msg), "w: bad object name \"a b\": whitespace, "
			 "control or non-ASCII byte in name");
	cr_assert_eq(shm_writer_add(w, "a:b", SHM_INTEGER32, 0, &err), -1);
	memset(big, 'n', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	cr_assert_eq(shm_writer_add(w, big, SHM_INTEGER32, 0, &err), -1);
	cr_assert_eq(shm_writer_add(w, "s", SHM_OCTETSTR, 65536, &err), -1);
	cr_assert_str_eq(rel(err.msg), "w: object s: bad size 65536");
	cr_assert_eq(shm_writer_add(w, "r", SHM_RAW, 0, &err), -1);
	cr_assert_geq(shm_writer_add(w, "s", SHM_OCTETSTR, 65535, &err), 0);
	cr_assert_eq(shm_writer_publish(w, 0644, &err), 0, "%s", err.msg);
	cr_assert_eq(shm_writer_add(w, "late", SHM_INTEGER32, 0, &err), -1);
	cr_assert_str_eq(rel(err.msg), "w: late: segment already published");
	cr_assert_eq(shm_writer_publish(w, 0644, &err), -1);
	shm_writer_set_u64(w, 1, 5);            /* wrong width: ignored */
	shm_writer_set_u32(w, 99, 5);           /* no such handle: ignored */
	shm_writer_set_str(w, 1, "x", 1);       /* not a string: ignored */
	shm_writer_end(w);                      /* unbalanced: ignored */
	shm_writer_free(w);
}

Test(shm, writer_refuses_bad_segment_names_and_dirs)
{
	struct shmib_err err;
	struct shm_writer *w;

	cr_assert_null(shm_writer_new(dir, "../escape", &err));
	cr_assert_str_eq(rel(err.msg), "../escape: bad segment name: name starts with '.'");
	cr_assert_null(shm_writer_new(dir, "a/b", &err));
	cr_assert_str_eq(rel(err.msg), "a/b: bad segment name: '/' in name");
	cr_assert_null(shm_writer_new(dir, "", &err));
	cr_assert_null(shm_writer_new(dir, ".hidden", &err));
	w = shm_writer_new("/nonexistent/dir", "x", &err);
	cr_assert_not_null(w);
	cr_assert_eq(shm_writer_publish(w, 0644, &err), -1);
	cr_assert(strstr(err.msg, "No such file or directory"), "%s", err.msg);
	shm_writer_free(w);
}

Test(shm, unlink_removes_both_files)
{
	struct shmib_err err;
	struct shm_writer *w = shm_writer_new(dir, "u", &err);
	char path[128];

	shm_writer_add(w, "ifMtu", SHM_INTEGER32, 0, &err);
	cr_assert_eq(shm_writer_publish(w, 0644, &err), 0);
	cr_assert_eq(shm_writer_unlink(w, &err), 0);
	snprintf(path, sizeof(path), "%s/u", dir);
	cr_assert_neq(access(path, F_OK), 0);
	snprintf(path, sizeof(path), "%s/u.index", dir);
	cr_assert_neq(access(path, F_OK), 0);
	shm_writer_free(w);
}

Test(shm, empty_segment_round_trip)
{
	struct shmib_err err;
	struct shm_writer *w = shm_writer_new_plain(dir, "e", &err);
	struct shm_seg *seg;

	cr_assert_eq(shm_writer_publish(w, 0644, &err), 0, "%s", err.msg);
	seg = shm_seg_open(dir, "e", &err);
	cr_assert_not_null(seg, "%s", err.msg);
	cr_assert_eq(shm_seg_nobjs(seg), 0);
	cr_assert_null(shm_seg_find(seg, "anything"));
	cr_assert_null(shm_seg_obj(seg, 0));
	shm_seg_close(seg);
	shm_writer_free(w);
}

/* ---- bad indexes -------------------------------------------------------- */

static const struct {
	const char *text;
	size_t len;             /* 0: strlen(text) */
	const char *error;
} bad_indexes[] = {
	{ "", 0, "t.index:1: empty index (expected header \"MIB:1\")" },
	{ "\nx:1\n", 0, "t.index:1: empty header line (expected \"MIB:1\")" },
	{ "MIB\n", 0, "t.index:1: header is not \"namespace:version\" (expected \"MIB:1\")" },
	{ "default:1\n", 0, "t.index:1: name space \"default\" is not \"MIB\"" },
	{ ":1\n", 0, "t.index:1: name space \"\" is not \"MIB\"" },
	{ "MIB:2\n", 0, "t.index:1: version \"2\" is not supported (only 1)" },
	{ "MIB:1.0\n", 0, "t.index:1: version \"1.0\" is not supported (only 1)" },
	{ "MIB:\n", 0, "t.index:1: version \"\" is not supported (only 1)" },
	{ "MIB:1\nifMtu\n", 0, "t.index:2: no ':' between name and length" },
	{ "MIB:1\n:4\n", 0, "t.index:2: empty name" },
	{ "MIB:1\nif Mtu:4\n", 0, "t.index:2: whitespace, control or non-ASCII byte in name" },
	{ "MIB:1\nif\x01Mtu:4\n", 0, "t.index:2: whitespace, control or non-ASCII byte in name" },
	{ "MIB:1\nif\xc3\xa9:4\n", 0, "t.index:2: whitespace, control or non-ASCII byte in name" },
	{ "MIB:1\nif/Mtu:4\n", 0, "t.index:2: ':' or '/' in name" },
	{ "MIB:1\nifMtu:\n", 0, "t.index:2: length is not a decimal number" },
	{ "MIB:1\nifMtu:four\n", 0, "t.index:2: length is not a decimal number" },
	{ "MIB:1\nifMtu:-4\n", 0, "t.index:2: length is not a decimal number" },
	{ "MIB:1\nifMtu:+4\n", 0, "t.index:2: length is not a decimal number" },
	{ "MIB:1\nifMtu:4x\n", 0, "t.index:2: length is not a decimal number" },
	{ "MIB:1\nifMtu:4 \n", 0, "t.index:2: length is not a decimal number" },
	{ "MIB:1\nifMtu:4\r\n", 0, "t.index:2: length is not a decimal number" },
	{ "MIB:1\nifMtu:4:4\n", 0, "t.index:2: length is not a decimal number" },
	{ "MIB:1\nifMtu:4\0x:1\n", 17, "t.index:2: length is not a decimal number" },
	{ "MIB:1\nifMtu:0\n", 0, "t.index:2: length 0" },
	{ "MIB:1\nifMtu:65538\n", 0, "t.index:2: length exceeds 65537" },
	{ "MIB:1\nifMtu:99999999999999999999999\n", 0, "t.index:2: length exceeds 65537" },
	{ "MIB:1\nifMtu:4\n\n", 0, "t.index:3: empty line" },
	{ "MIB:1\na:4\nb:4\na:8\n", 0, "t.index:4: duplicate name \"a\" (first on line 2)" },
	{ "MIB:1\nb:1\na:1\nc:1\nb:1\na:1\n", 0, "t.index:5: duplicate name \"b\" (first on line 2)" },
};

Test(shm, every_bad_index_gets_its_error)
{
	for (size_t i = 0; i < sizeof(bad_indexes) / sizeof(bad_indexes[0]); i++) {
		const char *t = bad_indexes[i].text;
		size_t len = bad_indexes[i].len ? bad_indexes[i].len : strlen(t);
		struct shm_obj *objs = NULL;
		struct shmib_err err = { "" };
		char *names = NULL;
		uint64_t total;

		cr_expect_eq(shm_index_parse("t.index", t, len, &objs, &names,
					     &total, &err), -1, "case %zu", i);
		cr_expect_str_eq(err.msg, bad_indexes[i].error, "case %zu", i);
		cr_expect_null(objs);
	}
}

Test(shm, long_names_and_many_objects)
{
	size_t cap = 4200 * 16 + 600;
	char *t = malloc(cap), name[300];
	struct shm_obj *objs;
	struct shmib_err err;
	char *names;
	uint64_t total;
	size_t n;

	memset(name, 'n', 256);
	name[255] = '\0';
	n = snprintf(t, cap, "MIB:1\n%s:4\n", name);
	cr_assert_eq(shm_index_parse("t", t, n, &objs, &names, &total, &err), 1,
		     "a 255-byte name is fine: %s", err.msg);
	free(objs);
	free(names);
	name[255] = 'n';
	name[256] = '\0';
	n = snprintf(t, cap, "MIB:1\n%s:4\n", name);
	cr_assert_eq(shm_index_parse("t", t, n, &objs, &names, &total, &err), -1);
	cr_assert_str_eq(err.msg, "t:2: name longer than 255 bytes");

	n = snprintf(t, cap, "MIB:1");
	for (int i = 0; i < SHM_OBJECTS_MAX; i++)
		n += snprintf(t + n, cap - n, "\no%d:65537", i);
	cr_assert_eq(shm_index_parse("t", t, n, &objs, &names, &total, &err),
		     SHM_OBJECTS_MAX, "%s", err.msg);
	cr_assert_eq(total, (uint64_t)SHM_OBJECTS_MAX * 65537);
	cr_assert_eq(objs[SHM_OBJECTS_MAX - 1].offset, (uint64_t)(SHM_OBJECTS_MAX - 1) * 65537);
	free(objs);
	free(names);
	n += snprintf(t + n, cap - n, "\nonemore:1\n");
	cr_assert_eq(shm_index_parse("t", t, n, &objs, &names, &total, &err), -1);
	cr_assert_str_eq(err.msg, "t:4098: more than 4096 objects");
	free(t);
}

Test(shm, final_newline_is_optional)
{
	struct shm_obj *objs;
	struct shmib_err err;
	char *names;
	uint64_t total;

	cr_assert_eq(shm_index_parse("t", "MIB:1\nifMtu:4\nifDescr:257", 25,
				     &objs, &names, &total, &err), 2, "%s", err.msg);
	cr_assert_str_eq(objs[1].name, "ifDescr");
	cr_assert_eq(objs[1].offset, 4);
	cr_assert_eq(total, 261);
	free(objs);
	free(names);
	cr_assert_eq(shm_index_parse("t", "MIB:1", 5, &objs, &names, &total, &err), 0);
	cr_assert_eq(total, 0);
	free(objs);
	free(names);
}

/* ---- bad files -------------------------------------------------------------- */

static char expected[512];

/* "DIR/" FMT, for messages naming two paths. */
#define IN_DIR(fmt, ...) \
	(snprintf(expected, sizeof(expected), fmt, __VA_ARGS__), expected)

Test(shm, index_errors_name_the_file_and_line)
{
	put_str("v.index", "MIB:1\nifMtu:4\nifMtu:4\n");
	put("v", "12345678", 8);
	cr_assert_str_eq(rel(open_fails("v")),
			 "v.index:3: duplicate name \"ifMtu\" (first on line 2)");
	put_str("w.index", "MIB:7\n");
	put("w", "", 0);
	cr_assert_str_eq(rel(open_fails("w")), "w.index:1: version \"7\" is not supported (only 1)");
}

Test(shm, data_shorter_or_longer_than_index)
{
	put_str("x.index", "MIB:1\nifMtu:4\nifHCInOctets:8\n");
	put("x", "1234", 4);
	cr_assert_str_eq(open_fails("x"), IN_DIR("%s/x: data file has 4 bytes, "
						 "%s/x.index says 12", dir, dir));
	put("x", "1234567890123", 13);
	cr_assert_str_eq(open_fails("x"), IN_DIR("%s/x: data file has 13 bytes, "
						 "%s/x.index says 12", dir, dir));
	put("x", "", 0);
	cr_assert_str_eq(open_fails("x"), IN_DIR("%s/x: data file has 0 bytes, "
						 "%s/x.index says 12", dir, dir));
}

Test(shm, empty_or_missing_files)
{
	put_str("e.index", "");
	put("e", "", 0);
	cr_assert_str_eq(rel(open_fails("e")), "e.index:1: empty index (expected header \"MIB:1\")");
	put_str("m.index", "MIB:1\nifMtu:4\n");
	cr_assert_str_eq(rel(open_fails("m")), "m: No such file or directory");
	cr_assert_str_eq(rel(open_fails("nothing")), "nothing.index: No such file or directory");
	cr_assert_eq(err_of_open.sys_errno, ENOENT, "a segment that is not there");
	open_fails("e");
	cr_assert_eq(err_of_open.sys_errno, 0, "bad content is not a system error");
}

static void link_to(const char *target, const char *name)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	cr_assert_eq(symlink(target, path), 0);
}

Test(shm, symlinks_are_refused)
{
	put_str("real.index", "MIB:1\nifMtu:4\n");
	put("real", "1234", 4);
	link_to("real.index", "l1.index");
	put("l1", "1234", 4);
	cr_assert_str_eq(rel(open_fails("l1")), "l1.index: is a symbolic link");
	put_str("l2.index", "MIB:1\nifMtu:4\n");
	link_to("real", "l2");
	cr_assert_str_eq(rel(open_fails("l2")), "l2: is a symbolic link");
	cr_assert_eq(err_of_open.sys_errno, ELOOP);
}

static void fifo(const char *name)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	cr_assert_eq(mkfifo(path, 0644), 0);
}

/* A FIFO opened for reading without a writer would block forever. */
Test(shm, fifos_and_directories_are_refused_without_blocking, .timeout = 10)
{
	char path[256];

	fifo("f1.index");
	put("f1", "1234", 4);
	cr_assert_str_eq(rel(open_fails("f1")), "f1.index: not a regular file");
	put_str("f2.index", "MIB:1\nifMtu:4\n");
	fifo("f2");
	cr_assert_str_eq(rel(open_fails("f2")), "f2: not a regular file");
	put_str("d.index", "MIB:1\nifMtu:4\n");
	snprintf(path, sizeof(path), "%s/d", dir);
	cr_assert_eq(mkdir(path, 0755), 0);
	cr_assert_str_eq(rel(open_fails("d")), "d: not a regular file");
}

Test(shm, huge_index_is_refused_before_reading)
{
	char path[256];
	int fd;

	snprintf(path, sizeof(path), "%s/h.index", dir);
	fd = open(path, O_WRONLY | O_CREAT, 0644);
	cr_assert_eq(ftruncate(fd, 64 << 20), 0);
	close(fd);
	put("h", "", 0);
	cr_assert_str_eq(rel(open_fails("h")), "h.index: index of 67108864 bytes is too large");
}

Test(shm, bad_segment_names_are_refused)
{
	cr_assert_str_eq(rel(open_fails("../etc/passwd")),
			 "../etc/passwd: bad segment name: name starts with '.'");
	cr_assert_str_eq(rel(open_fails("etc/passwd")),
			 "etc/passwd: bad segment name: '/' in name");
	cr_assert_str_eq(rel(open_fails("")), ": bad segment name: empty name");
}

/* ---- Resident pages -------------------------------------------------------- */

/* kB of this process's resident set in mappings of files under dir. */
static long dir_rss_kb(void)
{
	FILE *f = fopen("/proc/self/smaps", "r");
	char line[512], path[256];
	unsigned long start, end;
	bool ours = false;
	long kb = 0, v;

	cr_assert_not_null(f);
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%lx-%lx ", &start, &end) == 2) {   /* a mapping */
			path[0] = '\0';
			sscanf(line, "%*x-%*x %*s %*s %*s %*s %255s", path);
			ours = strncmp(path, dir, strlen(dir)) == 0;
		} else if (ours && sscanf(line, "Rss: %ld kB", &v) == 1) {
			kb += v;
		}
	}
	fclose(f);
	return kb;
}

#define NPAGED 1100             /* more than one process_madvise batch */

/* N one-page segments, each with ifHCInOctets = its number. */
static void open_paged(struct shm_seg **segs, int n)
{
	for (int i = 0; i < n; i++) {
		struct shmib_err err;
		struct shm_writer *w;
		char name[16];
		int h;

		snprintf(name, sizeof(name), "p%d", i);
		w = shm_writer_new(dir, name, &err);
		cr_assert_not_null(w, "%s", err.msg);
		h = shm_writer_add(w, "ifHCInOctets", SHM_COUNTER64, 0, &err);
		shm_writer_set_u64(w, h, i);
		cr_assert_eq(shm_writer_publish(w, 0640, &err), 0, "%s", err.msg);
		shm_writer_free(w);
		segs[i] = shm_seg_open(dir, name, &err);
		cr_assert_not_null(segs[i], "%s", err.msg);
		cr_assert_eq(shm_seg_pages(segs[i]), 1);
	}
}

static uint64_t counter_of(const struct shm_seg *seg)
{
	uint64_t v = UINT64_MAX;

	cr_assert_eq(shm_get_u64(seg, shm_seg_find(seg, "ifHCInOctets"), &v, NULL), 0);
	return v;
}

Test(shm, load_and_drop_pages_in_batches_values_stay_right)
{
	static struct shm_seg *segs[NPAGED];
	long page_kb = sysconf(_SC_PAGESIZE) / 1024;

	open_paged(segs, NPAGED);
	cr_assert_eq(dir_rss_kb(), 0, "nothing read, nothing resident");
	shm_segs_load(segs, NPAGED);
	for (int i = 0; i < NPAGED; i++)
		cr_assert(shm_seg_loaded(segs[i]));
	cr_assert_eq(dir_rss_kb(), NPAGED * page_kb, "every page loaded");
	for (int i = 0; i < NPAGED; i++)
		cr_assert_eq(counter_of(segs[i]), (uint64_t)i);
	shm_segs_drop(segs, NPAGED);
	cr_assert_eq(dir_rss_kb(), 0, "every page dropped");
	for (int i = 0; i < NPAGED; i++) {
		cr_assert_not(shm_seg_loaded(segs[i]));
		cr_assert_eq(counter_of(segs[i]), (uint64_t)i, "read back after a drop");
	}
	cr_assert_eq(dir_rss_kb(), NPAGED * page_kb, "reads fault pages back in");
	shm_segs_drop(segs, 10);
	cr_assert_eq(dir_rss_kb(), (NPAGED - 10) * page_kb,
		     "a drop takes pages read without a load too");
	for (int i = 0; i < NPAGED; i++)
		shm_seg_close(segs[i]);
}

Test(shm, loading_a_truncated_segment_does_not_fault)
{
	struct shm_seg *segs[1];
	char path[256];

	open_paged(segs, 1);
	snprintf(path, sizeof(path), "%s/p0", dir);
	cr_assert_eq(truncate(path, 0), 0);
	shm_segs_load(segs, 1);         /* a read now would get SIGBUS */
	shm_segs_drop(segs, 1);
	cr_assert(shm_seg_changed(segs[0]));
	shm_seg_close(segs[0]);
}

/* ---- data files shrunk under the reader ------------------------------ */

Test(shm, reads_of_a_truncated_segment_fail_and_mark_it)
{
	struct written h;
	struct shm_writer *w = every_type("t", &h, false);
	struct shmib_err err;
	struct shm_seg *seg;
	char path[256], buf[64];
	uint64_t u64;
	uint32_t u32;

	cr_assert_eq(shm_writer_publish(w, 0644, &err), 0, "%s", err.msg);
	seg = shm_seg_open(dir, "t", &err);
	cr_assert_not_null(seg, "%s", err.msg);
	cr_assert_eq(shm_get_u64(seg, shm_seg_find(seg, "ifHCInOctets"), &u64, &err), 0);
	cr_assert_not(shm_seg_faulted(seg));
	snprintf(path, sizeof(path), "%s/t", dir);
	cr_assert_eq(truncate(path, 0), 0);

	cr_assert_eq(shm_get_u64(seg, shm_seg_find(seg, "ifHCInOctets"), &u64, &err), -1);
	cr_assert_str_eq(err.msg, IN_DIR("%s/t: object ifHCInOctets: data file "
					 "shrank under the reader", dir));
	cr_assert(shm_seg_faulted(seg));
	cr_assert(shm_seg_changed(seg));
	cr_assert_eq(shm_get_u32(seg, shm_seg_find(seg, "ifInOctets"), &u32, NULL), -1);
	cr_assert_eq(shm_get_str(seg, shm_seg_find(seg, "ifDescr"), buf, sizeof buf, &err), -1);
	cr_assert_eq(shm_get_bytes(seg, shm_seg_find(seg, "_X_blob"), buf, sizeof buf, &err), -1);
	shm_seg_close(seg);
	shm_writer_free(w);
}

Test(shm, reads_of_a_truncated_snabb_segment_fail_too)
{
	struct written h;
	struct shm_writer *w = every_type("s", &h, true);
	struct shmib_err err;
	struct shm_seg *seg;
	char path[256], buf[64];

	cr_assert_eq(shm_writer_publish(w, 0644, &err), 0, "%s", err.msg);
	seg = shm_seg_open(dir, "s", &err);
	cr_assert_not_null(seg, "%s", err.msg);
	snprintf(path, sizeof(path), "%s/s", dir);
	cr_assert_eq(truncate(path, 0), 0);
	cr_assert_eq(shm_get_str(seg, shm_seg_find(seg, "ifDescr"), buf, sizeof buf, &err), -1);
	cr_assert(shm_seg_faulted(seg));
	shm_seg_close(seg);
	shm_writer_free(w);
}

/* Reads from several threads at once, each its own guard. */
static void *read_shrunk(void *arg)
{
	const struct shm_seg *seg = arg;
	uint64_t v;

	for (int i = 0; i < 1000; i++)
		if (shm_get_u64(seg, shm_seg_find(seg, "ifHCInOctets"), &v, NULL) != -1)
			return (void *)1;
	return NULL;
}

Test(shm, reads_of_a_truncated_segment_fail_in_every_thread)
{
	struct written h;
	struct shm_writer *w = every_type("m", &h, false);
	struct shmib_err err;
	struct shm_seg *segs[4];
	pthread_t th[4];
	char path[256];
	void *rc;

	cr_assert_eq(shm_writer_publish(w, 0644, &err), 0, "%s", err.msg);
	for (int i = 0; i < 4; i++)
		cr_assert_not_null(segs[i] = shm_seg_open(dir, "m", &err), "%s", err.msg);
	snprintf(path, sizeof(path), "%s/m", dir);
	cr_assert_eq(truncate(path, 0), 0);
	for (int i = 0; i < 4; i++)
		cr_assert_eq(pthread_create(&th[i], NULL, read_shrunk, segs[i]), 0);
	for (int i = 0; i < 4; i++) {
		pthread_join(th[i], &rc);
		cr_assert_null(rc, "thread %d read a shrunk segment", i);
		shm_seg_close(segs[i]);
	}
	shm_writer_free(w);
}

/* A SIGBUS that is no segment read goes to the handler the program had. */
static sigjmp_buf own_jump;
static volatile sig_atomic_t own_calls;

static void own_sigbus(int sig, siginfo_t *si, void *ctx)
{
	(void)sig, (void)si, (void)ctx;
	own_calls++;
	siglongjmp(own_jump, 1);
}

Test(shm, other_sigbus_goes_to_the_previous_handler)
{
	struct sigaction sa = { .sa_sigaction = own_sigbus, .sa_flags = SA_SIGINFO | SA_NODEFER };
	struct written h;
	struct shm_writer *w = every_type("o", &h, false);
	struct shmib_err err;
	struct shm_seg *seg;
	char path[256];
	uint64_t v;
	int fd;
	volatile const uint8_t *p;

	sigemptyset(&sa.sa_mask);
	cr_assert_eq(sigaction(SIGBUS, &sa, NULL), 0);
	cr_assert_eq(shm_writer_publish(w, 0644, &err), 0, "%s", err.msg);
	seg = shm_seg_open(dir, "o", &err);
	cr_assert_not_null(seg, "%s", err.msg);
	cr_assert_eq(shm_get_u64(seg, shm_seg_find(seg, "ifHCInOctets"), &v, &err), 0);

	/* A mapping of the program's own, read past the end of its file. */
	snprintf(path, sizeof(path), "%s/own", dir);
	put("own", "12345678", 8);
	fd = open(path, O_RDONLY);
	cr_assert_geq(fd, 0);
	p = mmap(NULL, 8, PROT_READ, MAP_SHARED, fd, 0);
	cr_assert_neq((void *)p, MAP_FAILED);
	cr_assert_eq(truncate(path, 0), 0);
	if (!sigsetjmp(own_jump, 0))
		(void)p[0];
	cr_assert_eq(own_calls, 1, "the program's own handler ran");

	snprintf(path, sizeof(path), "%s/o", dir);
	cr_assert_eq(truncate(path, 0), 0);
	cr_assert_eq(shm_get_u64(seg, shm_seg_find(seg, "ifHCInOctets"), &v, &err), -1);
	cr_assert_eq(own_calls, 1, "a segment read's fault stays the library's");
	munmap((void *)p, 8);
	close(fd);
	shm_seg_close(seg);
	shm_writer_free(w);
}

/* ---- the size a reader maps --------------------------------------- */

Test(shm, data_over_the_limit_is_refused_before_mapping)
{
	char index[64 * 32] = "MIB:1\n";
	static char data[SHM_DATA_MAX + 65537];
	size_t n = strlen(index), total = 0;

	for (int i = 0; total <= SHM_DATA_MAX; i++) {
		n += snprintf(index + n, sizeof index - n, "_X_big%d:65537\n", i);
		total += 65537;
	}
	put_str("big.index", index);
	put("big", data, total);
	cr_assert_str_eq(open_fails("big"), IN_DIR("%s/big.index: data of %zu bytes, "
						   "more than the %u a reader maps",
						   dir, total, SHM_DATA_MAX));
}

Test(shm, writer_stays_under_the_limit)
{
	struct shmib_err err;
	struct shm_writer *w = shm_writer_new(dir, "w", &err);
	struct shm_seg *seg;
	char name[32];
	int i, rc = 0;

	cr_assert_not_null(w, "%s", err.msg);
	for (i = 0; rc >= 0; i++) {
		snprintf(name, sizeof name, "s%d", i);
		rc = shm_writer_add(w, name, SHM_OCTETSTR, 65535, &err);
	}
	cr_assert_eq(i - 1, SHM_DATA_MAX / 65537, "objects before the limit");
	cr_assert_str_eq(err.msg, IN_DIR("%s/w: object %s: the data would be over "
					 "the %u bytes a reader maps", dir, name, SHM_DATA_MAX));
	cr_assert_eq(shm_writer_publish(w, 0644, &err), 0, "%s", err.msg);
	seg = shm_seg_open(dir, "w", &err);
	cr_assert_not_null(seg, "what a writer makes, a reader opens: %s", err.msg);
	shm_seg_close(seg);
	shm_writer_free(w);
}
