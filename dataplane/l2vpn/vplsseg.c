/*
 * VPLS segments: the values of the VPLS profile's keys
 * (mibs/profiles.txt holds the objects and the constants).
 */
#include <string.h>

#include "dataplane/l2vpn/vplsseg.h"
#include "profiles.h"

int vplsseg_create(struct vplsseg *s, const char *dir, const char *name,
		   const char *descr, uint16_t mtu, struct shmib_err *err)
{
	struct shm_pval v[VPLS_KEYS] = {
		[VPLS_NAME] = { .str = name, .len = strlen(name) },
		[VPLS_DESCR] = { .str = descr, .len = strlen(descr) },
		[VPLS_MTU] = { mtu },
		[VPLS_OPER] = { shm_status(false) },
		/* Enabled, as the dataplane enables linkUp/linkDown: it is
		 * the router that says which status changes matter. */
		[VPLS_NOTIF_ENABLE] = { shm_truth(true) },
	};

	s->up = false;
	return shm_pseg_create(&s->t, dir, name, &profile_vpls, 0, v,
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

void vplsseg_destroy(struct vplsseg *s, bool unlink_files)
{
	shm_pseg_free(&s->t, unlink_files);
}
