#!/usr/bin/env bash
# L2VPN packet path on net_pcap ports, byte for byte: GRE and L2TPv3
# encapsulation and decapsulation, learning, flooding, split horizon,
# MTU drops, wrong key / cookie drops (pseudowire errors), and the
# per-pseudowire counters in the segments; the L2VPN next to a
# cross-connect on three lcores.
. "$(dirname "$0")/../lib.sh"
. "$TOP/tests/data/l2vpn/pcap.sh"
. "$TOP/tests/data/l2vpn/run.sh"

[ -x "$DP" ] || t_die "$DP not built"
command -v tcpdump >/dev/null || t_skip "tcpdump not installed"

LOCAL=20010db8000000000000000000000001
PEER1=20010db8000000000000000000000002
PEER2=20010db8000000000000000000000003
NH=0200000000fe
A=02000000000a B=02000000000b C=02000000000c BCAST=ffffffffffff
P46=$(bytes 46)

# One VPLS: uplink "up", ACs ac0 and ac1, pseudowires pw1 and pw2.
# Ports in this order: the worker polls the uplink first, then ac0,
# then ac1, so the frames of one run meet the bridge in that order.
config() {
	local name=$1 tunnel1=$2 tunnel2=$3
	{
		l2vpn_global "$name"
		pcap_ports "$name" up ac0 ac1
		uplink_u up 2001:db8::1 "next_hop = 2001:db8::fe"
		vpls_section v "ac0, ac1" "pcap test" 1500
		pseudowire_section "$name-pw1" v 1 2001:db8::2 "heartbeat = 0" "$tunnel1"
		pseudowire_section "$name-pw2" v 2 2001:db8::3 "heartbeat = 0" "$tunnel2"
	} >"$T/$name.conf"
}

# run NAME TUN-IN1 TUN-BAD TUN-OUT1 TUN-OUT2: feeds the frames, checks
# what comes out.  TUN-IN1 is the tunnel header pw1's peer sends,
# TUN-BAD one with a wrong key or cookie, TUN-OUT1/2 what we send to
# pw1/pw2; PROTO the IPv6 next header; LABELS pw1's pwInboundLabel and
# pwOutboundLabel; PSN its pwPsnType and cpwVcPsnType.
run() {
	local name=$1 proto=$2 in1=$3 bad=$4 out1=$5 out2=$6 labels=$7 psn=$8
	local inner1 f3 f4 f5 f6 up shm=$T/shm-$name

	inner1=$(eth $BCAST $B 0800 "$P46")             # from pw1: flood
	f3=$(eth $B $A 0800 "$P46")                     # B known on pw1
	f4=$(eth $C $A 0800 "$P46")                     # C unknown: flood
	f5=$(eth $B $A 0800 "$(bytes 1501)")            # over the MTU
	f6=$(eth $A $C 0800 "$P46")                     # A known on ac0
	pcap_write "$T/$name-up.in.pcap" \
		"$(eth 020000000001 $NH 86dd "$(ip6 $PEER1 $LOCAL $proto "$in1$inner1")")" \
		"$(eth 020000000001 $NH 86dd "$(ip6 $PEER1 $LOCAL $proto "$bad$inner1")")"
	pcap_write "$T/$name-ac0.in.pcap" "$f3" "$f4" "$f5"
	pcap_write "$T/$name-ac1.in.pcap" "$f6"

	dp_start_vdevs "$name"
	up=$(mac_of "$shm/up")
	t_match "$name: uplink MAC known" '^[0-9a-f]{12}$' "$up"
	# Counters reach the segments on the publish timer (0.2 s).
	t_wait 10 value_is "$shm/$name-pw1" cpwVcPerfTotalErrorPackets 1
	t_check "$name: pw1 frames in" 1 "$(dump_value "$shm/$name-pw1" cpwVcPerfTotalInHCPackets)"
	t_check "$name: pw1 bytes in" 60 "$(dump_value "$shm/$name-pw1" cpwVcPerfTotalInHCBytes)"
	t_check "$name: pw1 frames out" 2 "$(dump_value "$shm/$name-pw1" cpwVcPerfTotalOutHCPackets)"
	t_check "$name: pw1 bytes out" 120 "$(dump_value "$shm/$name-pw1" cpwVcPerfTotalOutHCBytes)"
	t_check "$name: pw1 wrong key/cookie counted" 1 "$(dump_value "$shm/$name-pw1" pwPerfTotalErrorPackets)"
	t_check "$name: pw2 frames out (flood)" 1 "$(dump_value "$shm/$name-pw2" cpwVcPerfTotalOutHCPackets)"
	t_check "$name: pw2 no errors" 0 "$(dump_value "$shm/$name-pw2" cpwVcPerfTotalErrorPackets)"
	t_check "$name: oversize frame discarded on ac0" 1 "$(dump_value "$shm/ac0" ifInDiscards)"
	t_check "$name: ac1 sent one broadcast, one unicast" "1 1" \
		"$(dump_value "$shm/ac1" ifHCOutBroadcastPkts) $(dump_value "$shm/ac1" ifHCOutUcastPkts)"
	t_check "$name: pwOperStatus up without control channel" 1 "$(dump_value "$shm/$name-pw1" pwOperStatus)"
	t_check "$name: labels, pwPsnType, cpwVcPsnType" "$labels $psn" \
		"$(for o in pwInboundLabel pwOutboundLabel pwPsnType cpwVcPsnType; do
			dump_value "$shm/$name-pw1" $o; done | tr '\n' ' ' | sed 's/ $//')"
	dp_stop "$DP_PID"

	t_check "$name: ac0 out: decapsulated flood, then C->A" \
		"$(printf '%s\n' "$inner1" "$f6")" "$(pcap_frames "$T/$name-ac0.out.pcap")"
	t_check "$name: ac1 out: decapsulated flood, then the flood of A->C" \
		"$(printf '%s\n' "$inner1" "$f4")" "$(pcap_frames "$T/$name-ac1.out.pcap")"
	# Split horizon: pw1's broadcast did not go out to pw2.
	t_check "$name: uplink out: A->B to pw1 only, A->C flooded to pw1 and pw2" \
		"$(printf '%s\n' \
			"$(eth $NH "$up" 86dd "$(ip6 $LOCAL $PEER1 $proto "$out1$f3")")" \
			"$(eth $NH "$up" 86dd "$(ip6 $LOCAL $PEER1 $proto "$out1$f4")")" \
			"$(eth $NH "$up" 86dd "$(ip6 $LOCAL $PEER2 $proto "$out2$f4")")")" \
		"$(pcap_frames "$T/$name-up.out.pcap")"
}

