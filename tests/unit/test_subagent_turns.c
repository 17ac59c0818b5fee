/* Work a piece a turn (turns.h): one call per turn of net-snmp's loop
 * while on, none once off; and the same with the stand-in alarm when
 * net-snmp's table of external descriptors is full. */
#include <criterion/criterion.h>
#include <unistd.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>
#include <net-snmp/library/fd_event_manager.h>

#include "subagents/common/turns.h"

#define TURNS 20

static unsigned calls;

static void piece(void *arg)
{
	(void)arg;
	calls++;
}

static void ignore(int fd, void *arg)
{
	(void)fd;
	(void)arg;
}

/* Turns of the daemon's loop, each waiting at most a second: the number
 * of calls each gave, all alike or (unsigned)-1. */
static unsigned per_turn(unsigned turns)
{
	unsigned each = 0;

	for (unsigned i = 0; i < turns; i++) {
		unsigned before = calls;

		agent_check_and_process(1);
		if (i && calls - before != each)
			return (unsigned)-1;
		each = calls - before;
	}
	return each;
}

/* Fills net-snmp's table of external read descriptors with pipes that
 * never become readable (both ends kept open in P); how many. */
static int fill_readfds(int (*p)[2], int max)
{
	int n = 0;

	while (n < max && pipe(p[n]) == 0) {
		if (register_readfd(p[n][0], ignore, NULL) != FD_REGISTERED_OK) {
			close(p[n][0]);
			close(p[n][1]);
			break;
		}
		n++;
	}
	return n;
}

/* As init_agent() leaves it in the agents and snmpd: alarms are run
 * by the loop, not by SIGALRM. */
static void loop_alarms(void)
{
	netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_ALARM_DONT_USE_SIG, 1);
}

static void check_on_then_off(struct turns *t)
{
	turns_on(t);
	unsigned each = per_turn(TURNS);

	cr_assert_eq(each, 1, "one piece a turn while on, not %u", each);
	turns_off(t);
	calls = 0;
	for (int i = 0; i < 3; i++)
		agent_check_and_process(0);
	cr_assert_eq(calls, 0, "no piece once off");
}

Test(subagent_turns, a_piece_a_turn_by_the_descriptor, .init = loop_alarms)
{
	struct turns t;

	turns_init(&t, piece, NULL);
	check_on_then_off(&t);
	cr_assert(t.has_fd && !t.alarm);
	turns_fini(&t);
}

Test(subagent_turns, a_piece_a_turn_by_the_alarm_when_no_descriptor_can_be_registered,
     .init = loop_alarms, .timeout = 10)
{
	int fds[256][2];
	int n = fill_readfds(fds, 256);
	struct turns t;

	cr_assert(n > 0 && n < 256, "net-snmp's table holds %d descriptors", n);
	turns_init(&t, piece, NULL);
	turns_on(&t);
	cr_assert(!t.registered && t.alarm, "the stand-in alarm is armed");
	turns_off(&t);
	check_on_then_off(&t);
	cr_assert_eq(t.alarm, 0u);
	turns_fini(&t);
	for (int i = 0; i < n; i++) {
		unregister_readfd(fds[i][0]);
		close(fds[i][0]);
		close(fds[i][1]);
	}
}
