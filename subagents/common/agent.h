/*
 * The subagent core: everything shmib-interface and shmib-pseudowire
 * share.  An agent is data — a struct agent_def — that the core walks;
 * the core does the rest: options, daemon, AgentX session and
 * registration, scanning the shm directory, the instance index, the
 * request handler, value conversions, the ifindex map and watching
 * files for changes.
 *
 * How an agent is defined
 * -----------------------
 * name       net-snmp application name; the agent reads NAME.conf.
 * subtrees   the registration points: a name for the logs, a catalogue
 *            object inside the subtree and how many arcs of that
 *            object's OID to drop (ifNumber 1.3.6.1.2.1.2.1 up 1 gives
 *            `interfaces` 1.3.6.1.2.1.2).  Every table and scalar below
 *            must lie in one of them.
 * tables     one struct agent_table per conceptual table: the catalogue
 *            table name ("ifTable"), an indexer and value handlers for
 *            columns that need one.  The number of index arcs is the
 *            number of the table's INDEX objects in the catalogue (1
 *            for ifIndex, 2 for vplsConfigIndex.pwIndex; a table that
 *            AUGMENTS another has that one's).  The columns are every
 *            readable catalogue object of that table: not-accessible
 *            index objects (pwIndex, pwEnetPwInstance) are never
 *            served, whatever a segment holds.  A column without a
 *            handler is served for the rows whose segment has an
 *            object of the same name, with the conversion rules of
 *            DESIGN.md (agent_seg_value).  A column with a handler is
 *            served for every row for which the handler returns true
 *            (e.g. ifIndex, ifSpecific, pwEnetPortIfIndex).
 *            The indexer is called once per segment and table at each
 *            rebuild; it fills the index arcs of the segment's row, in
 *            the order of the catalogue's INDEX, and returns true, or
 *            returns false when the segment has no row in that table.
 *            Two segments with the same index: the first by segment
 *            name wins, the other is logged.
 * scalars    catalogue name and handler; agent_scalar_sum (sum over all
 *            segments), agent_scalar_first (first segment's value) or
 *            a computed one (pwIndexNext, ifNumber).
 * accept     segment filter by name, asked before a segment is opened
 *            (pseudowire: only names listed in the id files); NULL
 *            accepts every segment.
 * options    extra getopt_long options (flag values >= 256) and their
 *            parser `option`; `usage` is added to --help.
 * init       called once after the options were parsed and before the
 *            first scan: load extra files, agent_watch_file() them.
 * fini       called when the agent stops (also inside snmpd, where a
 *            module is stopped and started again at each SIGHUP),
 *            before its session closes, while net-snmp still logs:
 *            release what init and option set up.
 * notifications
 *            the notifications the agent sends when a status column
 *            changes (struct agent_notify, notify.h explains when).
 * source     segments the agent makes itself, served beside the shm
 *            directory's (struct agent_source; the interface agent's
 *            kernel interfaces); NULL: none.
 * check_ifmap
 *            asked about every ifindex map before it is put in force:
 *            0, or -1 with ERR ("FILE:LINE: why") to reject it and
 *            keep the previous map.
 *
 * A handler must be quick: it runs for each varbind of a request.
 * Values are read from the mapped segment at request time.  Handlers,
 * indexers and reload functions run in the one thread of the agent;
 * nothing needs locking.  agent_note() logs a condition once for as
 * long as it persists (not at every rebuild).
 */
#ifndef SHMIB_AGENT_H
#define SHMIB_AGENT_H

#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/types.h>

#include "mibs/catalogue.h"
#include "shm/shm.h"

#define AGENT_INDEX_MAX MIB_INDEX_MAX   /* most index arcs of a table */

struct agent;
struct ifmap;

/* A value as the core sends it: the SMI type is the catalogue's.
 * Numbers in num, OctetStr/Bits as bytes in ptr/len, ObjectId as
 * len arcs (const oid *) in ptr. */
struct agent_value {
	uint64_t num;
	const void *ptr;
	size_t len;
	uint8_t *buf;           /* scratch space for strings ... */
	size_t bufsz;           /* ... of this many bytes */
};

/* What a column handler sees: the row and the column. */
struct agent_cell {
	struct agent *agent;
	const struct shm_seg *seg;
	const uint32_t *idx;            /* the row's index arcs */
	const struct mib_object *mib;   /* the column */
};

typedef bool (*agent_column_fn)(const struct agent_cell *c,
				struct agent_value *v);
