#!/usr/bin/env bash
# End to end: two dataplanes whose uplinks are joined by a veth pair
# (net_af_packet), each with an attachment circuit into a host in its
# own network namespace.  A ping from host A to host B crosses the
# GRE pseudowire; behind a private snmpd per side with both
# subagents, pwOperStatus is up(1) on both, the PSN types are GRE's,
# pwUpTime grows, the per-pseudowire HC counters of one side match the
# other's; stopping dataplane B takes A's pseudowire down within the
# heartbeat timeout.
. "$(dirname "$0")/../lib.sh"
. "$TOP/tests/data/l2vpn/pcap.sh"
. "$TOP/tests/data/l2vpn/run.sh"
. "$TOP/tests/data/l2vpn/hosts.sh"

[ -x "$DP" ] || t_die "$DP not built"

S=$$                            # interface and namespace names: unique
UP_A=l2ua$S UP_B=l2ub$S AC_A=l2aa$S AC_B=l2ab$S
HOST_A=l2vpn-ha-$S HOST_B=l2vpn-hb-$S
HEARTBEAT=1 DEAD=3

ip link add "$UP_A" type veth peer name "$UP_B" || t_skip "cannot create veths"
HOST_LINKS+=("$UP_A")
quiet "$UP_A"
quiet "$UP_B"
host "$HOST_A" "$AC_A"
host "$HOST_B" "$AC_B"
ip -n "$HOST_A" addr add 10.99.0.1/24 dev eth0
ip -n "$HOST_B" addr add 10.99.0.2/24 dev eth0

# side NAME UPLINK-IF AC-IF ADDRESS PEER
side() {
	{
		l2vpn_global "$1"
		cat <<EOC
[port up]
device = net_af_packet0,iface=$2

[port ac]
device = net_af_packet1,iface=$3

[uplink u]
port = up
address = $4
next_hop = $5

[vpls e2e-$1]
description = end to end
mtu = 1500
uplink = u
ac = ac

[pseudowire pw-$1]
vpls = e2e-$1
vc_id = 7
peer = $5
tunnel = gre
key = 7
heartbeat = $HEARTBEAT
dead_factor = $DEAD
EOC
	} >"$T/$1.conf"
	printf 'net_af_packet0 1\nnet_af_packet1 2\n' >"$T/$1.ifindex"
}
side a "$UP_A" "$AC_A" 2001:db8::1 2001:db8::2
side b "$UP_B" "$AC_B" 2001:db8::2 2001:db8::1

# Two busy workers on two CPUs: A's on CPU 1, B's on CPU 0.
DP_LCORES="--lcores 0@0,1@1" dp_start a --vdev "net_af_packet0,iface=$UP_A" --vdev "net_af_packet1,iface=$AC_A"
DP_A=$DP_PID
DP_LCORES="--lcores 0@1,1@0" dp_start b --vdev "net_af_packet0,iface=$UP_B" --vdev "net_af_packet1,iface=$AC_B"
DP_B=$DP_PID

# The pseudowire comes up once heartbeats cross (after ND).
pw_up() { [ "$(dump_value "$T/shm-$1/pw-$1" pwOperStatus)" = 1 ]; }
t_wait 20 pw_up a || t_fail "pw-a not up in the segment: $(tail -3 "$T/dp-a.log")"
t_wait 20 pw_up b || t_fail "pw-b not up in the segment: $(tail -3 "$T/dp-b.log")"

PINGS=5
out=$(ip netns exec "$HOST_A" ping -c $PINGS -i 0.2 -W 2 10.99.0.2 2>&1)
t_match "ping from host A to host B over the pseudowire" "$PINGS received" "$out"
sleep 1                         # one more publish of the counters

