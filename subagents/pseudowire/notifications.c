/*
 * The notifications of shmib-pseudowire (see notifications.h), each
 * from its own module's status column, enable object and rate:
 *
 *   pwDown    pwOperStatus enters down(2) or lowerLayerDown(6), the
 *             two being one state for it, not from notPresent(5);
 *   pwUp      it enters up(1) after a pwDown was due;
 *   cpwVcDown cpwVcOperStatus enters down(2) (the Cisco module names
 *             no other), not from notPresent(6);
 *   cpwVcUp   it enters up(1) after a cpwVcDown was due;
 *   vplsStatusChanged, cvplsStatusChanged
 *             vplsStatusOperStatus or vplsConfigAdminStatus (cvpls...)
 *             changes (shmib's dataplane writes the latter constant);
 *   vplsFwdFullAlarmRaised, cvplsFwdFullAlarmRaised
 *             the VPLS's MAC table fill (_X_vplsFwdEntries of
 *             _X_vplsFwdCapacity, in the VPLS segment) reaches
 *             vplsConfigFwdFullHighWatermark percent;
 *   vplsFwdFullAlarmCleared, cvplsFwdFullAlarmCleared
 *             it falls to vplsConfigFwdFullLowWatermark after a raise.
 *
 * Pseudowires with contiguous pwIndexes that change alike in one poll
 * go as one notification for the range, as both modules ask.  The
 * VPLS modules' enable objects name the status change alone, so the
 * alarms have none; their rate objects count every notification of
 * the module ("the maximum number of notifications issued per
 * second"): one limit for the status changes and the alarms.
 */
#include "subagents/pseudowire/notifications.h"

enum {
	PW_UP = 1, PW_DOWN = 2, PW_NOT_PRESENT = 5, PW_LOWER_DOWN = 6,
	CPW_UP = 1, CPW_DOWN = 2, CPW_NOT_PRESENT = 6,
	NO_STATE = -1,
};

static const struct agent_level vpls_fill = {
	SHM_AUX_U32_FWD_ENTRIES, SHM_AUX_U32_FWD_CAPACITY,
	"vplsConfigFwdFullHighWatermark", "vplsConfigFwdFullLowWatermark",
};

static const struct agent_level cvpls_fill = {
	SHM_AUX_U32_FWD_ENTRIES, SHM_AUX_U32_FWD_CAPACITY,
	"cvplsConfigFwdFullHighWatermark", "cvplsConfigFwdFullLowWatermark",
};

/* "a change in the administrative or operating status": either. */
#define VPLS_STATUS_CHANGED(table, status) \
	{ table, status, "vplsStatusChanged", NULL, .not_present = NO_STATE, \
	  .enable = "vplsStatusNotifEnable", .rate = "vplsNotificationMaxRate" }
#define CVPLS_STATUS_CHANGED(table, status) \
	{ table, status, "cvplsStatusChanged", NULL, .not_present = NO_STATE, \
	  .enable = "cvplsStatusNotifEnable", .rate = "cvplsNotificationMaxRate" }

#define FWD_FULL_ALARM \
	.down_states = AGENT_STATE(AGENT_LEVEL_HIGH), \
	.up_states = AGENT_STATE(AGENT_LEVEL_LOW), \
	.not_present = AGENT_LEVEL_NONE

const struct agent_notify pw_notifications[] = {
	{ "pwTable", "pwOperStatus", "pwDown", "pwUp",
	  .down_states = AGENT_STATE(PW_DOWN) | AGENT_STATE(PW_LOWER_DOWN),
	  .up_states = AGENT_STATE(PW_UP),
	  .not_present = PW_NOT_PRESENT,
	  .enable = "pwUpDownNotifEnable",
	  .rate = "pwNotifRate",
	  .range = true,
	  .stamp = "pwLastChange" },
	{ "cpwVcTable", "cpwVcOperStatus", "cpwVcDown", "cpwVcUp",
	  .down_states = AGENT_STATE(CPW_DOWN),
	  .up_states = AGENT_STATE(CPW_UP),
	  .not_present = CPW_NOT_PRESENT,
	  .enable = "cpwVcUpDownNotifEnable",
	  .rate = "cpwVcNotifRate",
	  .range = true,
	  .stamp = "pwLastChange" },    /* the same segment's */
	VPLS_STATUS_CHANGED("vplsStatusTable", "vplsStatusOperStatus"),
	VPLS_STATUS_CHANGED("vplsConfigTable", "vplsConfigAdminStatus"),
	CVPLS_STATUS_CHANGED("cvplsStatusTable", "cvplsStatusOperStatus"),
	CVPLS_STATUS_CHANGED("cvplsConfigTable", "cvplsConfigAdminStatus"),
	{ "vplsConfigTable", NULL, "vplsFwdFullAlarmRaised", "vplsFwdFullAlarmCleared",
	  FWD_FULL_ALARM,
	  .rate = "vplsNotificationMaxRate",
	  .level = &vpls_fill },
	{ "cvplsConfigTable", NULL, "cvplsFwdFullAlarmRaised", "cvplsFwdFullAlarmCleared",
	  FWD_FULL_ALARM,
	  .rate = "cvplsNotificationMaxRate",
	  .level = &cvpls_fill },
	{ NULL },
};
