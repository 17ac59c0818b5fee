/*
 * The VPLS learning bridge: learning, flooding, split horizon, MTU,
 * aging, and the VPWS shortcut.
 */
#include <criterion/criterion.h>

#include "dataplane/l2vpn/bridge.h"
#include "tests/unit/test_l2vpn_eal.h"

static struct bridge br;
/* ports: 0 AC, 1 AC, 2 PW, 3 PW */
enum { AC0, AC1, PW0, PW1 };

static void setup(void)
{
	eal_setup();
	cr_assert_eq(bridge_init(&br, "unit", 64, 300, 1500, SOCKET_ID_ANY), 0);
	bridge_add_port(&br, BRIDGE_AC);
	bridge_add_port(&br, BRIDGE_AC);
	bridge_add_port(&br, BRIDGE_PW);
	bridge_add_port(&br, BRIDGE_PW);
	bridge_ready(&br);
}

static void teardown(void)
{
	bridge_free(&br);
	eal_teardown();
}

TestSuite(bridge, .init = setup, .fini = teardown);

static struct rte_ether_hdr eth(uint8_t dst, uint8_t src)
{
	struct rte_ether_hdr h = {
		.dst_addr = {{ 2, 0, 0, 0, 0, dst }},
		.src_addr = {{ 2, 0, 0, 0, 0, src }},
	};
	return h;
}

/* The ports a 64-byte frame DST <- SRC from IN goes to, as a bit set. */
static unsigned fwd(unsigned in, uint8_t dst, uint8_t src, uint64_t now)
{
	struct rte_ether_hdr h = eth(dst, src);
	uint16_t out[BRIDGE_PORTS_MAX];
	int n = bridge_forward(&br, in, &h, 64, now, out);
	unsigned set = 0;

	cr_assert_geq(n, 0);
	for (int i = 0; i < n; i++)
		set |= 1u << out[i];
	return set;
}

#define BIT(p) (1u << (p))

static int where(uint8_t station)
{
	struct rte_ether_addr mac = {{ 2, 0, 0, 0, 0, station }};

	return bridge_lookup(&br, &mac);
}

Test(bridge, unknown_unicast_floods_to_all_others)
{
	cr_assert_eq(fwd(AC0, 0xb, 0xa, 1), BIT(AC1) | BIT(PW0) | BIT(PW1));
}

Test(bridge, learned_address_goes_to_one_port)
{
	fwd(PW0, 0xa, 0xb, 1);                  /* learns b on PW0 */
	cr_assert_eq(fwd(AC0, 0xb, 0xa, 2), BIT(PW0));
	cr_assert_eq(fwd(PW0, 0xa, 0xb, 3), BIT(AC0), "a learned on AC0");
	cr_assert_eq(br.stats.learned, 2);
}

Test(bridge, broadcast_and_multicast_flood)
{
	struct rte_ether_hdr h = eth(0, 0xa);
	uint16_t out[BRIDGE_PORTS_MAX];

	memset(h.dst_addr.addr_bytes, 0xff, 6);
	cr_assert_eq(bridge_forward(&br, AC1, &h, 64, 1, out), 3);
	h.dst_addr.addr_bytes[0] = 0x01;        /* group bit */
	cr_assert_eq(bridge_forward(&br, AC1, &h, 64, 1, out), 3);
}

Test(bridge, split_horizon_nothing_from_pw_to_pw)
{
	cr_assert_eq(fwd(PW0, 0xc, 0xb, 1), BIT(AC0) | BIT(AC1),
		     "flood from a PW reaches the ACs only");
	fwd(PW1, 0xa, 0xc, 2);                  /* learns c on PW1 */
	cr_assert_eq(fwd(PW0, 0xc, 0xb, 3), 0, "known on a PW: dropped");
	cr_assert_eq(br.stats.filtered, 1);
}

Test(bridge, frame_to_its_own_port_is_filtered)
{
	fwd(AC0, 0xff, 0xa, 1);
	cr_assert_eq(fwd(AC0, 0xa, 0xb, 2), 0);
}

Test(bridge, station_move_relearns)
{
	fwd(AC0, 0xff, 0xa, 1);
	fwd(AC1, 0xff, 0xa, 2);
	cr_assert_eq(where(0xa), AC1);
	cr_assert_eq(br.stats.moved, 1);
}

Test(bridge, oversize_frames_dropped)
{
	struct rte_ether_hdr h = eth(0xb, 0xa);
	uint16_t out[BRIDGE_PORTS_MAX];

	cr_assert_eq(bridge_forward(&br, AC0, &h, 14 + 1500, 1, out), 3);
	cr_assert_eq(bridge_forward(&br, AC0, &h, 14 + 1501, 1, out),
		     BRIDGE_DROP_MTU);
	cr_assert_eq(br.stats.mtu_drops, 1);
}

Test(bridge, aging_forgets_silent_stations)
{
	fwd(AC0, 0xff, 0xa, 100);
	fwd(AC1, 0xff, 0xb, 350);
	cr_assert_eq(bridge_age(&br, 400), 0, "300 s is not yet too old");
	cr_assert_eq(bridge_age(&br, 401), 1);
	cr_assert_eq(where(0xa), -1);
	cr_assert_eq(where(0xb), AC1);
	cr_assert_eq(fwd(PW0, 0xa, 0xc, 402), BIT(AC0) | BIT(AC1),
		     "aged address floods again");
}

