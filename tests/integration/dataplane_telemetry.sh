#!/usr/bin/env bash
# Telemetry: after traffic through an L2VPN on net_pcap ports (a VPLS
# with two ACs and two GRE pseudowires; 100,000 source MACs learned on
# one AC), a client of the telemetry socket reads ports, pseudowires,
# the VPLS and its MAC table page by page: the values equal those of
# the segments (shmib-dump --json), every entry is listed once, and no
# reply exceeds the socket's output limit.  dpdk-telemetry.py, the
# stock client, reads the same.  A reload removing a pseudowire keeps
# the table of 100,000 entries but that pseudowire's.
. "$(dirname "$0")/../lib.sh"
. "$TOP/tests/data/l2vpn/pcap.sh"
. "$TOP/tests/data/l2vpn/run.sh"

[ -n "$PY" ] || t_skip "no python3"
LOCAL=20010db8000000000000000000000001
PEER1=20010db8000000000000000000000002
NH=0200000000fe X=02000000000a B=02000000000b C=02000000000c
MACS=100000

# The reload below deletes tel-pw1's section up to its "key" line.
{
	l2vpn_global tel
	pcap_ports tel up ac0 ac1
	uplink_u up
	vpls_section v "ac0, ac1" "telemetry test" "" "mac_table = 131072"
	pseudowire_section tel-pw1 v 1 2001:db8::2 "heartbeat = 0" "tunnel = gre" "key = 0x1234"
	pseudowire_section tel-pw2 v 2 2001:db8::3 "heartbeat = 0" "tunnel = gre" "key = 0x5678"
} >"$T/tel.conf"

# ac0: X broadcasts (flooded, learned on ac0), then $MACS frames from
# distinct sources to X (filtered: X is on ac0).  Uplink: B from
# pw1's peer.  ac1: C to X.
pcap_write "$T/tel-up.in.pcap" \
	"$(eth 020000000001 $NH 86dd "$(ip6 $PEER1 $LOCAL 2f "$(gre 00001234)$(eth ffffffffffff $B 0800 "$(bytes 46)")")")"
