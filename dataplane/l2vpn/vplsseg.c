/*
 * VPLS segments: the values of the VPLS profile's keys
 * (mibs/profiles.txt holds the objects and the constants).
 */
#include <string.h>

#include "dataplane/l2vpn/vplsseg.h"
#include "profiles.h"

int vplsseg_create(struct vplsseg *s, const char *dir,
		   const struct vplsseg_conf *c, struct shmib_err *err)
{
	struct shm_pval v[VPLS_KEYS] = {
		[VPLS_NAME] = { .str = c->name, .len = strlen(c->name) },
		[VPLS_DESCR] = { .str = c->descr, .len = strlen(c->descr) },
		[VPLS_MTU] = { c->mtu },
		[VPLS_OPER] = { shm_status(false) },
		/* Enabled, as the dataplane enables linkUp/linkDown: it is
		 * the router that says which status changes matter. */
		[VPLS_NOTIF_ENABLE] = { shm_truth(true) },
		[VPLS_FWD_HIGH] = { c->fwd_high },
		[VPLS_FWD_LOW] = { c->fwd_low },
		[VPLS_FWD_CAPACITY] = { c->capacity },
	};

	s->up = false;
	s->capacity = c->capacity;
	s->band = 0;
	return shm_pseg_create(&s->t, dir, c->name, &profile_vpls, 0, v,
			       VPLSSEG_MODE, err);
}

/* The peer count is a counter; a change of the oper status is a
 * guarded update, which signals readers (shm.h). */
void vplsseg_set_peers(struct vplsseg *s, unsigned up)
{
	shm_pseg_set_num(&s->t, VPLS_PEERS, up);
	if (s->up == (up > 0))
		return;
	s->up = up > 0;
	shm_writer_begin(s->t.w);
	shm_pseg_set_num(&s->t, VPLS_OPER, shm_status(up));
	shm_writer_end(s->t.w);
}

/* Which side of every whole percent the level is on: 2p at exactly p
 * percent, 2p + 1 between p and p + 1.  A watermark W is crossed
 * (100 * entries >= W * capacity, or <= it) only where this changes. */
static uint32_t band(uint32_t entries, uint32_t capacity)
{
	uint64_t x = (uint64_t)entries * 100;

	return capacity ? (uint32_t)(2 * (x / capacity) + (x % capacity != 0)) : 0;
}

/* The entries are stored at every publish; a change of band is a
 * guarded update, which signals readers (shm.h), so that they look
 * when a watermark may have been crossed and not at every entry. */
void vplsseg_set_fill(struct vplsseg *s, uint32_t entries, uint32_t capacity)
{
	uint32_t b = band(entries, capacity);

	if (b == s->band && capacity == s->capacity) {
		shm_pseg_set_num(&s->t, VPLS_FWD_ENTRIES, entries);
		return;
	}
	s->band = b;
	s->capacity = capacity;
	shm_writer_begin(s->t.w);
	shm_pseg_set_num(&s->t, VPLS_FWD_ENTRIES, entries);
	shm_pseg_set_num(&s->t, VPLS_FWD_CAPACITY, capacity);
	shm_writer_end(s->t.w);
}

void vplsseg_destroy(struct vplsseg *s, bool unlink_files)
{
	shm_pseg_free(&s->t, unlink_files);
}
