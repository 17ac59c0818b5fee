/*
 * Liveness of the segments' writer; see owner.h.
 */
#include <errno.h>
#include <string.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#include "subagents/common/core.h"
#include "subagents/common/owner.h"

#define STATUS_SUFFIX "OperStatus"

/* The new holder now; the old one once the rescan shows whether it
 * left segments behind (a clean stop removes them first). */
static void log_change(const struct agent *a, const struct owner *was,
		       struct owner *now)
{
	if (now->id)
		snmp_log(LOG_INFO, "%s: written by pid %d\n", a->opt.shmem_dir, (int)now->pid);
	if (was->id) {
		now->gone_pid = was->pid;
		now->gone_id = was->id;
	}
}

void owner_report(struct agent *a)
{
	struct owner *o = &a->owner;
	size_t n = 0;

	for (size_t i = 0; o->gone_id && a->index && i < a->index->nsegs; i++)
		n += owner_writer_of(a->index->segs[i]) == o->gone_id;
	if (n)
		snmp_log(LOG_WARNING, "%s: its writer (pid %d) is gone: the rows of its %zu segment%s are served as down\n",
			 a->opt.shmem_dir, (int)o->gone_pid, n, n == 1 ? "" : "s");
	o->gone_id = 0;
}

bool owner_probe(struct agent *a)
{
	struct owner now = { .timer = a->owner.timer }, *was = &a->owner;
	int rc = shm_dir_holder(a->opt.shmem_dir, &now.pid, &now.id);
	bool changed;

	now.known = rc >= 0;
	now.err = rc < 0 ? errno : 0;
	if (now.err && now.err != was->err)
		snmp_log(LOG_WARNING, "%s/%s: %s; segments are served as their writers left them\n",
			 a->opt.shmem_dir, SHM_LOCK_FILE, strerror(now.err));
	changed = now.known != was->known || now.id != was->id;
	if (changed && now.known)
		log_change(a, was, &now);
	*was = now;
	return changed;
}

uint64_t owner_writer_of(const struct shm_seg *seg)
{
	const struct shm_obj *o = shm_seg_find(seg, SHM_WRITER_OBJ);
	uint64_t id = 0;

	if (o)
		shm_get_u64(seg, o, &id, NULL);
	return id;
}

bool owner_gone(const struct agent *a, uint64_t writer)
{
	return writer && a->owner.known && writer != a->owner.id;
}

bool owner_status_column(const struct mib_object *mib)
{
	size_t n = strlen(mib->name), s = strlen(STATUS_SUFFIX);

	return mib->type == MIB_INTEGER32 && n > s &&
	       !strcmp(mib->name + n - s, STATUS_SUFFIX);
}
