/*
 * The notifications of shmib-pseudowire (see notifications.h), each
 * pair from its own module's status column, enable object and rate:
 *
 *   pwDown    pwOperStatus enters down(2) or lowerLayerDown(6), the
 *             two being one state for it, not from notPresent(5);
 *   pwUp      it enters up(1) after a pwDown was due;
 *   cpwVcDown cpwVcOperStatus enters down(2) (the Cisco module names
 *             no other), not from notPresent(6);
 *   cpwVcUp   it enters up(1) after a cpwVcDown was due.
 *
 * Pseudowires with contiguous pwIndexes that change alike in one poll
 * go as one notification for the range, as both modules ask.
 */
#include "subagents/pseudowire/notifications.h"

enum {
	PW_UP = 1, PW_DOWN = 2, PW_NOT_PRESENT = 5, PW_LOWER_DOWN = 6,
	CPW_UP = 1, CPW_DOWN = 2, CPW_NOT_PRESENT = 6,
};

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
	{ NULL },
};
