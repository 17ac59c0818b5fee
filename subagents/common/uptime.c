/*
 * The sysUpTime base (see uptime.h; the clock is in clock.c).
 *
 * A daemon learns the master's sysUpTime through AgentX itself: every
 * response PDU of the master carries its sysUpTime (RFC 2741 6.2.16,
 * res.sysUpTime; net-snmp puts it in pdu->time).  When the session to
 * the master opens — at start and after every reconnect — the agent
 * sends a Ping and takes the base from the response.  The Ping goes
 * before the registrations on the same stream, so its answer arrives
 * before any request.
 */
#include <time.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>
#include <net-snmp/agent/agent_callbacks.h>

#include "subagents/common/core.h"
#include "subagents/common/uptime.h"

#define AGENTX_PING_PDU 13      /* RFC 2741 6.1: agentx-Ping-PDU */

/* Clamped to 0..2^32-1: ABS_CS may come from a segment, any value. */
uint32_t agent_stamp(struct agent *a, int64_t abs_cs)
{
	int64_t d;

	if (__builtin_sub_overflow(abs_cs, a->base_cs, &d))
		d = abs_cs < 0 ? INT64_MIN : INT64_MAX;
	return d < 0 ? 0 : d > UINT32_MAX ? UINT32_MAX : (uint32_t)d;
}

static void set_base(struct agent *a, unsigned long uptime)
{
	time_t t;
	char when[32];

	a->base_cs = uptime_now_cs() - (int64_t)uptime;
	t = a->base_cs / 100;
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%S%z", localtime(&t));
	snmp_log(LOG_INFO, "master's sysUpTime is %lu: it started at %s\n", uptime, when);
}

static int pong(int op, netsnmp_session *s, int reqid, netsnmp_pdu *pdu,
		void *magic)
{
	(void)s, (void)reqid;
	if (op != NETSNMP_CALLBACK_OP_RECEIVED_MESSAGE) {
		snmp_log(LOG_WARNING, "no answer to the Ping to the master; TimeStamps may be off\n");
		return 1;
	}
	set_base(magic, (unsigned long)pdu->time);
	return 1;
}

static int opened(int major, int minor, void *server, void *client)
{
	netsnmp_session *s = server;
	netsnmp_pdu *pdu = snmp_pdu_create(AGENTX_PING_PDU);

	(void)major, (void)minor;
	if (!pdu)
		return 0;
	pdu->sessid = s->sessid;
	if (!snmp_async_send(s, pdu, pong, client)) {
		snmp_free_pdu(pdu);
		snmp_log(LOG_WARNING, "cannot ping the master to learn its sysUpTime\n");
	}
	return 0;
}

void uptime_init(struct agent *a)
{
	snmp_register_callback(SNMP_CALLBACK_APPLICATION, SNMPD_CALLBACK_INDEX_START,
			       opened, a);
}

/* Before snmp_shutdown(), which would free the agent as the
 * callback's argument. */
void uptime_stop(struct agent *a)
{
	snmp_unregister_callback(SNMP_CALLBACK_APPLICATION, SNMPD_CALLBACK_INDEX_START,
				 opened, a, 1);
}

void uptime_in_snmpd(struct agent *a)
{
	a->base_cs = uptime_now_cs() - (int64_t)netsnmp_get_agent_uptime();
}
