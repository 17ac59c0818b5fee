/*
 * What a scrape reads, brought up to date at its start: the kernel's
 * network interfaces of the exporter's namespace (unless
 * --kernel-interfaces no: one rtnetlink dump a scrape, so counters are
 * those of the scrape, and ifLastChange the scrape that first saw the
 * change), the ifindex map, the id files and the pseudowire agent's state file (each
 * re-read when its stat signature changed; a bad one is logged once
 * and the previous content stays), the segment set (rescanned when the
 * directory or a segment changed), and from these the rows of each
 * kind.  The state file is only read: pwIndex and vplsIndex are
 * allocated by shmib-pseudowire, so both serve the same indices.
 *
 * Kernel interfaces are rows at their ifindex, as shmib-interface
 * serves them: a map that gives a segment one of their indices is
 * refused (the previous map stays), and a segment whose map index a
 * kernel interface took later is withheld, logged once (the agents'
 * notes).
 */
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include "exporter/exporter.h"
#include "subagents/common/agent.h"
#include "profiles.h"

#define IFDESCR_MAX 255

/* Whether W's file changed since it was last looked at. */
static bool changed(struct watched *w)
{
	struct filesig now;

	if (!w->path)
		return false;
	now = filesig(w->path);
	if (filesig_eq(now, w->sig))
		return false;
	w->sig = now;
	return true;
}

static void reload_ifmap(struct exporter *ex)
{
	struct shmib_err err;
	struct ifmap *m;

	if (!changed(&ex->ifindex))
		return;
	m = ifmap_load(ex->ifindex.path, &err);
	if (m && !ex->kernel_off &&
	    kernifs_check_ifmap(&ex->kernel, m, ex->ifindex.path, &err)) {
		ifmap_free(m);
		m = NULL;
	}
	if (!m) {
		log_line(LOG_ERR, "%s; keeping the previous map (%zu interfaces)",
			err.msg, ifmap_count(ex->ifmap));
		return;
	}
	ifmap_free(ex->ifmap);
	ex->ifmap = m;
	log_msg(LOG_INFO, "%s: %zu interfaces\n", ex->ifindex.path, ifmap_count(m));
}

static void reload_ids(struct exporter *ex, enum idx_kind k)
{
	struct idlist l;
	struct shmib_err err;

	if (!changed(&ex->ids[k]))
		return;
	if (idfile_load(ex->ids[k].path, &l, &err) < 0) {
		log_line(LOG_ERR, "%s; the previous list (%zu names) stays in force",
			err.msg, ex->idlist[k].n);
		return;
	}
	idlist_free(&ex->idlist[k]);
	ex->idlist[k] = l;
	log_msg(LOG_INFO, "%s: %zu names\n", ex->ids[k].path, l.n);
}

static void reload_state(struct exporter *ex)
{
	struct indexstate *st;
	struct shmib_err err;

	if (!changed(&ex->state))
		return;
	st = indexstate_new(ex->state.path);
	if (!st)
		return;
	if (indexstate_load(st, &err) < 0)
		log_line(LOG_WARNING, "%s", err.msg);
	indexstate_free(ex->indices);
	ex->indices = st;
}

static void rescan(struct exporter *ex)
{
	struct shm_seg **dead = NULL;
	size_t ndead = 0;

	if (ex->segs.v && !segset_stale(&ex->segs, ex->shmem_dir))
		return;
	segset_scan(&ex->segs, ex->shmem_dir, &dead, &ndead);
	/* Nothing refers to segments between scrapes. */
	for (size_t i = 0; i < ndead; i++)
		shm_seg_close(dead[i]);
	free(dead);
}

/* Whether a kernel interface holds IDX, the map's index of segment
 * NAME's ifDescr DESCR (LEN bytes): the segment is then withheld. */
static bool kernel_took(struct exporter *ex, const char *name,
			const char *descr, size_t len, uint32_t idx)
{
	const struct kernif *f = ex->kernel_off ? NULL : kernifs_find(&ex->kernel, idx);

	if (f)
		notes_log(&ex->notes, log_line, KERNIF_TAKEN_NOTE, ex->ifindex.path,
			  ifmap_line(ex->ifmap, descr, len), idx, descr, f->name, name);
	return f != NULL;
}

