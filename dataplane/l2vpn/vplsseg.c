/*
 * VPLS segments; objects in vplsseg.h.
 */
#include <string.h>

#include "dataplane/l2vpn/vplsseg.h"

enum { K_NONE, K_NAME, K_DESCR, K_MTU, K_OPER, K_PEERS, K_ENTRIES, K_CAPACITY,
       K_HIGH, K_LOW, K_COUNT };

#define VPN_ID_LEN 7            /* VPNIdOrZero: empty, not set */

static const struct segtab_row rows[] = {
	{ "vplsConfigName",                 STR, 0, K_NAME },
	{ "vplsConfigDescr",                STR, 0, K_DESCR },
	{ "vplsConfigAdminStatus",          I32, 0, 0, UP },
	{ "vplsConfigMacLearning",          I32, 0, 0, TRUE },
	{ "vplsConfigDiscardUnknownDest",   I32, 0, 0, FALSE },
	{ "vplsConfigMacAging",             I32, 0, 0, TRUE },
	{ "vplsConfigFwdFullHighWatermark", U32, 0, K_HIGH },
	{ "vplsConfigFwdFullLowWatermark",  U32, 0, K_LOW },
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
	{ "cvplsConfigFwdFullHighWatermark", U32, 0, K_HIGH },
	{ "cvplsConfigFwdFullLowWatermark", U32, 0, K_LOW },
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
	/* The MAC table's fill level, for the forwarding-table alarms
	 * (vplsFwdFullAlarmRaised against the watermarks above). */
	{ "_X_vplsFwdEntries",              U32, 0, K_ENTRIES },
	{ "_X_vplsFwdCapacity",             U32, 0, K_CAPACITY },
};

int vplsseg_create(struct vplsseg *s, const char *dir,
		   const struct vplsseg_conf *c, struct shmib_err *err)
{
	struct segtab_val v[K_COUNT] = {
		[K_NAME] = { .str = c->name, .len = strlen(c->name) },
		[K_DESCR] = { .str = c->descr, .len = strlen(c->descr) },
		[K_MTU] = { c->mtu },
		[K_OPER] = { DOWN },
		[K_CAPACITY] = { c->capacity },
		[K_HIGH] = { c->fwd_high },
		[K_LOW] = { c->fwd_low },
	};

	s->up = false;
	s->capacity = c->capacity;
	s->band = 0;
	return segtab_create(&s->t, dir, c->name, rows,
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
		segtab_set_num(&s->t, K_ENTRIES, entries);
		return;
	}
	s->band = b;
	s->capacity = capacity;
	shm_writer_begin(s->t.w);
	segtab_set_num(&s->t, K_ENTRIES, entries);
	segtab_set_num(&s->t, K_CAPACITY, capacity);
	shm_writer_end(s->t.w);
}

void vplsseg_destroy(struct vplsseg *s, bool unlink_files)
{
	segtab_destroy(&s->t, unlink_files);
}