# snmpd per side, both subagents on each.
PW=.1.3.6.1.2.1.10.246.1.2.1
CPW=.1.3.6.1.4.1.9.10.106.1.2.1
CPWPERF=.1.3.6.1.4.1.9.10.106.1.5.1
for s in a b; do
	snmpd_side "$s"
	t_bg "pseudowire-$s" "$BIN/shmib-pseudowire" -f -x "unix:$T/$s-agentx.sock" \
		--shmem-dir "$T/shm-$s" --ifindex "$T/$s.ifindex" --vpls-ids "$T/$s.vpls-ids" \
		--pseudowire-ids "$T/$s.pseudowire-ids" --state-file "$T/$s.state" --check-interval 1
	t_bg "interface-$s" "$BIN/shmib-interface" --kernel-interfaces no -f -x "unix:$T/$s-agentx.sock" \
		--shmem-dir "$T/shm-$s" --ifindex "$T/$s.ifindex" --check-interval 1
done
[ -x "$BIN/shmib-pseudowire" ] || t_skip "shmib-pseudowire is not built (the packet path passed)"
[ -x "$BIN/shmib-interface" ] || t_skip "shmib-interface is not built (the packet path passed)"

# snmp SIDE ARGS...: snmpget against that side's snmpd.
snmp() { local s=$1; shift; snmpget -v2c -c public -On -Oqvt -r 1 -t 3 "127.0.0.1:${SIDE_PORT[$s]}" "$@" 2>&1; }
for s in a b; do
	served() { [ "$(snmp "$1" $PW.38.1)" = 1 ]; }
	t_wait 20 served "$s"
	t_check "side $s: pwOperStatus up(1)" 1 "$(snmp "$s" $PW.38.1)"
	t_check "side $s: pwName" "\"pw-$s\"" "$(snmp "$s" $PW.32.1)"
	# A GRE pseudowire: IANAPwPsnTypeTC has no plain GRE, Cisco's has.
	t_check "side $s: pwPsnType other(6), cpwVcPsnType gre(5)" "6 5" \
		"$(snmp "$s" $PW.4.1 $CPW.4.1 | xargs)"
	t_check "side $s: pwRemoteIfString from the control channel" \
		"\"pw-$([ $s = a ] && echo b || echo a)\"" "$(snmp "$s" $PW.24.1)"
	t_check "side $s: AC interface served" "\"net_af_packet1\"" \
		"$(snmp "$s" .1.3.6.1.2.1.2.2.1.2.2)"
done
up1=$(snmp a $PW.35.1)
sleep 1.5
up2=$(snmp a $PW.35.1)
t_match "pwUpTime grows ($up1 -> $up2)" '^[0-9]+$' "$up2"
[ "${up2:-0}" -gt "${up1:-0}" ] 2>/dev/null || t_fail "pwUpTime did not grow: $up1 -> $up2"

out_a=$(snmp a $CPWPERF.3.1) in_b=$(snmp b $CPWPERF.1.1)
out_b=$(snmp b $CPWPERF.3.1) in_a=$(snmp a $CPWPERF.1.1)
t_check "A's frames out = B's frames in" "$out_a" "$in_b"
t_check "B's frames out = A's frames in" "$out_b" "$in_a"
t_check "A's bytes out = B's bytes in" "$(snmp a $CPWPERF.4.1)" "$(snmp b $CPWPERF.2.1)"
[ "${in_b:-0}" -ge $PINGS ] 2>/dev/null || t_fail "B received $in_b frames, fewer than $PINGS pings"
[ "${in_a:-0}" -ge $PINGS ] 2>/dev/null || t_fail "A received $in_a frames, fewer than $PINGS replies"

# B goes away: A declares it dead after DEAD heartbeats.
dp_stop "$DP_B"
down() { [ "$(snmp a $PW.38.1)" = 2 ]; }
t_wait $((HEARTBEAT * (DEAD + 2) + 2)) down || t_fail "A's pseudowire still up after B stopped"
t_check "A: pwOperStatus down(2) after B stopped" 2 "$(snmp a $PW.38.1)"
t_check "A: cpwVcOperStatus down(2)" 2 "$(snmp a $CPW.26.1)"

t_done
