#!/usr/bin/env bash
# A real link flap end to end: shmib-dataplane on two net_tap ports,
# shmib-interface on its segments, snmpd's trap2sink at a real
# snmptrapd.  The test sets one tap interface down and up again and
# snmptrapd receives linkDown then linkUp for that port's ifIndex, and
# nothing for the other port or for the links found up at start.  Each
# notification's sysUpTime.0 is the port's ifLastChange to the tick
# (both from the dataplane's nanosecond time of the change).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/dataplane_lib.bash"
. "$(dirname "$0")/notify_lib.bash"

AGENT=$BIN/shmib-interface
[ -x "$AGENT" ] || t_skip "$AGENT not built"
[ "$(id -u)" -eq 0 ] && [ -c /dev/net/tun ] ||
	t_skip "needs root and /dev/net/tun for net_tap ports"
TAP_A=shna$$ TAP_B=shnb$$
IF=1.3.6.1.2.1.2.2.1
DOWN=1.3.6.1.6.3.1.1.5.3 UP=1.3.6.1.6.3.1.1.5.4

tap_xconnect_conf "$T/dp.conf" "$TAP_A" "$TAP_B"
printf 'net_tap0 1\nnet_tap1 2\n' >"$T/ifindex"
dp_start notify "$T/dp.conf"
t_wait 10 seg_is "$T/shm/a" ifOperStatus 1 && t_wait 10 seg_is "$T/shm/b" ifOperStatus 1 ||
	t_die "the ports never came up"
t_check "the dataplane enables link notifications" 1 "$(seg_get "$T/shm/a" ifLinkUpDownTrapEnable)"

trapd_start
t_snmpd
t_bg agent "$AGENT" --kernel-interfaces no -f -x "unix:$AGENTX" --shmem-dir "$T/shm" \
	--ifindex "$T/ifindex" --check-interval 1
# Served, so the agent has seen both links up: it starts from there.
serving() { [ "$(t_value .$IF.8.1) $(t_value .$IF.8.2)" = "1 1" ]; }
t_wait 15 serving || t_die "agent does not serve (see $T/agent.log)"

ip link set "$TAP_A" down || t_die "cannot set $TAP_A down"
t_wait 10 got 1 $DOWN $UP
t_check "link a down: linkDown for ifIndex 1" \
	"$DOWN $IF.1.1=1 $IF.7.1=1 $IF.8.1=2" "$(traps $DOWN $UP)"
t_match "linkDown carries sysUpTime.0" '^[1-9][0-9]*$' "$(trap_uptimes $DOWN)"
t_check "linkDown's sysUpTime.0 is ifLastChange.1" "$(t_get -Oqvt $IF.9.1)" "$(trap_uptimes $DOWN)"
ip link set "$TAP_A" up
t_wait 10 got 2 $DOWN $UP
t_check "link a up again: linkDown, then linkUp, and nothing else" \
	"$DOWN $IF.1.1=1 $IF.7.1=1 $IF.8.1=2
$UP $IF.1.1=1 $IF.7.1=1 $IF.8.1=1" "$(traps $DOWN $UP)"
t_check "linkUp's sysUpTime.0 is ifLastChange.1" "$(t_get -Oqvt $IF.9.1)" "$(trap_uptimes $UP)"

dp_stop
t_check "dataplane exit status" 0 "$DP_STATUS"
t_done