typedef bool (*agent_scalar_fn)(struct agent *a,
				const struct mib_object *mib,
				struct agent_value *v);
typedef bool (*agent_indexer_fn)(struct agent *a, const struct shm_seg *seg,
				 uint32_t *idx);
/* Re-reads a watched file; 0 when the new content is in force, -1
 * (after logging why) when the previous one stays until the file
 * changes again, 1 when it stays and the file is to be read again at
 * the next check even if unchanged (a content held back for a time). */
typedef int (*agent_reload_fn)(struct agent *a, const char *path, void *arg);

struct agent_column {
	const char *name;
	agent_column_fn value;
};

struct agent_table {
	const char *name;
	agent_indexer_fn indexer;
	const struct agent_column *columns;     /* ends with { NULL } */
};

struct agent_scalar {
	const char *name;
	agent_scalar_fn value;
};

struct agent_subtree {
	const char *name;
	const char *object;
	unsigned up;
	const char *sysor;      /* sysORDescr of the module, or NULL: no
				 * sysORTable entry (sysor.h) */
};

/* A pair of notifications sent when the status column of a table's
 * rows changes (see notify.h).  The notifications' varbinds are their
 * OBJECTS in the catalogue, columns of TABLE. */
#define AGENT_STATE(v) (1u << (v))      /* a status value in a set */

struct agent_notify {
	const char *table;
	const char *status;             /* the column polled */
	const char *down, *up;          /* catalogue notifications */
	uint32_t down_states;           /* AGENT_STATE(2) | ... */
	uint32_t up_states;
	int32_t not_present;            /* nothing is sent into or out of it */
	const char *enable;             /* segment object, .conf default */
	const char *rate;               /* per second, or NULL: no limit */
	bool range;                     /* contiguous rows in one notification */
	const char *stamp;              /* TimeStamp of the change in the
					 * row's segment (ifLastChange): the
					 * notification's sysUpTime.0, so
					 * both agree; NULL: the time sent */
};

/* Segments an agent makes itself (memory segments, shm.h).  The
 * source owns them while they are in force; one it drops is handed
 * to the core (DEAD) at the next rebuild, which closes it once no
 * index refers to it any more.  What
 * changes a row set (a segment added or dropped) asks for a rebuild
 * (agent_rebuild_soon); a status change is told with
 * agent_segs_signalled, as a writer's signal would be. */
struct agent_source {
	int (*start)(struct agent *a);          /* before the map is loaded */
	/* At each rebuild: the segments in force (*N), and those dropped
	 * since the last (*NDEAD) for the core to close; both arrays stay
	 * the source's, valid until the next call. */
	struct shm_seg *const *(*segs)(struct agent *a, size_t *n,
				       struct shm_seg *const **dead, size_t *ndead);
	void (*refresh)(struct agent *a);       /* a request is about to be served */
	void (*stop)(struct agent *a);
};

struct agent_def {
	const char *name;
	const struct agent_subtree *subtrees;   /* each list ends with { NULL } */
	const struct agent_table *tables;
	const struct agent_scalar *scalars;
	bool (*accept)(struct agent *a, const char *segment);
	const struct option *options;           /* ends with { NULL } */
	int (*option)(struct agent *a, int opt, const char *arg);
	const char *usage;
	int (*init)(struct agent *a);
	void (*fini)(struct agent *a);
	bool need_ifindex;                      /* --ifindex is mandatory */
	const struct agent_notify *notifications;       /* ends with { NULL } */
	const struct agent_source *source;
	int (*check_ifmap)(struct agent *a, const struct ifmap *m, const char *file,
			   struct shmib_err *err);
};

/* Runs the agent as a daemon; returns the process exit status.
 * (main.c) */
int agent_main(const struct agent_def *def, int argc, char **argv);

/* The agent as an snmpd module (module.c): AGENT_MODULE(DEF, NAME)
 * defines init_NAME and deinit_NAME for dlmod, the only symbols the
 * module exports (it is built with -fvisibility=hidden). */
void agent_module_init(const struct agent_def *def);
void agent_module_deinit(void);

#define AGENT_MODULE(def, name)                                         \
	__attribute__((visibility("default"))) void init_##name(void);   \
	__attribute__((visibility("default"))) void deinit_##name(void); \
	void init_##name(void) { agent_module_init(&(def)); }            \
	void deinit_##name(void) { agent_module_deinit(); }

/* ---- For handlers, indexers and init ----------------------------
 * Each group is defined in the file named in its heading. */