config gre "tunnel = gre
key = 0x1234" "tunnel = gre
key = 0x5678"
run gre 2f "$(gre 00001234)" "$(gre 00009999)" "$(gre 00001234)" "$(gre 00005678)" "4660 4660" \
	"6 5"   # IANAPwPsnTypeTC other(6) (it has no plain GRE), cpwVcPsnType gre(5)

config l2tp "tunnel = l2tpv3
local_session = 0x11111111
remote_session = 0x22222222
local_cookie = 0x0011223344556677
remote_cookie = 0x8899aabbccddeeff" "tunnel = l2tpv3
local_session = 0x33333333
remote_session = 0x44444444
local_cookie = 0x0102030405060708
remote_cookie = 0x1112131415161718"
run l2tp 73 "$(l2tpv3 11111111 0011223344556677)" "$(l2tpv3 11111111 0011223344556678)" \
	"$(l2tpv3 22222222 8899aabbccddeeff)" "$(l2tpv3 44444444 1112131415161718)" \
	"286331153 572662306" "2 2"    # l2tp(2) in both MIBs

# 802.1Q: VLAN 100 of port "trunk" and the whole port ac1 in one VPLS.
# Tags come off on the way in (the pseudowire carries the bare frame)
# and go back on the way out; a VLAN without an AC is discarded, but
# on a whole-port AC it is carried tag and all.
{
	l2vpn_global vlan
	pcap_ports vlan up trunk ac1
	uplink_u up
	vpls_section v "trunk.100, ac1"
	pseudowire_section vlan-pw1 v 1 2001:db8::2 "heartbeat = 0" "tunnel = gre" "key = 0x1234"
} >"$T/vlan.conf"
inner1=$(eth $BCAST $B 0800 "$P46")
f3=$(eth $B $A 0800 "$P46")
pcap_write "$T/vlan-up.in.pcap" \
	"$(eth 020000000001 $NH 86dd "$(ip6 $PEER1 $LOCAL 2f "$(gre 00001234)$inner1")")"
pcap_write "$T/vlan-trunk.in.pcap" "$(eth $B $A 8100 "0064 0800 $P46" | tr -d ' ')" \
	"$(eth $B $A 8100 "012c 0800 $P46" | tr -d ' ')"
