/*
 * shmib-exporter: the segments served to Prometheus over HTTP.
 *
 * One thread: libmicrohttpd's internal polling thread runs every
 * request, so a scrape reads the segments alone and nothing needs
 * locking; connections wait in poll(), never in a read, so a slow or
 * garbage client holds up no other scrape.  Each scrape brings the
 * sources up to date (sources.c: files changed since the last scrape
 * are re-read, the directory rescanned when it changed, the kernel's
 * interfaces dumped), then renders every family (render.c) from the
 * rows of that moment; between scrapes no segment page stays mapped
 * (pages.c).
 */
#ifndef SHMIB_EXPORTER_H
#define SHMIB_EXPORTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "subagents/common/ifmap.h"
#include "subagents/common/notes.h"
#include "subagents/common/scan.h"
#include "subagents/interface/kernif.h"
#include "subagents/pseudowire/idfile.h"
#include "subagents/pseudowire/indexstate.h"

/* The kinds of rows, each a set of metric families (families.c). */
enum row_kind { ROW_IF, ROW_PW, ROW_VPLS, ROW_KINDS };

struct row {
	const struct shm_seg *seg;
	uint32_t idx;                   /* ifIndex, pwIndex, vplsConfigIndex */
	char *labels;                   /* the lookup labels, rendered */
};

struct rows {
	struct row *v;                  /* sorted by idx */
	size_t n;
};

/* A file re-read when its stat signature changes. */
struct watched {
	const char *path;               /* NULL: not configured */
	struct filesig sig;
};

struct exporter {
	const char *listen, *shmem_dir, *pidfile;
	bool foreground;
	struct watched ifindex, ids[IDX_KINDS], state;
	struct ifmap *ifmap;
	struct idlist idlist[IDX_KINDS];
	struct indexstate *indices;
	struct segset segs;
	struct rows rows[ROW_KINDS];
	bool kernel_off;                /* --kernel-interfaces no */
	struct kernifs kernel;          /* dumped at each scrape */
	struct notes notes;             /* conditions logged once */
	uint64_t scrapes;
};

/* log.c: messages to stderr (-f) or syslog. */
void log_open(bool foreground);
void log_msg(int priority, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* One line without newline, non-printable bytes escaped: the
 * scanner's log (scan.h; segment names come from the directory) and
 * errors that quote files; LOG_DEBUG dropped. */
void log_line(int priority, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* sources.c: brings the kernel interfaces, maps, id files, indices,
 * segments and rows up to date. */
int sources_start(struct exporter *ex);  /* the first dump; -1 logged */
void sources_update(struct exporter *ex);
size_t sources_bad_segments(const struct exporter *ex);
void sources_free(struct exporter *ex);

/* pages.c: the pages of every open segment mapped before a scrape
 * reads them, and unmapped once its body is rendered. */
void pages_load(struct exporter *ex);
void pages_drop(struct exporter *ex);

/* text.c: a growing output buffer. */
struct text {
	char *p;
	size_t len, cap;
	bool failed;                    /* out of memory: the scrape fails */
};
void text_printf(struct text *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Room for MORE bytes, their whole pages mapped at once rather than
 * faulted in one by one as the text grows into them. */
void text_reserve(struct text *t, size_t more);
/* The hot path of a scrape: bytes, a C string, a number. */
void text_put(struct text *t, const char *s, size_t len);
static inline void text_str(struct text *t, const char *s)
{
	text_put(t, s, __builtin_strlen(s));
}
void text_u64(struct text *t, uint64_t v);
/* S (LEN bytes) as the value of a label, escaped, invalid UTF-8
 * replaced. */
void text_label_value(struct text *t, const char *s, size_t len);

/* render.c: one scrape's body.  OPENMETRICS: the OpenMetrics text
 * format (with # EOF), else Prometheus text 0.0.4. */
void render(struct exporter *ex, struct text *t, bool openmetrics);
/* Called once at start: the exporter's sysUpTime 0. */
void render_start(void);

/* families.c: the lookups that label a row of KIND into T. */
void families_row_labels(enum row_kind kind, const struct shm_seg *seg,
			 struct text *t);
/* Every family of every kind, rendered from EX's rows. */
void families_render(struct exporter *ex, struct text *t, bool openmetrics);

/* snmpyml.c: the snmp_exporter configuration of the families. */
void snmp_yml(struct text *t);

/* accept.c: whether the Accept header ACCEPT (or NULL) gives TYPE a
 * higher q than OVER. */
bool accept_prefers(const char *accept, const char *type, const char *over);

/* http.c: serves /metrics on the listening socket FD until stopped. */
struct http;
struct http *http_start(struct exporter *ex, int fd);
void http_stop(struct http *h);

#endif
