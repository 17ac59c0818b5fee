/*
 * shm — segments in the "MIB:1" name space (Snabb's lib.ipc.shmem.mib).
 *
 * A segment is two files in one directory: the data file NAME and the
 * index file NAME.index.  The index is text: line 1 is "MIB:1", every
 * further line "object:length".  Objects lie in the data file in index
 * order with no gaps; the data file's size is the sum of the lengths.
 *
 * Encodings (host byte order): Integer32 int32; Unsigned32, Counter32,
 * Gauge32, TimeTicks uint32; Counter64 uint64; OctetStr of maximum
 * length n: uint16 length + n bytes; Bits: OctetStr of maximum length 16,
 * bit 0 = most significant bit of byte 0.
 *
 * Writers of this library pad with "_X_pad<N>" objects so every 8-byte
 * object starts at an 8-byte offset and every 4-byte object at a 4-byte
 * offset (a counter is then stored and loaded in one instruction: never
 * torn), and keep a "_X_seqlock" Counter32 first in the segment: it is
 * odd while strings are being rewritten, and readers of strings retry
 * until they see the same even value before and after their copy.
 * Segments written by Snabb have neither; readers accept both.
 *
 * Status changes are signalled: a writer that keeps "_X_seqlock"
 * changes status objects (ifOperStatus, pwOperStatus and what goes
 * with them) only inside guarded updates (shm_writer_begin/end, or a
 * single string set) and touches the data file's modification time at
 * the end of each (futimens; inotify reports IN_ATTRIB on NAME).  A
 * reader may rely on that and poll the status only of segments
 * without "_X_seqlock".  Writers in other languages that keep the
 * seqlock must do the same.  Stores through the mapping raise no
 * inotify event (the kernel may move the mtime for them, so readers
 * compare no data mtime): counters signal nothing.
 *
 * Publishing is atomic: data and index are written under temporary
 * names, an older NAME.index is removed, then the data file is renamed
 * into place, the index last, so a reader that finds NAME.index finds
 * the data that belongs to it (a reader that opens the segment just
 * while it is republished gets ENOENT: it is not there for a moment).
 *
 * Nothing here aborts or exits on bad input: every failure returns -1
 * (or NULL) and fills a struct shmib_err (shm/err.h) whose text names the file and,
 * for index errors, the line.
 */
#ifndef SHMIB_SHM_H
#define SHMIB_SHM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "shm/err.h"

#define SHM_NAMESPACE      "MIB"
#define SHM_VERSION        1
#define SHM_INDEX_SUFFIX   ".index"
#define SHM_SEQLOCK        "_X_seqlock"
#define SHM_PAD_PREFIX     "_X_pad"
#define SHM_NAME_MAX       255      /* longest object or segment name */
#define SHM_OBJECTS_MAX    4096     /* most index lines a reader accepts */
#define SHM_OCTETSTR_MAX   65535    /* longest OctetStr (uint16 length) */
#define SHM_BITS_LEN       16
/* Largest data file a reader maps.  The index limits allow 268 MB
 * (4096 objects of 65537 bytes); a segment of this project or Snabb
 * holds a few kB, and a reader must bound what one segment can add to
 * its resident set. */
#define SHM_DATA_MAX       (1u << 20)

/* Storage types.  SHM_RAW is an object of a given size the library
 * does not interpret (auxiliaries of unknown type). */
enum shm_type {
	SHM_INTEGER32,
	SHM_UNSIGNED32,
	SHM_COUNTER32,
	SHM_GAUGE32,
	SHM_TIMETICKS,
	SHM_COUNTER64,
	SHM_OCTETSTR,
	SHM_BITS,
	SHM_RAW,
};

/* Auxiliary objects: names that start with SHM_AUX_PREFIX are no MIB
 * object.  Time auxiliaries: _X_<obj>_TimeAbs and _X_<obj>_TicksBase
 * hold UNIX seconds (Snabb's); shmib's writers add _X_<obj>_TimeAbsNs,
 * UNIX nanoseconds, for TimeStamp objects, which shmib's readers
 * prefer.  The auxiliaries a segment kind holds are in its profile
 * (shm/profile.h); mibs/gen-profiles.awk reads these suffixes here. */