/* -- Log lines with text from files (log.c) -- */

/* Logs one line (no trailing newline in FMT) at PRIORITY, every byte
 * that is not printable escaped: the way to log anything that comes
 * from a file or a segment (names, ifDescr, lines, parser messages).
 * LOG_DEBUG goes to the "shmib" debug token (-Dshmib), not the log. */
void agent_log(int priority, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void agent_vlog(int priority, const char *fmt, va_list ap);

/* -- The state in force, notes, compound scalars (api.c) -- */

/* Where the agent's source (agent_source) keeps its state, one per
 * agent: NULL until the source (or an option of it) sets it; the
 * source's stop frees it and sets it back to NULL. */
void **agent_source_state(struct agent *a);

/* The ifindex map in force (never NULL; empty without --ifindex). */
const struct ifmap *agent_ifmap(struct agent *a);

/* The ifindex map's file (--ifindex), or NULL. */
const char *agent_ifmap_file(struct agent *a);

/* The rows of SEGS (N, reordered) changed status: checked at once for
 * notifications (for segments of an agent_source). */
void agent_segs_signalled(struct agent *a, struct shm_seg **segs, size_t n);

/* Logs (LOG_WARNING) a condition found during a rebuild, once for as
 * long as it is found again at each rebuild (escaped as agent_log). */
void agent_note(struct agent *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Rows served in the table NAME now. */
size_t agent_table_rows(struct agent *a, const char *table);

/* UNIX time, in centiseconds, when the rows of TABLE last appeared or
 * vanished; 0 if they did not since the agent started. */
int64_t agent_table_changed(struct agent *a, const char *table);

/* Compound scalars: the sum over every segment's object of the
 * scalar's name; the first segment's (by name) value. */
bool agent_scalar_sum(struct agent *a, const struct mib_object *mib,
		      struct agent_value *v);
bool agent_scalar_first(struct agent *a, const struct mib_object *mib,
			struct agent_value *v);

/* -- Files and rebuilds (watch.c) -- */

/* Watches PATH (inotify on its directory, stat at the check interval):
 * FN(a, PATH, ARG) now and whenever it changes, then a rebuild. */
int agent_watch_file(struct agent *a, const char *path, agent_reload_fn fn,
		     void *arg);

/* The --check-interval, in seconds. */
unsigned agent_check_interval(const struct agent *a);

/* Asks for a rebuild of the instance index at the next turn of the
 * main loop (e.g. after an indexer's state changed). */
void agent_rebuild_soon(struct agent *a);

/* -- Segment objects (values.c) -- */

/* The object NAME of SEG converted by the rules of DESIGN.md as the
 * catalogue object MIB (type, time semantics, auxiliaries).  False
 * when SEG has no such object or it does not fit the type. */
bool agent_seg_value(struct agent *a, const struct shm_seg *seg,
		     const struct mib_object *mib, struct agent_value *v);

/* The OctetStr NAME of SEG (e.g. AUX_vplsName) into BUF as a C
 * string; its length or -1 if absent or not a string. */
ssize_t agent_seg_string(const struct shm_seg *seg, const char *name,
			 char *buf, size_t bufsz);

/* The Integer32/Unsigned32 NAME of SEG, for indexers; false if absent. */
bool agent_seg_u32(const struct shm_seg *seg, const char *name,
		   uint32_t *v);

/* Index arcs FROM and after of the catalogue table TABLE that SEG
 * holds (e.g. pwEnetPwInstance, the second of pwEnetTable): the
 * table's INDEX objects from FROM on, each read as agent_seg_u32 into
 * IDX[FROM...].  False if one is absent. */
bool agent_seg_index(const struct shm_seg *seg, const char *table,
		     unsigned from, uint32_t *idx);

/* -- The clock (uptime.c) -- */

/* TimeStamp of the UNIX time ABS_CS (centiseconds): the master's
 * sysUpTime at that time, 0 before the master started, 2^32-1 past
 * what a TimeStamp can say (any ABS_CS: no overflow). */
uint32_t agent_stamp(struct agent *a, int64_t abs_cs);

/* -- Notification settings (notify_conf.c) -- */

/* A notification setting (an enable or rate object of the agent's
 * notifications): the first segment's value, as agent_scalar_first,
 * else the value in force from the .conf (or the default). */
bool agent_scalar_setting(struct agent *a, const struct mib_object *mib,
			  struct agent_value *v);

#endif
