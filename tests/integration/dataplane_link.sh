#!/usr/bin/env bash
# Link state: shmib-dataplane on two net_tap ports (link-state
# interrupts); the test sets one tap interface down and up again, and
# the port's segment follows: ifOperStatus down(2)/up(1), ifLastChange
# 0 with _X_ifLastChange_TicksBase moved to the time of each change;
# the other port stays up.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/dataplane_lib.bash"

[ "$(id -u)" -eq 0 ] && [ -c /dev/net/tun ] ||
	t_skip "needs root and /dev/net/tun for net_tap ports"
TAP_A=shta$$ TAP_B=shtb$$

tap_xconnect_conf "$T/dp.conf" "$TAP_A" "$TAP_B"
dp_start link "$T/dp.conf"
A=$T/shm/a B=$T/shm/b

t_wait 10 seg_is "$A" ifOperStatus 1 || t_fail "port a never came up"
base0=$(seg_get "$A" _X_ifLastChange_TicksBase)
t_match "a: TicksBase is a UNIX time" '^[0-9]{10}$' "$base0"

# TicksBase has a resolution of one second.
sleep 1.1
ip link set "$TAP_A" down || t_die "cannot set $TAP_A down"
t_wait 10 seg_is "$A" ifOperStatus 2 || t_fail "a: ifOperStatus never went down"
base1=$(seg_get "$A" _X_ifLastChange_TicksBase)
t_check "a: ifOperStatus down" 2 "$(seg_get "$A" ifOperStatus)"
t_check "a: ifLastChange" 0 "$(seg_get "$A" ifLastChange)"
t_check "a: TicksBase moved to the change" yes "$([ "$base1" -gt "$base0" ] && echo yes || echo "no ($base0 -> $base1)")"
t_check "a: ifAdminStatus stays up" 1 "$(seg_get "$A" ifAdminStatus)"
t_check "b: still up" 1 "$(seg_get "$B" ifOperStatus)"

sleep 1.1
ip link set "$TAP_A" up
t_wait 10 seg_is "$A" ifOperStatus 1 || t_fail "a: ifOperStatus never came back up"
base2=$(seg_get "$A" _X_ifLastChange_TicksBase)
t_check "a: TicksBase moved again" yes "$([ "$base2" -gt "$base1" ] && echo yes || echo "no ($base1 -> $base2)")"
t_check "one log line per change" 1 "$(grep -c "port a (net_tap0): link down" "$DP_LOG")"

dp_stop
t_check "exit status after SIGTERM" 0 "$DP_STATUS"
t_match "every mbuf back in the pool" "mbufs: all [0-9]+ returned" "$(cat "$DP_LOG")"
t_done