#define SHM_AUX_PREFIX     "_X_"
#define SHM_AUX_TIMEABS    "_TimeAbs"
#define SHM_AUX_TICKSBASE  "_TicksBase"
#define SHM_AUX_TIMEABS_NS "_TimeAbsNs"
#define SHM_AUX_TIMES      { SHM_AUX_TIMEABS_NS, SHM_AUX_TIMEABS, SHM_AUX_TICKSBASE }  /* finest first */
#define SHM_NS_PER_SEC     1000000000ull

/* UNIX time now in nanoseconds (CLOCK_REALTIME). */
uint64_t shm_now_ns(void);

/* Bytes an object of TYPE occupies; MAXLEN is the OctetStr maximum
 * length or the SHM_RAW size, ignored otherwise. */
size_t shm_type_size(enum shm_type type, size_t maxlen);
const char *shm_type_name(enum shm_type type);

/* NULL when NAME may name a segment (what shm_seg_open accepts: a file
 * name of printable ASCII without blanks or '/', not starting with
 * '.'), else what is wrong with it.  Writers of segments named after
 * configuration (ports, pseudowires) check with this early. */
const char *shm_segment_name_problem(const char *name);

/* The same for a segment listed by name in a text file whose lines
 * hold "name" or "name:..." fields (vpls-ids, pseudowire-ids, the
 * pseudowire agent's state file): no ':' either. */
const char *shm_listed_name_problem(const char *name);

/* ---- Writer ------------------------------------------------------ */

struct shm_writer;

/* A new, unpublished segment NAME in DIR.  Objects are added, then the
 * segment is published; after publishing, no objects can be added. */
struct shm_writer *shm_writer_new(const char *dir, const char *name,
				  struct shmib_err *err);

/* The same in Snabb's plain layout: no "_X_seqlock", no padding, so
 * objects may be unaligned.  For tests and for segments meant for
 * readers that predate the padding convention. */
struct shm_writer *shm_writer_new_plain(const char *dir, const char *name,
					struct shmib_err *err);

/* Adds an object; returns its handle (>= 0) or -1 (duplicate or bad
 * name, bad size, data over SHM_DATA_MAX, already published). */
int shm_writer_add(struct shm_writer *w, const char *name,
		   enum shm_type type, size_t maxlen, struct shmib_err *err);

/* Lays the objects out (padding for alignment), writes data and index
 * under temporary names with file mode MODE (e.g. 0640), renames the
 * data file into place, then the index, and maps the data file
 * read-write.  Values set before publishing are carried over. */
int shm_writer_publish(struct shm_writer *w, mode_t mode,
		       struct shmib_err *err);

/* Publishes a published segment again, with its current values, into
 * new files (its directory or files were removed under it); the
 * mapping moves: pointers from shm_writer_ptr are void after it. */
int shm_writer_republish(struct shm_writer *w, struct shmib_err *err);

/* Pointer to an object's storage (valid after publish, until free).
 * Counters may be stored through it directly: alignment makes the
 * stores single instructions. */
void *shm_writer_ptr(struct shm_writer *w, int handle);

/* Typed setters (before or after publish).  OctetStr/Bits values longer
 * than the maximum are truncated; string writes take the seqlock. */
void shm_writer_set_u32(struct shm_writer *w, int handle, uint32_t v);
void shm_writer_set_i32(struct shm_writer *w, int handle, int32_t v);
void shm_writer_set_u64(struct shm_writer *w, int handle, uint64_t v);
void shm_writer_set_str(struct shm_writer *w, int handle,
			const void *data, size_t len);

/* Several updates as one: readers of strings never see half of them,
 * and the end touches the data file's mtime (see the top): every
 * status change goes between the two. */
void shm_writer_begin(struct shm_writer *w);
void shm_writer_end(struct shm_writer *w);

/* Removes both files of a published segment (index first, so readers
 * stop finding it before its data goes). */
int shm_writer_unlink(struct shm_writer *w, struct shmib_err *err);

/* Unmaps and frees; the files stay (use shm_writer_unlink first). */
void shm_writer_free(struct shm_writer *w);