pcap_write "$T/tel-ac1.in.pcap" "$(eth $X $C 0800 "$(bytes 46)")"
"$PY" - "$T/tel-ac0.in.pcap" "$MACS" <<'EOP'
import struct, sys
path, n = sys.argv[1], int(sys.argv[2])
with open(path, "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
    def frame(dst, src):
        b = dst + src + b"\x08\x00" + bytes(46)
        f.write(struct.pack("<IIII", 1, 0, len(b), len(b)) + b)
    frame(b"\xff" * 6, bytes.fromhex("02000000000a"))
    for i in range(n):
        frame(bytes.fromhex("02000000000a"), b"\x06" + i.to_bytes(5, "big"))
EOP

dp_start_vdevs tel
SHM=$T/shm-tel
t_wait 10 test -S "$(tel_socket tel)" || t_skip "no telemetry socket at $(tel_socket tel)"

learned() { [ "$(field "$(tel tel /shmib/vpls,v)" /shmib/vpls mac_entries)" = $((MACS + 3)) ]; }
t_wait 30 learned || t_fail "MAC table: $(tel tel /shmib/vpls,v)"
sleep 1                         # the last counters published (0.2 s)

t_check "/shmib/ports" '{"/shmib/ports":["up","ac0","ac1"]}' "$(tel tel /shmib/ports)"
t_check "/shmib/pseudowires" '{"/shmib/pseudowires":["tel-pw1","tel-pw2"]}' "$(tel tel /shmib/pseudowires)"
t_check "/shmib/vpls" '{"/shmib/vpls":["v"]}' "$(tel tel /shmib/vpls)"

# Every counter of a port as the segment has it.
COUNTERS="ifDescr ifHCInOctets ifHCInUcastPkts ifHCInMulticastPkts ifHCInBroadcastPkts ifInDiscards
	ifHCOutOctets ifHCOutUcastPkts ifHCOutMulticastPkts ifHCOutBroadcastPkts ifOutDiscards"
for p in up ac0 ac1; do
	reply=$(tel tel "/shmib/port,$p")
	t_check "port $p: ifDescr and counters as in its segment" \
		"$(fields "$("$BIN/shmib-dump" --json "$SHM/$p")" objects -- $COUNTERS)" \
		"$(fields "$reply" /shmib/port -- $COUNTERS)"
	t_check "port $p: link up" '"up"' "$(field "$reply" /shmib/port link)"
done
t_check "ac0 received every frame to X" $MACS "$(field "$(tel tel /shmib/port,ac0)" /shmib/port ifHCInUcastPkts)"

for pw in tel-pw1 tel-pw2; do
	reply=$(tel tel "/shmib/pseudowire,$pw")
	t_check "$pw: counters as in its segment" \
		"$(fields "$("$BIN/shmib-dump" --json "$SHM/$pw")" objects -- cpwVcPerfTotalInHCPackets \
			cpwVcPerfTotalInHCBytes cpwVcPerfTotalOutHCPackets cpwVcPerfTotalOutHCBytes cpwVcPerfTotalErrorPackets)" \
		"$(fields "$reply" /shmib/pseudowire -- in_packets in_bytes out_packets out_bytes errors)"
	t_check "$pw: oper status up, heartbeat off" '"up" "off"' \
		"$(fields "$reply" /shmib/pseudowire -- oper_status heartbeat_state)"
done
reply=$(tel tel /shmib/pseudowire,tel-pw1)
t_check "tel-pw1: peer" '"2001:db8::2"' "$(field "$reply" /shmib/pseudowire peer)"
t_check "tel-pw1: tunnel" '"gre key 0x00001234"' "$(field "$reply" /shmib/pseudowire tunnel)"
t_check "tel-pw1: one frame in (from B)" 1 "$(field "$reply" /shmib/pseudowire in_packets)"
filter=$(capture_filter tel tel-pw1)
t_check "tel-pw1: capture filter" \
	'ip6 proto 47 and ((ip6 src 2001:db8::2 and ip6 dst 2001:db8::1 and ip6[44:4] = 0x00001234) or (ip6 src 2001:db8::1 and ip6 dst 2001:db8::2 and ip6[44:4] = 0x00001234))' \
	"$filter"
if command -v tcpdump >/dev/null; then
	# Out: X's broadcast flooded to both pseudowires; pw1's only.
	t_check "the capture filter selects pw1's frame of the uplink's output" 1 \
		"$(tcpdump -r "$T/tel-up.out.pcap" -nn "$filter" 2>/dev/null | wc -l)"
	t_check "... and pw1's frame of its input" 1 \
		"$(tcpdump -r "$T/tel-up.in.pcap" -nn "$filter" 2>/dev/null | wc -l)"
fi

reply=$(tel tel /shmib/vpls,v)
t_check "vpls v: ACs" '["ac0", "ac1"]' "$(field "$reply" /shmib/vpls acs)"
t_check "vpls v: pseudowires" '["tel-pw1", "tel-pw2"]' "$(field "$reply" /shmib/vpls pseudowires)"
t_check "vpls v: description" '"telemetry test"' "$(field "$reply" /shmib/vpls description)"
t_check "vpls v: the forwarding-table watermarks (the defaults)" "95 90" \
	"$(fields "$reply" /shmib/vpls -- fwd_full_high fwd_full_low)"

# The whole MAC table, page by page.
read -r entries pages longest distinct limit < <(tel tel --macs v)
t_check "MAC table: every entry listed once" "$((MACS + 3)) $((MACS + 3))" "$entries $distinct"
t_check "MAC table: pages of 256" $(((MACS + 3 + 255) / 256)) "$pages"
[ "$longest" -lt "$limit" ] || t_fail "a page of $longest bytes reached the limit of $limit"
out=$(tel tel --macs v 02:00:00:00:00:0a 02:00:00:00:00:0b 02:00:00:00:00:0c | tail -3)
t_match "MAC table: X on ac0, B on tel-pw1, C on ac1" \
	'^02:00:00:00:00:0a ac0 [0-9]+
02:00:00:00:00:0b tel-pw1 [0-9]+
02:00:00:00:00:0c ac1 [0-9]+$' "$out"

reply=$(tel tel /shmib/config)
t_check "config: file" "\"$T/tel.conf\"" "$(field "$reply" /shmib/config file)"
t_check "config: pseudowires" '["tel-pw1", "tel-pw2"]' "$(field "$reply" /shmib/config pseudowires)"
t_check "config: publish interval" 200 "$(field "$reply" /shmib/config publish_interval_ms)"
t_check "an unknown pseudowire: null" '{"/shmib/pseudowire":null}' "$(tel tel /shmib/pseudowire,nope)"

# The stock client.
if command -v dpdk-telemetry.py >/dev/null; then
	out=$(echo /shmib/pseudowires | dpdk-telemetry.py -f "shmib-l2vpn-$$-tel" 2>&1)
	t_match "dpdk-telemetry.py lists the pseudowires" 'tel-pw1.*tel-pw2' "$(tr -d '\n' <<<"$out")"
fi

# A reload that renumbers v's bridge ports (tel-pw1 removed): the whole
# table is copied into the new one but for B's entry, on tel-pw1.
sed -i '/^\[pseudowire tel-pw1\]/,/^key/d' "$T/tel.conf"
hup tel
t_match "reload without tel-pw1: applied" "reloaded $T/tel.conf" "$RELOAD_SAID"
t_log "$(grep -o 'MAC entries kept.*' "$T/dp-tel.log")"
read -r entries _ < <(tel tel --macs v)
t_check "the MAC table kept over the reload, but for B's entry" $((MACS + 2)) "$entries"
out=$(tel tel --macs v 02:00:00:00:00:0a 02:00:00:00:00:0b 02:00:00:00:00:0c | tail -3)
t_match "MAC table: X on ac0, B gone, C on ac1" \
	'^02:00:00:00:00:0a ac0 [0-9]+
02:00:00:00:00:0b missing
02:00:00:00:00:0c ac1 [0-9]+$' "$out"

dp_stop "$DP_PID"
t_done
