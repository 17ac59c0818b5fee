/*
 * Resident pages: what the mapped segments add to the agent's RSS.
 *
 * Every segment the agent reads costs a page of its resident set while
 * the page stays mapped (10,000 interfaces: 40 MB), although the data
 * lives in the page cache whether we map it or not.  So once the agent
 * has been idle for RESIDENT_IDLE_SEC — no request and no rebuild read
 * a segment — it drops the pages of every segment (shm_seg_drop_pages);
 * the next read maps them back with a minor fault.
 *
 * Not after each varbind: a walk reads a column of every row before
 * the next column, so dropping a segment as soon as it was served
 * means a fault and an madvise per varbind (measured ~40 µs on a
 * virtual machine whose AgentX round trip is ~110 µs per varbind).
 * Dropping when idle costs requests nothing; the price is the peak:
 * during a walk every segment's page is resident, until the walk ends.
 */
#ifndef SHMIB_RESIDENT_H
#define SHMIB_RESIDENT_H

#define RESIDENT_IDLE_SEC 1

struct agent;

/* Segments were read (a request, a rebuild): arms the drop. */
void resident_touched(struct agent *a);

#endif