/* A segment in memory rather than in a directory: a writer whose
 * shm_writer_publish puts the objects into a memfd (no file appears
 * anywhere), for a process that serves objects it makes itself beside
 * those of segment files.  Readers in the same process open it with
 * shm_seg_open_mem (a read-only mapping of the same memory, which
 * stays valid after the writer is freed).  It never reads as changed; guarded
 * updates signal nothing outside the process: the writer tells its
 * readers itself. */
struct shm_writer *shm_writer_new_mem(const char *name, struct shmib_err *err);

/* ---- Ownership ---------------------------------------------------- *
 *
 * A writer that owns a segment directory (the dataplane) holds an OFD
 * write lock (fcntl F_OFD_SETLK, or a POSIX record lock) over the
 * whole of DIR/.lock for as long as it runs; the file reads "PID ID\n"
 * (decimal: the holder's pid and a random, non-zero 64-bit id of this
 * holding).  Every segment it writes carries the Counter64 object
 * "_X_writer" = ID.  A segment with "_X_writer" is alive while DIR/.lock
 * is locked and says the same ID; otherwise its writer is gone (killed:
 * the kernel released the lock) and readers report its rows as down.
 * Segments without "_X_writer" (Snabb's, shmib-fakeseg's) make no such
 * claim and are served as they are.  The lock is also what keeps a
 * second writer out of a directory that is in use. */

#define SHM_LOCK_FILE  ".lock"
#define SHM_WRITER_OBJ "_X_writer"

struct shm_dirlock;

/* Creates DIR (mode DIR_MODE) if missing, creates and locks DIR/.lock
 * with a new id and this pid.  Fails (sys_errno EBUSY, message naming
 * the holder's pid) when another process holds it.  From then on, the
 * segments this process writes in DIR (the same DIR string) carry
 * "_X_writer".  One directory per process. */
struct shm_dirlock *shm_dirlock_take(const char *dir, mode_t dir_mode,
				     struct shmib_err *err);

/* Rewrites the pid (after daemon() changed it). */
int shm_dirlock_publish(struct shm_dirlock *l, struct shmib_err *err);

/* Whether DIR/.lock is still the file this lock holds (not removed
 * with its directory). */
bool shm_dirlock_intact(const struct shm_dirlock *l);

/* After DIR (or its lock file) was removed: creates them again and
 * locks the new file, keeping the id (the segments keep theirs). */
int shm_dirlock_retake(struct shm_dirlock *l, mode_t dir_mode,
		       struct shmib_err *err);

uint64_t shm_dirlock_id(const struct shm_dirlock *l);

/* Removes the segments in DIR that carry "_X_writer": a new holder's
 * id is new, so they are leftovers of a writer that is gone.  Returns
 * how many. */
int shm_dirlock_sweep(const struct shm_dirlock *l);

/* Removes the lock file and releases the lock; also DIR if it was
 * created by shm_dirlock_take and REMOVE_DIR (a start that failed). */
void shm_dirlock_release(struct shm_dirlock *l, bool remove_dir);

/* The id this process writes into segments of DIR; 0 if it holds no
 * lock on DIR. */
uint64_t shm_dirlock_held_id(const char *dir);

/* For readers: 1 with the holder's PID and ID when DIR/.lock is
 * locked, 0 when there is no lock file or it is not locked (the
 * writer is gone), -1 (errno) when it cannot be read. */
int shm_dir_holder(const char *dir, pid_t *pid, uint64_t *id);

/* ---- Reader ------------------------------------------------------ */

struct shm_obj {
	const char *name;
	uint32_t offset;
	uint32_t length;
};

struct shm_seg;

/* Opens DIR/NAME read-only (O_RDONLY|O_NOFOLLOW, PROT_READ), parses and
 * validates NAME.index: header "MIB:1", "name:length" lines, names
 * unique and at most SHM_NAME_MAX bytes, lengths 1..65537, sum of
 * lengths == data file size, at most SHM_DATA_MAX.  A symlink, FIFO
 * or other non-regular file in place of either file is refused.  Segment names are file names:
 * printable ASCII without blanks or '/', not starting with '.'; object
 * names also have no ':'. */
struct shm_seg *shm_seg_open(const char *dir, const char *name,
			     struct shmib_err *err);
void shm_seg_close(struct shm_seg *seg);