f7=$(eth $B $C 8100 "00c8 0800 $P46" | tr -d ' ')
pcap_write "$T/vlan-ac1.in.pcap" "$f7"
dp_start_vdevs vlan
up=$(mac_of "$T/shm-vlan/up")
t_wait 10 value_is "$T/shm-vlan/trunk" ifInDiscards 1
t_check "vlan: frame of a VLAN without AC discarded" 1 "$(dump_value "$T/shm-vlan/trunk" ifInDiscards)"
dp_stop "$DP_PID"
t_check "vlan: trunk out: the flood, tagged 100" \
	"$(eth $BCAST $B 8100 "0064 0800 $P46" | tr -d ' ')" "$(pcap_frames "$T/vlan-trunk.out.pcap")"
t_check "vlan: ac1 out: the flood, untagged" "$inner1" "$(pcap_frames "$T/vlan-ac1.out.pcap")"
t_check "vlan: uplink out: VLAN 100's frame untagged, then VLAN 200's from the whole port still tagged, to pw1" \
	"$(eth $NH "$up" 86dd "$(ip6 $LOCAL $PEER1 2f "$(gre 00001234)$f3")")
$(eth $NH "$up" 86dd "$(ip6 $LOCAL $PEER1 2f "$(gre 00001234)$f7")")" \
	"$(pcap_frames "$T/vlan-up.out.pcap")"

# vpws_gre NAME ADDRESS PEER: the L2VPN sections of a VPWS between
# port ac0 and pseudowire NAME-pw1 (GRE key 0x1234) over uplink port
# up with ADDRESS.
vpws_gre() {
	uplink_u up "$2"
	vpls_section v ac0
	pseudowire_section "$1-pw1" v 1 "$3" "heartbeat = 0" "tunnel = gre" "key = 0x1234"
}

# GRE over IPv4: the same VPLS with an IPv4 uplink.
{
	l2vpn_global ip4
	pcap_ports ip4 up ac0
	vpws_gre ip4 192.0.2.1 192.0.2.2
} >"$T/ip4.conf"
pcap_write "$T/ip4-up.in.pcap" \
	"$(eth 020000000001 $NH 0800 "$(ip4 c0000202 c0000201 2f "$(gre 00001234)$inner1")")"
pcap_write "$T/ip4-ac0.in.pcap" "$f3"
dp_start_vdevs ip4
up=$(mac_of "$T/shm-ip4/up")
t_wait 10 value_is "$T/shm-ip4/ip4-pw1" cpwVcPerfTotalOutHCPackets 1
t_check "ip4: pwPeerAddrType ipv4(1)" 1 "$(dump_value "$T/shm-ip4/ip4-pw1" pwPeerAddrType)"
dp_stop "$DP_PID"
t_check "ip4: ac0 out: decapsulated from GRE/IPv4" "$inner1" "$(pcap_frames "$T/ip4-ac0.out.pcap")"
t_check "ip4: uplink out: GRE/IPv4 with header checksum" \
	"$(eth $NH "$up" 0800 "$(ip4 c0000201 c0000202 2f "$(gre 00001234)$f3")")" \
	"$(pcap_frames "$T/ip4-up.out.pcap")"

# Three lcores on two CPUs (the workers share CPU 1): the L2VPN's ports
# on the first worker, a net_null cross-connect on the second.
{
	l2vpn_global lc
	pcap_ports lc up ac0
	port_section x net_null0 "xconnect = y"
	port_section y net_null1
	vpws_gre lc 2001:db8::1 2001:db8::2
} >"$T/lc.conf"
pcap_write "$T/lc-up.in.pcap" \
	"$(eth 020000000001 $NH 86dd "$(ip6 $PEER1 $LOCAL 2f "$(gre 00001234)$inner1")")"
pcap_write "$T/lc-ac0.in.pcap" "$f3"
DP_LCORES="--lcores 0@0,1@1,2@1" dp_start_vdevs lc
up=$(mac_of "$T/shm-lc/up")
t_wait 10 value_is "$T/shm-lc/lc-pw1" cpwVcPerfTotalOutHCPackets 1
dp_stop "$DP_PID"
t_check "lcores: ac0 out: decapsulated" "$inner1" "$(pcap_frames "$T/lc-ac0.out.pcap")"
t_check "lcores: uplink out: GRE/IPv6" \
	"$(eth $NH "$up" 86dd "$(ip6 $LOCAL $PEER1 2f "$(gre 00001234)$f3")")" \
	"$(pcap_frames "$T/lc-up.out.pcap")"
t_match "lcores: the second worker forwarded the cross-connect" '^[1-9][0-9]*$' \
	"$(sed -n 's/.*lcore 2: \([0-9]*\) frames forwarded.*/\1/p' "$T/dp-lc.log")"
t_check "lcores: every mbuf back" 1 "$(grep -c 'mbufs: all' "$T/dp-lc.log")"

t_done