Test(bridge, full_table_still_forwards)
{
	struct bridge small;

	cr_assert_eq(bridge_init(&small, "small", 8, 300, 1500, SOCKET_ID_ANY), 0);
	bridge_add_port(&small, BRIDGE_AC);
	bridge_add_port(&small, BRIDGE_AC);
	bridge_add_port(&small, BRIDGE_PW);
	bridge_ready(&small);
	for (int i = 1; i < 200; i++) {
		struct rte_ether_hdr h = eth(0xff, i);
		uint16_t out[BRIDGE_PORTS_MAX];
		cr_assert_eq(bridge_forward(&small, 0, &h, 64, 1, out), 2);
	}
	cr_assert_gt(small.stats.full, 0);
	bridge_free(&small);
}

Test(bridge, one_ac_one_pw_is_a_vpws)
{
	struct bridge w;
	struct rte_ether_hdr h = eth(0xb, 0xa);
	uint16_t out[BRIDGE_PORTS_MAX];

	cr_assert_eq(bridge_init(&w, "vpws", 8, 300, 1500, SOCKET_ID_ANY), 0);
	bridge_add_port(&w, BRIDGE_AC);
	bridge_add_port(&w, BRIDGE_PW);
	bridge_ready(&w);
	cr_assert(w.vpws);
	cr_assert_eq(bridge_forward(&w, 0, &h, 64, 1, out), 1);
	cr_assert_eq(out[0], 1);
	cr_assert_eq(bridge_forward(&w, 1, &h, 64, 1, out), 1);
	cr_assert_eq(out[0], 0);
	cr_assert_eq(bridge_forward(&w, 1, &h, 14 + 1501, 1, out), BRIDGE_DROP_MTU);
	bridge_free(&w);
}

/* A reload's new bridge: NPORTS ports of the kinds of br's, a table of
 * ENTRIES. */
static void reloaded(struct bridge *n, const char *name, unsigned entries,
		     unsigned nports)
{
	cr_assert_eq(bridge_init(n, name, entries, 300, 1500, SOCKET_ID_ANY), 0);
	for (unsigned p = 0; p < nports; p++)
		bridge_add_port(n, p < 2 ? BRIDGE_AC : BRIDGE_PW);
	bridge_ready(n);
}

Test(bridge, carry_same_ports_takes_the_table_over)
{
	struct bridge n;
	const int same[] = { AC0, AC1, PW0, PW1 };
	struct rte_ether_addr a = {{ 2, 0, 0, 0, 0, 0xa }};

	fwd(AC0, 0xff, 0xa, 1);
	fwd(PW1, 0xff, 0xb, 1);
	reloaded(&n, "carry1", 64, 5);          /* a pseudowire added */
	cr_assert_eq(bridge_carry(&n, &br, same), 2);
	cr_assert_eq(bridge_lookup(&n, &a), AC0);
	cr_assert_eq(n.stats.learned, 2, "statistics go on");
	cr_assert_eq(n.stats.flooded, 2);
	cr_assert_eq(bridge_count(&br), 0, "the old bridge holds the empty table");
	bridge_free(&n);
}

Test(bridge, carry_maps_ports_and_drops_those_gone)
{
	struct bridge n;
	/* AC0 removed: AC1 is now 0, the pseudowires 1 and 2. */
	const int map[] = { -1, 0, 1, 2 };
	struct rte_ether_addr b = {{ 2, 0, 0, 0, 0, 0xb }}, c = {{ 2, 0, 0, 0, 0, 0xc }};
	uint16_t out[BRIDGE_PORTS_MAX];
	struct rte_ether_hdr h = eth(0xc, 0xb);

	fwd(AC0, 0xff, 0xa, 1);
	fwd(AC1, 0xff, 0xb, 1);
	fwd(PW1, 0xff, 0xc, 1);
	reloaded(&n, "carry2", 64, 3);
	cr_assert_eq(bridge_carry(&n, &br, map), 2);
	cr_assert_eq(bridge_count(&br), 0, "the old bridge holds the empty table");
	cr_assert_eq(bridge_lookup(&n, &b), 0);
	cr_assert_eq(bridge_lookup(&n, &c), 2);
	cr_assert_eq(bridge_forward(&n, 0, &h, 64, 2, out), 1, "known: not flooded");
	cr_assert_eq(out[0], 2);
	bridge_free(&n);
}

Test(bridge, carry_into_another_size_copies)
{
	struct bridge n;
	const int map[] = { -1, 0, 1, 2 };
	struct rte_ether_addr b = {{ 2, 0, 0, 0, 0, 0xb }};

	fwd(AC0, 0xff, 0xa, 1);
	fwd(AC1, 0xff, 0xb, 1);
	reloaded(&n, "carry4", 128, 3);
	cr_assert_eq(bridge_carry(&n, &br, map), 1);
	cr_assert_eq(bridge_lookup(&n, &b), 0);
	cr_assert_eq(where(0xa), AC0, "the old table is left as it was");
	bridge_free(&n);
}

Test(bridge, carry_into_a_smaller_table_counts_what_does_not_fit)
{
	struct bridge n;
	const int same[] = { AC0, AC1, PW0, PW1 };

	for (int i = 1; i <= 40; i++)
		fwd(AC0, 0xff, i, 1);
	reloaded(&n, "carry3", 16, 4);
	cr_assert_lt(bridge_carry(&n, &br, same), 40);
	cr_assert_gt(n.stats.full, 0);
	cr_assert_eq(bridge_count(&br), 40, "copied, not taken over");
	bridge_free(&n);
}
