/*
 * The master's sysUpTime base: the UNIX time at which the master's
 * sysUpTime was 0, needed to serve TimeStamps.
 *
 * It comes through AgentX itself: every response PDU of the master
 * carries its sysUpTime (RFC 2741 6.2.16, res.sysUpTime; net-snmp puts
 * it in pdu->time).  When the session to the master opens — at start
 * and after every reconnect — the agent sends a Ping and takes the
 * base from the response.  The Ping goes before the registrations on
 * the same stream, so its answer arrives before any request.
 */
#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>
#include <net-snmp/agent/agent_callbacks.h>

#include "subagents/common/uptime.h"
#include "subagents/common/values.h"

#define AGENTX_PING_PDU 13      /* RFC 2741 6.1: agentx-Ping-PDU */

static int64_t base_cs;

/* Clamped to 0..2^32-1: ABS_CS may come from a segment, any value. */
uint32_t agent_stamp(int64_t abs_cs)
{
	int64_t d;

	if (__builtin_sub_overflow(abs_cs, base_cs, &d))
		d = abs_cs < 0 ? INT64_MIN : INT64_MAX;
	return d < 0 ? 0 : d > UINT32_MAX ? UINT32_MAX : (uint32_t)d;
}

static int pong(int op, netsnmp_session *s, int reqid, netsnmp_pdu *pdu,
		void *magic)
{
	time_t t;
	char when[32];

	(void)s, (void)reqid, (void)magic;
	if (op != NETSNMP_CALLBACK_OP_RECEIVED_MESSAGE) {
		snmp_log(LOG_WARNING, "no answer to the Ping to the master; TimeStamps may be off\n");
		return 1;
	}
	base_cs = uptime_now_cs() - (int64_t)(unsigned long)pdu->time;
	t = base_cs / 100;
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%S%z", localtime(&t));
	snmp_log(LOG_INFO, "master's sysUpTime is %lu: it started at %s\n",
		 (unsigned long)pdu->time, when);
	return 1;
}

static int opened(int major, int minor, void *server, void *client)
{
	netsnmp_session *s = server;
	netsnmp_pdu *pdu = snmp_pdu_create(AGENTX_PING_PDU);

	(void)major, (void)minor, (void)client;
	if (!pdu)
		return 0;
	pdu->sessid = s->sessid;
	if (!snmp_async_send(s, pdu, pong, NULL)) {
		snmp_free_pdu(pdu);
		snmp_log(LOG_WARNING, "cannot ping the master to learn its sysUpTime\n");
	}
	return 0;
}

void uptime_init(void)
{
	snmp_register_callback(SNMP_CALLBACK_APPLICATION, SNMPD_CALLBACK_INDEX_START,
			       opened, NULL);
}
