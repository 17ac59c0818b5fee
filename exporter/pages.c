/*
 * The segment pages of a scrape.  A scrape reads every segment, and a
 * read maps the page it touches; left mapped, the pages of 10,000
 * interfaces would stay in the exporter's resident set between
 * scrapes, although the data lives in the page cache whether the
 * exporter maps it or not and is needed only while a body is rendered.
 * So the segments are loaded in batches before the rows are built (one
 * system call for up to a thousand, rather than a page fault each) and
 * dropped in batches once the body is rendered (shm_segs_load and
 * shm_segs_drop, as the agents' page budget does; figures in NOTES.md).
 * The body does not point into the segments, so nothing needs them
 * while it is sent.
 */
#include "exporter/exporter.h"

#define BATCH 1024              /* segments handed over at once */

typedef void segs_fn(struct shm_seg *const *segs, size_t n);

/* FN on every open segment of EX, BATCH at a time. */
static void each_batch(struct exporter *ex, segs_fn *fn)
{
	struct shm_seg *batch[BATCH];
	size_t k = 0;

	for (size_t i = 0; i < ex->segs.n; i++) {
		if (!ex->segs.v[i].seg)
			continue;
		batch[k++] = ex->segs.v[i].seg;
		if (k == BATCH) {
			fn(batch, k);
			k = 0;
		}
	}
	fn(batch, k);
}

void pages_load(struct exporter *ex)
{
	each_batch(ex, shm_segs_load);
}

void pages_drop(struct exporter *ex)
{
	each_batch(ex, shm_segs_drop);
}
