/*
 * The segment of one VPLS, named after it: the vplsConfigTable and
 * vplsStatusTable objects of VPLS-GENERIC-MIB and their
 * CISCO-IETF-VPLS-GENERIC-MIB twins (the VPLS profile of
 * mibs/profiles.txt).  Static configuration (signaling
 * none, Cisco service type ethernet), MAC learning and aging on.
 * The forwarding-table watermarks are the configuration's.
 * Status: up while at least one of its pseudowires is up; the peer
 * count is the number of pseudowires up.  The MAC table's fill level
 * is in two auxiliaries, _X_vplsFwdEntries of _X_vplsFwdCapacity
 * (0 of 0: a VPWS, no table), for the forwarding-table alarms.
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
	uint32_t capacity;      /* the fill level last signalled: */
	uint32_t band;          /* see vplsseg_set_fill */
};

/* What a VPLS segment is made of. */
struct vplsseg_conf {
	const char *name, *descr;
	uint16_t mtu;
	uint32_t capacity;              /* of the MAC table */
	uint32_t fwd_high, fwd_low;     /* its alarm's watermarks, percent */
};

int vplsseg_create(struct vplsseg *s, const char *dir,
		   const struct vplsseg_conf *c, struct shmib_err *err);

void vplsseg_set_peers(struct vplsseg *s, unsigned up);

/* The MAC table holds ENTRIES of CAPACITY. */
void vplsseg_set_fill(struct vplsseg *s, uint32_t entries, uint32_t capacity);

void vplsseg_destroy(struct vplsseg *s, bool unlink_files);

#endif
