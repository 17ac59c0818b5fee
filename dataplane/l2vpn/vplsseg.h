/*
 * The segment of one VPLS, named after it: the vplsConfigTable and
 * vplsStatusTable objects of VPLS-GENERIC-MIB and their
 * CISCO-IETF-VPLS-GENERIC-MIB twins (the VPLS profile of
 * mibs/profiles.txt).  Static configuration (signaling
 * none, Cisco service type ethernet), MAC learning and aging on.
 * Status: up while at least one of its pseudowires is up; the peer
 * count is the number of pseudowires up.
 */
#ifndef SHMIB_L2VPN_VPLSSEG_H
#define SHMIB_L2VPN_VPLSSEG_H

#include <stdbool.h>
#include <stdint.h>

#include "shm/profile.h"

#define VPLSSEG_MODE 0640

struct vplsseg {
	struct shm_pseg t;
	bool up;                /* the oper status last written */
};

int vplsseg_create(struct vplsseg *s, const char *dir, const char *name,
		   const char *descr, uint16_t mtu, struct shmib_err *err);

void vplsseg_set_peers(struct vplsseg *s, unsigned up);

void vplsseg_destroy(struct vplsseg *s, bool unlink_files);

#endif