/* The row of SEG: its kind and index; false if it has none. */
static bool classify(struct exporter *ex, const char *name,
		     const struct shm_seg *seg, enum row_kind *kind, uint32_t *idx)
{
	static const enum row_kind of_ids[IDX_KINDS] = {
		[IDX_PW] = ROW_PW, [IDX_VPLS] = ROW_VPLS,
	};
	char descr[IFDESCR_MAX + 1];
	ssize_t n;

	for (int k = 0; k < IDX_KINDS; k++) {
		if (!idlist_has(&ex->idlist[k], name))
			continue;
		*kind = of_ids[k];
		*idx = ex->indices ? indexstate_find(ex->indices, k, name) : 0;
		return *idx != 0;
	}
	n = agent_seg_string(seg, OBJ_ifDescr, descr, sizeof descr);
	*kind = ROW_IF;
	*idx = n < 0 ? 0 : ifmap_lookup(ex->ifmap, descr, n);
	return *idx != 0 && !kernel_took(ex, name, descr, n, *idx);
}

static int by_index(const void *a, const void *b)
{
	const struct row *x = a, *y = b;

	if (x->idx != y->idx)
		return x->idx < y->idx ? -1 : 1;
	return strcmp(shm_seg_name(x->seg), shm_seg_name(y->seg));
}

static void free_rows(struct rows *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->v[i].labels);
	free(r->v);
	*r = (struct rows){ 0 };
}

/* Sorts R by index; of two rows with the same index the first segment
 * by name stays (the agents' rule). */
static void sort_rows(struct rows *r)
{
	size_t k = 0;

	qsort(r->v, r->n, sizeof *r->v, by_index);
	for (size_t i = 0; i < r->n; i++) {
		if (k && r->v[k - 1].idx == r->v[i].idx) {
			free(r->v[i].labels);
			continue;
		}
		r->v[k++] = r->v[i];
	}
	r->n = k;
}

/* Appends the row IDX of SEG to the rows of KIND, with its labels. */
static void add_row(struct exporter *ex, enum row_kind kind,
		    const struct shm_seg *seg, uint32_t idx)
{
	struct text labels = { 0 };

	if (!ex->rows[kind].v)
		return;
	families_row_labels(kind, seg, &labels);
	if (labels.failed) {
		free(labels.p);
		return;
	}
	ex->rows[kind].v[ex->rows[kind].n++] = (struct row){ seg, idx, labels.p };
}

static void build_rows(struct exporter *ex)
{
	for (int k = 0; k < ROW_KINDS; k++) {
		free_rows(&ex->rows[k]);
		ex->rows[k].v = calloc(ex->segs.n + ex->kernel.n + 1, sizeof(struct row));
	}
	for (size_t i = 0; i < ex->kernel.n; i++)
		add_row(ex, ROW_IF, ex->kernel.v[i].seg, ex->kernel.v[i].ifindex);
	for (size_t i = 0; i < ex->segs.n; i++) {
		const struct segent *e = &ex->segs.v[i];
		enum row_kind kind;
		uint32_t idx;

		if (e->seg && classify(ex, e->name, e->seg, &kind, &idx))
			add_row(ex, kind, e->seg, idx);
	}
	notes_commit(&ex->notes);
	for (int k = 0; k < ROW_KINDS; k++)
		sort_rows(&ex->rows[k]);
}

int sources_start(struct exporter *ex)
{
	const struct kernifs_hooks hooks = { .log = log_line };

	return ex->kernel_off ? 0 : kernifs_open(&ex->kernel, &hooks);
}

void sources_update(struct exporter *ex)
{
	if (!ex->kernel_off)
		kernifs_dump(&ex->kernel);
	reload_ifmap(ex);
	for (int k = 0; k < IDX_KINDS; k++)
		reload_ids(ex, k);
	reload_state(ex);
	rescan(ex);
	pages_load(ex);         /* the rows read every segment */
	build_rows(ex);
}

size_t sources_bad_segments(const struct exporter *ex)
{
	size_t n = 0;

	for (size_t i = 0; i < ex->segs.n; i++)
		n += ex->segs.v[i].seg == NULL;
	return n;
}

void sources_free(struct exporter *ex)
{
	for (int k = 0; k < ROW_KINDS; k++)
		free_rows(&ex->rows[k]);
	segset_free(&ex->segs);
	for (int k = 0; k < IDX_KINDS; k++)
		idlist_free(&ex->idlist[k]);
	indexstate_free(ex->indices);
	ifmap_free(ex->ifmap);
	if (!ex->kernel_off)
		kernifs_close(&ex->kernel);
	notes_free(&ex->notes);
}