/* A reader of the published memory segment of W (shm_writer_new_mem),
 * named "memory/NAME" in messages. */
struct shm_seg *shm_seg_open_mem(const struct shm_writer *w, struct shmib_err *err);

const char *shm_seg_name(const struct shm_seg *seg);
size_t shm_seg_nobjs(const struct shm_seg *seg);
const struct shm_obj *shm_seg_obj(const struct shm_seg *seg, size_t i);
const struct shm_obj *shm_seg_find(const struct shm_seg *seg,
				   const char *name);

/* True when either file was replaced, removed or changed size since
 * the segment was opened, or a read found the data file shrunk (inode and size of both files, mtime of the
 * index; not the data file's mtime, which every counter store moves). */
bool shm_seg_changed(const struct shm_seg *seg);

/* Pages of the mappings in this process's resident set.  Reading a
 * segment maps its pages and leaves them mapped: a page per segment,
 * 40 MB for 10,000.  A reader of many segments bounds that by loading
 * the pages of the segments it is about to read and dropping those of
 * segments it is done with, in batches: one system call for a batch
 * (process_madvise), and a batch of drops flushes the TLB once rather
 * than page by page.  Measured on a virtual machine, per segment:
 * fault ~10 µs, single drop ~25 µs; in batches of 64, load ~1 µs and
 * drop ~2 µs.  Both are advice, never needed for correctness: a page
 * dropped is faulted back in by the next read; a load that fails (a
 * data file truncated under the reader) leaves the read to fault.
 * Dropping does not touch the page cache: the writer's data stays. */
void shm_segs_load(struct shm_seg *const *segs, size_t n);
void shm_segs_drop(struct shm_seg *const *segs, size_t n);

/* True from shm_segs_load until shm_segs_drop (or a reopen). */
bool shm_seg_loaded(const struct shm_seg *seg);

/* Pages of SEG's mapping. */
size_t shm_seg_pages(const struct shm_seg *seg);

/* True when SEG keeps "_X_seqlock": its writer signals status changes
 * by touching the data file's mtime (see the top), so its status need
 * not be polled. */
bool shm_seg_signals(const struct shm_seg *seg);

/* Another process may truncate or rewrite a data file while it is
 * mapped; a load from a page past the new end raises SIGBUS.  Every
 * getter below catches that (a SIGBUS handler installed at the first
 * read, scoped to reads of this library, per thread; any other SIGBUS
 * goes to the handler it replaced), fails with ERR saying the data
 * file shrank, and marks the segment: from then on shm_seg_faulted and
 * shm_seg_changed are true, and its owner reopens or drops it.  A
 * reader must not load from a mapping in any other way. */
bool shm_seg_faulted(const struct shm_seg *seg);

/* Typed getters; -1 (with ERR naming segment and object) when the
 * object's length does not fit the type.  ERR may be NULL. */
int shm_get_u32(const struct shm_seg *seg, const struct shm_obj *o,
		uint32_t *v, struct shmib_err *err);
int shm_get_i32(const struct shm_seg *seg, const struct shm_obj *o,
		int32_t *v, struct shmib_err *err);
int shm_get_u64(const struct shm_seg *seg, const struct shm_obj *o,
		uint64_t *v, struct shmib_err *err);
/* Copies an OctetStr (length clamped to the object's capacity and to
 * BUFSZ), retrying while the seqlock shows an update.  Returns the
 * length copied or -1. */
ssize_t shm_get_str(const struct shm_seg *seg, const struct shm_obj *o,
		    void *buf, size_t bufsz, struct shmib_err *err);

/* Copies the raw bytes of an object (at most BUFSZ; for dumping
 * unknown objects).  Returns the length copied or -1. */
ssize_t shm_get_bytes(const struct shm_seg *seg, const struct shm_obj *o,
		      void *buf, size_t bufsz, struct shmib_err *err);

/* Index parsing on its own (also the fuzz target): parses TEXT of LEN
 * bytes; FILE names it in messages.  On success fills *OBJS (malloc'd,
 * names point into *NAMES) and returns the object count. */
int shm_index_parse(const char *file, const char *text, size_t len,
		    struct shm_obj **objs, char **names,
		    uint64_t *total, struct shmib_err *err);

#endif
