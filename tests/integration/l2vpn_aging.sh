#!/usr/bin/env bash
# MAC aging on real ports: a VPLS of three attachment circuits
# (net_af_packet on veths into hosts A, B and C, each in its own network
# namespace).  Once A has sent a frame, B's frames to A's MAC reach A
# only; after mac_aging without a frame from A they are flooded again
# (seen at C), and not before mac_aging has passed.
#
# The bridge ages once a second with whole-second timestamps, so an
# entry goes between mac_aging and mac_aging + 2 s after its last frame.
# The hosts send only what the test makes them send: no IPv6, B reaches
# A's MAC through a permanent neighbour entry for an address nobody has
# (A's kernel drops those frames without answering), and the pings are
# to the broadcast address (echo requests to it are ignored).
. "$(dirname "$0")/../lib.sh"
. "$TOP/tests/data/l2vpn/pcap.sh"
. "$TOP/tests/data/l2vpn/run.sh"
. "$TOP/tests/data/l2vpn/hosts.sh"

[ -x "$DP" ] || t_die "$DP not built"
command -v tcpdump >/dev/null || t_skip "no tcpdump"

AGING=3
S=$$
i=1
for h in a b c; do
	host "l2vpn-ag$h-$S" "l2g$h$S"
	ip -n "l2vpn-ag$h-$S" addr add "10.99.0.$i/24" dev eth0
	i=$((i + 1))
done
NS_A=l2vpn-aga-$S NS_B=l2vpn-agb-$S NS_C=l2vpn-agc-$S
A=$(host_mac "$NS_A") B=$(host_mac "$NS_B")
BCAST=ffffffffffff
# B's frames to 10.99.0.9 go to A's MAC.
ip -n "$NS_B" neigh add 10.99.0.9 lladdr "$(sed 's/../&:/g; s/:$//' <<<"$A")" dev eth0 nud permanent

{
	l2vpn_global ag
	port_section up net_null0,no-rx=1
	port_section a "net_af_packet0,iface=l2ga$S"
	port_section b "net_af_packet1,iface=l2gb$S"
	port_section c "net_af_packet2,iface=l2gc$S"
	uplink_u up
	vpls_section aging "a, b, c" aging "" "mac_aging = $AGING"
	pseudowire_section ag-pw aging 1 2001:db8::2 "tunnel = gre" "key = 1" "heartbeat = 0"
} >"$T/ag.conf"
dp_start_vdevs ag

# capture NAME NETNS: everything on the host's eth0 into $T/NAME.pcap.
capture() {
	t_bg "cap-$1" ip netns exec "$2" tcpdump -i eth0 -nn --immediate-mode -U -w "$T/$1.pcap"
	t_wait 10 grep -q "listening on" "$T/cap-$1.log" || t_die "tcpdump in $2 did not start"
}
capture a "$NS_A"
capture c "$NS_C"

# count CAPTURE DST SRC: frames captured so far from SRC to DST.
count() { pcap_frames "$T/$1.pcap" | grep -c "^$2$3"; }
at_least() { [ "$(count "$1" "$2" "$3")" -ge "$4" ]; }
ms() { date +%s%3N; }

# ping_bcast NETNS: one echo request from that host to the broadcast MAC.
ping_bcast() { ip netns exec "$1" ping -b -c 1 -W 0.2 10.99.0.255 >/dev/null 2>&1; }

# probe N: B sends a frame to A's MAC, then its Nth broadcast as a
# marker.  Both come in on B's port in that order, so once C has the
# marker, C has the frame to A as well if the bridge flooded it.
# True when it did.
probe() {
	ip netns exec "$NS_B" ping -c 1 -W 0.2 10.99.0.9 >/dev/null 2>&1
	ping_bcast "$NS_B"
	t_wait 10 at_least c $BCAST "$B" "$1" || t_die "B's broadcast $1 did not reach C"
	[ "$(count c "$A" "$B")" -gt 0 ]
}

# A is learned on AC a: its broadcast reaches C.
t0=$(ms)
ping_bcast "$NS_A"
t_wait 10 at_least c $BCAST "$A" 1 || t_die "A's broadcast did not reach C: $(tail -3 "$T/dp-ag.log")"
t_check "A's broadcast flooded to C" 1 "$(count c $BCAST "$A")"

! probe 1
t_check "learned: B's frame to A not flooded to C" 0 "$(count c "$A" "$B")"
t_wait 10 at_least a "$A" "$B" 1
t_check "learned: B's frame to A reached A" 1 "$(count a "$A" "$B")"

# Probes until B's frames to A are flooded again: A's entry aged out.
n=1
until probe $((n + 1)); do
	n=$((n + 1))
	[ $(($(ms) - t0)) -lt $(((AGING + 10) * 1000)) ] || break
	sleep 0.3
done
t1=$(ms)
t_match "aged: B's frame to A flooded to C after $((t1 - t0)) ms ($n probes forwarded to A only)" \
	'^[1-9]' "$(count c "$A" "$B")"
# t0 is before A's frame, t1 after the flood: t1 - t0 bounds the age of
# the entry from above, so this cannot fail on a slow machine.
[ $((t1 - t0)) -ge $((AGING * 1000)) ] ||
	t_fail "A's entry aged after less than mac_aging ($((t1 - t0)) ms < $AGING s)"
t_check "aged: the flooded frame reached A too" $((n + 1)) "$(count a "$A" "$B")"

dp_stop "$DP_PID"
t_done
