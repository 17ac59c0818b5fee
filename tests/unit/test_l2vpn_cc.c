/*
 * The control channel: message bytes against the TLV layout, and the
 * inbound status the messages (and their absence) drive.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "dataplane/l2vpn/cc.h"
#include "tests/unit/test_l2vpn_hex.h"

static const struct cc_conf conf = {
	.heartbeat = 2, .dead_factor = 3, .mtu = 1500, .vc_id = 7,
	.ifstr = "pw-a",
};

Test(cc, message_layout)
{
	uint8_t got[CC_MSG_MAX], want[64];
	size_t n = 0;

	/* heartbeat 2 | mtu 1500 | if_description "pw-a" | vc_id 7 */
	hex(want, &n, "01 02 0002  02 02 05dc  03 04 70772d61  04 04 00000007");
	cr_assert_eq(cc_build(&conf, got), n);
	cr_assert_arr_eq(got, want, n);
}

Test(cc, parse_roundtrip)
{
	uint8_t buf[CC_MSG_MAX];
	struct cc_msg m;
	const char *err = NULL;
	size_t n = cc_build(&conf, buf);

	cr_assert_eq(cc_parse(buf, n, &m, &err), 0);
	cr_assert(m.has_heartbeat && m.has_mtu && m.has_vc_id);
	cr_assert_eq(m.heartbeat, 2);
	cr_assert_eq(m.mtu, 1500);
	cr_assert_eq(m.vc_id, 7);
	cr_assert_str_eq(m.ifstr, "pw-a");
}

static void refused(const char *text, const char *why)
{
	uint8_t buf[64];
	size_t n = 0;
	struct cc_msg m;
	const char *err = NULL;

	hex(buf, &n, text);
	cr_assert_eq(cc_parse(buf, n, &m, &err), -1, "%s accepted", text);
	cr_assert_str_eq(err, why);
}

Test(cc, malformed_messages_refused)
{
	refused("01 02 0002  09 01 00", "unknown TLV type");
	refused("01 02 0002  02 04 05dc", "truncated TLV value");
	refused("01 02 0002  02", "truncated TLV header");
	refused("01 03 000200", "wrong TLV length");
	refused("02 02 05dc", "no heartbeat TLV");
}

static struct cc_msg msg(uint16_t mtu, const char *ifstr)
{
	struct cc_msg m = { .has_heartbeat = true, .heartbeat = 2,
			    .has_mtu = true, .mtu = mtu,
			    .has_vc_id = true, .vc_id = 7 };
	strcpy(m.ifstr, ifstr);
	return m;
}

Test(cc, heartbeat_brings_up_and_reports_remote)
{
	struct cc_state s = { 0 };
	struct cc_msg m = msg(1500, "peer-if");

	cr_assert_eq(cc_receive(&s, &conf, &m, NULL, 100),
		     CC_CHANGED_STATUS | CC_CHANGED_REMOTE);
	cr_assert(s.up);
	cr_assert_eq(s.remote_mtu, 1500);
	cr_assert_str_eq(s.remote_ifstr, "peer-if");
	cr_assert_eq(cc_receive(&s, &conf, &m, NULL, 102), 0, "nothing new");
}

Test(cc, mtu_mismatch_keeps_down)
{
	struct cc_state s = { 0 };
	struct cc_msg m = msg(9000, "peer-if");

	cc_receive(&s, &conf, &m, NULL, 100);
	cr_assert_not(s.up);
	cr_assert_eq(s.remote_mtu, 9000, "remote MTU still reported");
	m = msg(1500, "peer-if");
	cr_assert_eq(cc_receive(&s, &conf, &m, NULL, 101) & CC_CHANGED_STATUS,
		     CC_CHANGED_STATUS);
	cr_assert(s.up);
	m = msg(1400, "peer-if");
	cc_receive(&s, &conf, &m, NULL, 102);
	cr_assert_not(s.up);
	cr_assert_str_eq(s.why, "MTU mismatch, local 1500, remote 1400");
}

Test(cc, silence_beyond_dead_factor_takes_down)
{
	struct cc_state s = { 0 };
	struct cc_msg m = msg(1500, "x");

	cc_receive(&s, &conf, &m, NULL, 100);
	/* heartbeat 2 s, dead factor 3: alive up to 6 s of silence */
	cr_assert_eq(cc_expire(&s, &conf, 106), 0);
	cr_assert(s.up);
	cr_assert_eq(cc_expire(&s, &conf, 107), CC_CHANGED_STATUS);
	cr_assert_not(s.up);
	cr_assert_eq(cc_expire(&s, &conf, 200), 0, "down once");
	cc_receive(&s, &conf, &m, NULL, 300);
	cr_assert(s.up, "back with the next heartbeat");
}

Test(cc, invalid_message_takes_down)
{
	struct cc_state s = { 0 };
	struct cc_msg m = msg(1500, "x");

	cc_receive(&s, &conf, &m, NULL, 100);
	cr_assert_eq(cc_receive(&s, &conf, NULL, "unknown TLV type", 101),
		     CC_CHANGED_STATUS);
	cr_assert_not(s.up);
	cr_assert_str_eq(s.why, "invalid control message: unknown TLV type");
}
