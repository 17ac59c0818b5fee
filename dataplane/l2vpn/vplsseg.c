/*
 * VPLS segments; objects in vplsseg.h.
 */
#include <string.h>

#include "dataplane/l2vpn/vplsseg.h"

enum { K_NONE, K_NAME, K_DESCR, K_MTU, K_OPER, K_PEERS, K_COUNT };

#define VPN_ID_LEN 7            /* VPNIdOrZero: empty, not set */

static const struct segtab_row rows[] = {
	{ "vplsConfigName",                 STR, 0, K_NAME },
	{ "vplsConfigDescr",                STR, 0, K_DESCR },
	{ "vplsConfigAdminStatus",          I32, 0, 0, UP },
	{ "vplsConfigMacLearning",          I32, 0, 0, TRUE },
	{ "vplsConfigDiscardUnknownDest",   I32, 0, 0, FALSE },
	{ "vplsConfigMacAging",             I32, 0, 0, TRUE },
	{ "vplsConfigFwdFullHighWatermark", U32, 0, 0, 95 },    /* MIB default */
	{ "vplsConfigFwdFullLowWatermark",  U32, 0, 0, 90 },
	{ "vplsConfigRowStatus",            I32, 0, 0, ACTIVE },
	{ "vplsConfigMtu",                  U32, 0, K_MTU },
	{ "vplsConfigVpnId",                STR, VPN_ID_LEN, 0, 0 },
	{ "vplsConfigStorageType",          I32, 0, 0, VOLATILE },
	{ "vplsConfigSignalingType",        I32, 0, 0, 3 },     /* none */
	{ "vplsStatusOperStatus",           I32, 0, K_OPER },
	{ "vplsStatusPeerCount",            C32, 0, K_PEERS },
	{ "cvplsConfigName",                STR, 0, K_NAME },
	{ "cvplsConfigDescr",               STR, 0, K_DESCR },
	{ "cvplsConfigAdminStatus",         I32, 0, 0, UP },
	{ "cvplsConfigMacLearning",         I32, 0, 0, TRUE },
	{ "cvplsConfigDiscardUnknownDest",  I32, 0, 0, FALSE },
	{ "cvplsConfigMacAging",            I32, 0, 0, TRUE },
	{ "cvplsConfigFwdFullHighWatermark", U32, 0, 0, 95 },
	{ "cvplsConfigFwdFullLowWatermark", U32, 0, 0, 90 },
	{ "cvplsConfigRowStatus",           I32, 0, 0, ACTIVE },
	{ "cvplsConfigMtu",                 U32, 0, K_MTU },
	{ "cvplsConfigVpnId",               STR, VPN_ID_LEN, 0, 0 },
	{ "cvplsConfigServiceType",         I32, 0, 0, 2 },     /* ethernet */
	{ "cvplsConfigStorageType",         I32, 0, 0, VOLATILE },
	{ "cvplsStatusOperStatus",          I32, 0, K_OPER },
	{ "cvplsStatusPeerCount",           C32, 0, K_PEERS },
	/* Scalars, as Snabb's writer has them (the Perl agent serves
	 * them from the first VPLS segment).  Enabled, as the dataplane
	 * enables linkUp/linkDown: it is the router that says which
	 * status changes matter; no rate limit (the MIB's default). */
	{ "vplsStatusNotifEnable",          I32, 0, 0, TRUE },
	{ "vplsNotificationMaxRate",        U32, 0, 0, 0 },
	{ "cvplsStatusNotifEnable",         I32, 0, 0, TRUE },
	{ "cvplsNotificationMaxRate",       U32, 0, 0, 0 },
};

int vplsseg_create(struct vplsseg *s, const char *dir, const char *name,
		   const char *descr, uint16_t mtu, struct shmib_err *err)
{
	struct segtab_val v[K_COUNT] = {
		[K_NAME] = { .str = name, .len = strlen(name) },
		[K_DESCR] = { .str = descr, .len = strlen(descr) },
		[K_MTU] = { mtu },
		[K_OPER] = { DOWN },
	};

	s->up = false;
	return segtab_create(&s->t, dir, name, rows,
			     sizeof(rows) / sizeof(rows[0]), 0, v, err);
}

/* The peer count is a counter; a change of the oper status is a
 * guarded update, which signals readers (shm.h). */
void vplsseg_set_peers(struct vplsseg *s, unsigned up)
{
	segtab_set_num(&s->t, K_PEERS, up);
	if (s->up == (up > 0))
		return;
	s->up = up > 0;
	shm_writer_begin(s->t.w);
	segtab_set_num(&s->t, K_OPER, up ? UP : DOWN);
	shm_writer_end(s->t.w);
}

void vplsseg_destroy(struct vplsseg *s, bool unlink_files)
{
	segtab_destroy(&s->t, unlink_files);
}
