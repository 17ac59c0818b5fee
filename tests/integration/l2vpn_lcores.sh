#!/usr/bin/env bash
# The L2VPN next to cross-connects on three lcores: the L2VPN's ports
# on the first worker, a net_null cross-connect on the second; GRE over
# IPv6 byte for byte both ways, and the cross-connect forwarding.
. "$(dirname "$0")/../lib.sh"
. "$TOP/tests/data/l2vpn/pcap.sh"
. "$TOP/tests/data/l2vpn/run.sh"

[ -x "$DP" ] || t_die "$DP not built"
command -v tcpdump >/dev/null || t_skip "tcpdump not installed"
[ "$(nproc)" -ge 2 ] || t_skip "needs two CPUs"

LOCAL=20010db8000000000000000000000001
PEER=20010db8000000000000000000000002
NH=0200000000fe A=02000000000a B=02000000000b
inner=$(eth ffffffffffff $B 0800 "$(bytes 46)")
f=$(eth $B $A 0800 "$(bytes 46)")

{
	l2vpn_global lc
	pcap_ports lc up ac0
	cat <<EOC
[port x]
device = net_null0
xconnect = y

[port y]
device = net_null1

[uplink u]
port = up
address = 2001:db8::1
next_hop_mac = 02:00:00:00:00:fe

[vpls v]
uplink = u
ac = ac0

[pseudowire lc-pw1]
vpls = v
vc_id = 1
peer = 2001:db8::2
heartbeat = 0
tunnel = gre
key = 0x1234
EOC
} >"$T/lc.conf"
pcap_write "$T/lc-up.in.pcap" \
	"$(eth 020000000001 $NH 86dd "$(ip6 $PEER $LOCAL 2f "$(gre 00001234)$inner")")"
pcap_write "$T/lc-ac0.in.pcap" "$f"

# Three lcores on two CPUs: the workers share CPU 1.
DP_LCORES="--lcores 0@0,1@1,2@1" dp_start lc \
	--vdev "net_pcap0,rx_pcap=$T/lc-up.in.pcap,tx_pcap=$T/lc-up.out.pcap" \
	--vdev "net_pcap1,rx_pcap=$T/lc-ac0.in.pcap,tx_pcap=$T/lc-ac0.out.pcap" \
	--vdev net_null0 --vdev net_null1
up=$(mac_of "$T/shm-lc/up")
t_wait 10 value_is "$T/shm-lc/lc-pw1" cpwVcPerfTotalOutHCPackets 1
t_check "pw1 frames in" 1 "$(dump_value "$T/shm-lc/lc-pw1" cpwVcPerfTotalInHCPackets)"
dp_stop "$DP_PID"
t_check "ac0 out: decapsulated" "$inner" "$(pcap_frames "$T/lc-ac0.out.pcap")"
t_check "uplink out: GRE/IPv6" \
	"$(eth $NH "$up" 86dd "$(ip6 $LOCAL $PEER 2f "$(gre 00001234)$f")")" \
	"$(pcap_frames "$T/lc-up.out.pcap")"
n=$(sed -n 's/.*lcore 2: \([0-9]*\) frames forwarded.*/\1/p' "$T/dp-lc.log")
t_match "the second worker forwarded the cross-connect" '^[1-9][0-9]*$' "$n"
t_check "a clean exit" "" "$(grep -E 'not returned|ERROR|error' "$T/dp-lc.log")"

t_done
