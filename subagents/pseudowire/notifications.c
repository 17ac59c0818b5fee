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
#include "profiles.h"

enum {
	PW_UP = 1, PW_DOWN = 2, PW_NOT_PRESENT = 5, PW_LOWER_DOWN = 6,
	CPW_UP = 1, CPW_DOWN = 2, CPW_NOT_PRESENT = 6,
	NO_STATE = -1,
};

static const struct agent_level vpls_fill = {
	SHM_AUX_U32_FWD_ENTRIES, SHM_AUX_U32_FWD_CAPACITY,
	OBJ_vplsConfigFwdFullHighWatermark, OBJ_vplsConfigFwdFullLowWatermark,
};

static const struct agent_level cvpls_fill = {
	SHM_AUX_U32_FWD_ENTRIES, SHM_AUX_U32_FWD_CAPACITY,
	OBJ_cvplsConfigFwdFullHighWatermark, OBJ_cvplsConfigFwdFullLowWatermark,
};

/* "a change in the administrative or operating status": either. */
#define VPLS_STATUS_CHANGED(table, status) \
	{ table, status, OBJ_vplsStatusChanged, NULL, .not_present = NO_STATE, \
	  .enable = OBJ_vplsStatusNotifEnable, .rate = OBJ_vplsNotificationMaxRate }
#define CVPLS_STATUS_CHANGED(table, status) \
	{ table, status, OBJ_cvplsStatusChanged, NULL, .not_present = NO_STATE, \
	  .enable = OBJ_cvplsStatusNotifEnable, .rate = OBJ_cvplsNotificationMaxRate }

#define FWD_FULL_ALARM \
	.down_states = AGENT_STATE(AGENT_LEVEL_HIGH), \
	.up_states = AGENT_STATE(AGENT_LEVEL_LOW), \
	.not_present = AGENT_LEVEL_NONE

const struct agent_notify pw_notifications[] = {
	{ OBJ_pwTable, OBJ_pwOperStatus, OBJ_pwDown, OBJ_pwUp,
	  .down_states = AGENT_STATE(PW_DOWN) | AGENT_STATE(PW_LOWER_DOWN),
	  .up_states = AGENT_STATE(PW_UP),
	  .not_present = PW_NOT_PRESENT,
	  .enable = OBJ_pwUpDownNotifEnable,
	  .rate = OBJ_pwNotifRate,
	  .range = true,
	  .stamp = OBJ_pwLastChange },
	{ OBJ_cpwVcTable, OBJ_cpwVcOperStatus, OBJ_cpwVcDown, OBJ_cpwVcUp,
	  .down_states = AGENT_STATE(CPW_DOWN),
	  .up_states = AGENT_STATE(CPW_UP),
	  .not_present = CPW_NOT_PRESENT,
	  .enable = OBJ_cpwVcUpDownNotifEnable,
	  .rate = OBJ_cpwVcNotifRate,
	  .range = true,
	  .stamp = OBJ_pwLastChange },    /* the same segment's */
	VPLS_STATUS_CHANGED(OBJ_vplsStatusTable, OBJ_vplsStatusOperStatus),
	VPLS_STATUS_CHANGED(OBJ_vplsConfigTable, OBJ_vplsConfigAdminStatus),
	CVPLS_STATUS_CHANGED(OBJ_cvplsStatusTable, OBJ_cvplsStatusOperStatus),
	CVPLS_STATUS_CHANGED(OBJ_cvplsConfigTable, OBJ_cvplsConfigAdminStatus),
	{ OBJ_vplsConfigTable, NULL, OBJ_vplsFwdFullAlarmRaised, OBJ_vplsFwdFullAlarmCleared,
	  FWD_FULL_ALARM,
	  .rate = OBJ_vplsNotificationMaxRate,
	  .level = &vpls_fill },
	{ OBJ_cvplsConfigTable, NULL, OBJ_cvplsFwdFullAlarmRaised, OBJ_cvplsFwdFullAlarmCleared,
	  FWD_FULL_ALARM,
	  .rate = OBJ_cvplsNotificationMaxRate,
	  .level = &cvpls_fill },
	{ NULL },
};
