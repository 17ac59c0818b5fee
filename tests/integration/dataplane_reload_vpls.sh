#!/usr/bin/env bash
# SIGHUP applies the live changes of VPLS instances, ACs, heartbeat
# timers and the publish interval while host A pings host B every
# 10 ms through VPLS v1 (two ACs on veths into network namespaces):
# after each reload no ping was lost, A's and B's MACs are still in
# v1's table and no frame to them was flooded (the MAC table survives
# a reload).  Each change shows where a user looks: SNMP through snmpd
# and shmib-pseudowire (vplsConfigDescr, vplsConfigMtu, vplsIndex and
# pwIndex of what stays), the segments, the heartbeats sent on the
# uplink (a net_pcap port's output), the telemetry.  Ports joining the
# L2VPN or changing device are refused; a port leaving it stays polled
# and counts what it receives as discards; ids files that move leave
# no old ones behind.
. "$(dirname "$0")/../lib.sh"
. "$TOP/tests/data/l2vpn/reload.sh"
[ -n "$PY" ] || t_skip "no python3"

S=$$
XA=rva$S XB=rvb$S XC=rvc$S HOST_A=rv-a-$S HOST_B=rv-b-$S HOST_C=rv-c-$S
host "$HOST_A" "$XA"
host "$HOST_B" "$XB"
host "$HOST_C" "$XC"
ip -n "$HOST_A" addr add 10.97.0.1/24 dev eth0
ip -n "$HOST_B" addr add 10.97.0.2/24 dev eth0
colons() { sed 's/../&:/g; s/:$//' <<<"$1"; }
MAC_A=$(colons "$(host_mac "$HOST_A")") MAC_B=$(colons "$(host_mac "$HOST_B")")
MAC_C=$(colons "$(host_mac "$HOST_C")")
# No ARP: the only frames are the pings, unicast, counted one by one.
neigh() { ip -n "$1" neigh replace "$2" lladdr "$3" dev "$4" nud permanent; }
neigh "$HOST_A" 10.97.0.2 "$MAC_B" eth0
neigh "$HOST_B" 10.97.0.1 "$MAC_A" eth0
# C is a trunk (VLAN 10 may join v1, VLAN 30 is v3's); its frames are
# written whole, the kernel here may have no 802.1Q.
# c_sends VID DST N: N frames from C on VLAN VID to DST (ethertype
# 0x88b5, local experimental: nobody answers).
c_sends() {
	ip netns exec "$HOST_C" "$PY" -c 'import socket, sys
vid, dst, n, src = int(sys.argv[1]), bytes.fromhex(sys.argv[2].replace(":", "")), int(sys.argv[3]), bytes.fromhex(sys.argv[4].replace(":", ""))
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind(("eth0", 0))
for _ in range(n):
    s.send(dst + src + b"\x81\x00" + vid.to_bytes(2, "big") + b"\x88\xb5" + bytes(46))' "$1" "$2" "$3" "$MAC_C"
}
pcap_write "$T/empty.pcap"

# The configuration from these (changed between reloads):
PUBLISH=0.2 V1_DESCR="first" V1_MTU=1500 V1_ACS="a, b" V2=yes V3=no
HB2=1 IDS=$T/rv SPARE_AC= UP_DEVICE=net_pcap0 EXTRA_PORT=no
conf() {
	cat <<EOC
[global]
publish_interval = $PUBLISH

[l2vpn]
vpls_ids = $IDS.vpls-ids
pseudowire_ids = $IDS.pseudowire-ids

[port a]
device = net_af_packet0,iface=$XA

[port b]
device = net_af_packet1,iface=$XB

[port c]
device = net_af_packet2,iface=$XC

[port up]
device = $UP_DEVICE,rx_pcap=$T/empty.pcap,tx_pcap=$T/up.out.pcap

[port spare]
device = net_null0
EOC
	[ $EXTRA_PORT = no ] || printf '\n[port extra]\ndevice = net_null1\n'
	uplink_u up
	vpls_section v1 "$V1_ACS$SPARE_AC" "$V1_DESCR" "$V1_MTU"
	pw_section pw1 v1 1 0
	if [ $V2 = yes ]; then vpls_section v2 c.20 second; pw_section pw2 v2 2 "$HB2"; fi
	if [ $V3 = yes ]; then vpls_section v3 c.30 third; pw_section pw3 v3 3 0; fi
	return 0
}
conf >"$T/rv.conf"

dp_start rv --vdev "net_af_packet0,iface=$XA" --vdev "net_af_packet1,iface=$XB" \
	--vdev "net_af_packet2,iface=$XC" \
	--vdev "net_pcap0,rx_pcap=$T/empty.pcap,tx_pcap=$T/up.out.pcap" --vdev net_null0
SHM=$T/shm-rv
t_wait 10 test -S "$(tel_socket rv)" || t_die "no telemetry socket at $(tel_socket rv)"
snmpd_side rv
pw_agent rv
t_wait 20 rows_are rv $VPLSNAME "1 v1
2 v2" || t_fail "vplsConfigName before: $(snmp_rows rv $VPLSNAME)"

# tval CMD KEY: a value of a telemetry reply.
tval() { field "$(tel rv "$1")" "${1%%,*}" "$2"; }
tval_is() { [ "$(tval "$1" "$2")" = "$3" ]; }
# macs_of VPLS: where A's, B's and C's MACs are in its table.
macs_of() {
	tel rv --macs "$1" "$MAC_A" "$MAC_B" "$MAC_C" |
		tail -3 | awk '{ print $1, $2 }'
}
# gre_sent KEY: the GRE headers (key KEY, 8 hex digits) and what
# follows, of the frames the uplink sent, one a line.
gre_sent() { pcap_frames "$T/up.out.pcap" | cut -c109- | sed -n "s/^20006558$1//p"; }
# flooded_to_pw1: how many frames v1 has sent to pw1 (none but floods:
# only A and B talk on v1).
flooded_to_pw1() { gre_sent 00000001 | wc -l; }
# reload_pinging WHAT: a reload while A pings B; the reload applied, no
# ping lost, nothing flooded (the MAC table kept).
PINGS=200
reload_pinging() {
	local flooded
	conf >"$T/rv.conf"
	flooded=$(flooded_to_pw1)
	ping_during "$HOST_A" 10.97.0.2 $PINGS hup rv
	t_match "$1: applied" "reloaded $T/rv.conf" "$RELOAD_SAID"
	t_match "$1: A to B lost no ping" " $PINGS received, 0% packet loss" "$PING_SAID"
	t_check "$1: nothing flooded to pw1 (MAC table kept)" "$flooded" "$(flooded_to_pw1)"
}
# cc_intervals: the heartbeat intervals the uplink has sent in pw2's
# control messages (GRE key 0xfffffffe, first TLV), one a line.
cc_intervals() { gre_sent fffffffe | sed -n 's/^0102\(....\).*/\1/p' | uniq; }
sends_interval() { cc_intervals | tail -1 | grep -qx "$1"; }

ip netns exec "$HOST_A" ping -c 3 -i 0.2 -W 2 10.97.0.2 >/dev/null || t_die "no ping from A to B"
t_check "v1 learned A on a, B on b" "$MAC_A a
$MAC_B b
$MAC_C missing" "$(macs_of v1)"
flooded=$(tval /shmib/vpls,v1 flooded) pw1_out=$(tval /shmib/pseudowire,pw1 out_packets)
t_check "A's first frame to B flooded to pw1, once" 1 "$(flooded_to_pw1)"
t_wait 10 sends_interval 0001 || t_fail "pw2: no heartbeat of 1 s sent: $(cc_intervals)"
t_check "pw2: heartbeat on, nothing heard: down" 2 "$(dump_value "$SHM/pw2" pwOperStatus)"

# 1. Descriptions, v1's MTU, pw2's heartbeat interval.
a_in=$(tval /shmib/port,a ifHCInUcastPkts) b_out=$(tval /shmib/port,b ifHCOutUcastPkts)
V1_DESCR="first, renamed" V1_MTU=1400 HB2=2
reload_pinging "description, MTU, heartbeat"
t_check "the MAC table survived: A on a, B on b" "$MAC_A a
$MAC_B b
$MAC_C missing" "$(macs_of v1)"
t_check "... its statistics and pw1's counters go on" "$flooded $pw1_out" \
	"$(tval /shmib/vpls,v1 flooded) $(tval /shmib/pseudowire,pw1 out_packets)"
t_check "every frame A sent reached B (port counters)" \
	$(($(tval /shmib/port,a ifHCInUcastPkts) - a_in)) $(($(tval /shmib/port,b ifHCOutUcastPkts) - b_out))
t_wait 20 rows_are rv $VPLSDESCR "1 first, renamed
2 second" || t_fail "vplsConfigDescr: $(snmp_rows rv $VPLSDESCR)"
t_check "vplsConfigMtu" "1 1400
2 1500" "$(snmp_rows rv $VPLSMTU)"
t_check "vplsIndex kept" "1 v1
2 v2" "$(snmp_rows rv $VPLSNAME)"
t_check "pwDescr" "first, renamed" "$(dump_value "$SHM/pw1" pwDescr)"
drops=$(tval /shmib/vpls,v1 mtu_drops)
ip netns exec "$HOST_A" ping -c 1 -W 1 -s 1400 10.97.0.2 >/dev/null &&
	t_fail "a 1,428-byte packet crossed a VPLS of MTU 1400"
t_check "... it was dropped by the MTU check" $((drops + 1)) "$(tval /shmib/vpls,v1 mtu_drops)"
ip netns exec "$HOST_A" ping -c 1 -W 2 -s 1300 10.97.0.2 >/dev/null ||
	t_fail "a 1,328-byte packet did not cross a VPLS of MTU 1400"
t_wait 10 sends_interval 0002 || t_fail "pw2: the new interval is not sent: $(cc_intervals)"
t_check "pw2: heartbeat 2 in force" 2 "$(tval /shmib/pseudowire,pw2 heartbeat)"
t_check "pw2: still down" 2 "$(dump_value "$SHM/pw2" pwOperStatus)"

# 2. The publish interval: an hour, then 0.2 s again.  No traffic
# across this reload: what v1's table holds after it was carried over.
PUBLISH=3600
conf >"$T/rv.conf"
hup rv
t_match "publish interval 3600 s: applied" "reloaded $T/rv.conf" "$RELOAD_SAID"
t_check "a reload without traffic: A on a, B on b" "$MAC_A a
$MAC_B b
$MAC_C missing" "$(macs_of v1)"
t_check "telemetry: publish interval" 3600000 "$(tval /shmib/config publish_interval_ms)"
seg=$(dump_value "$SHM/a" ifHCInUcastPkts)
ip netns exec "$HOST_A" ping -c 5 -i 0.05 -W 2 10.97.0.2 >/dev/null || t_fail "A to B"
live=$(tval /shmib/port,a ifHCInUcastPkts)
[ "$live" -gt "$seg" ] || t_fail "port a counted nothing ($seg, $live)"
t_check "segments not published for an hour" "$seg" "$(dump_value "$SHM/a" ifHCInUcastPkts)"

# 3. Publish 0.2 s; c.10 joins v1 ahead of a and b (v1's bridge ports
# renumbered); pw2's heartbeat off.
PUBLISH=0.2 V1_ACS="c.10, a, b" HB2=0
reload_pinging "an AC added, heartbeat off"
t_wait 5 value_is "$SHM/a" ifHCInUcastPkts "$(tval /shmib/port,a ifHCInUcastPkts)" ||
	t_fail "segments not published again at 0.2 s"
t_wait 10 value_is "$SHM/pw2" pwOperStatus 1 || t_fail "pw2: heartbeat off, not up"
t_check "pw2: heartbeat off" '"off"' "$(tval /shmib/pseudowire,pw2 heartbeat_state)"
b_out=$(tval /shmib/port,b ifHCOutUcastPkts)
c_sends 10 "$MAC_B" 5
t_wait 10 tval_is /shmib/port,b ifHCOutUcastPkts $((b_out + 5)) ||
	t_fail "C's 5 frames on c.10 did not all reach B: $b_out, then $(tval /shmib/port,b ifHCOutUcastPkts)"
t_check "renumbered ports: A on a, B on b, C on c.10" "$MAC_A a
$MAC_B b
$MAC_C c.10" "$(macs_of v1)"

# 4. A whole VPLS added; pw2's heartbeat on again.
ino=$(stat -c %i "$IDS.vpls-ids")
V3=yes HB2=1
reload_pinging "a VPLS added, heartbeat on"
t_wait 10 value_is "$SHM/pw2" pwOperStatus 2 || t_fail "pw2: heartbeat on, nothing heard, not down"
t_wait 20 rows_are rv $VPLSNAME "1 v1
2 v2
3 v3" || t_fail "vplsConfigName with v3: $(snmp_rows rv $VPLSNAME)"
t_check "v3's segment published" "third" "$(dump_value "$SHM/v3" vplsConfigDescr)"
t_check "vpls ids: v3 added" "v1
v2
v3" "$(cat "$IDS.vpls-ids")"
[ "$(stat -c %i "$IDS.vpls-ids")" != "$ino" ] || t_fail "vpls ids rewritten in place, not replaced"
t_check "no temporary ids file left" "" "$(ls "$T" | grep '\.tmp\.')"
c_sends 30 02:00:00:00:03:04 3
t_wait 10 rows_are rv $PWNAME "1 pw1
2 pw2
3 pw3" || t_fail "pwName with pw3: $(snmp_rows rv $PWNAME)"
t_wait 10 tval_is /shmib/pseudowire,pw3 out_packets 3 ||
	t_fail "pw3 did not carry C's 3 frames on c.30: $(tval /shmib/pseudowire,pw3 out_packets)"

# 5. v2 (and pw2) removed, c.10 leaves v1.
V2=no V1_ACS="a, b"
reload_pinging "a VPLS and an AC removed"
t_wait 20 rows_are rv $VPLSNAME "1 v1
3 v3" || t_fail "vplsConfigName without v2: $(snmp_rows rv $VPLSNAME)"
t_check "pwIndex of pw1 and pw3 kept" "1 pw1
3 pw3" "$(snmp_rows rv $PWNAME)"
t_check "v2's and pw2's segments removed" "" "$(ls "$SHM" | grep -E '^(v2|pw2)(\.index)?$')"
t_check "C's MAC left with c.10; A's and B's stay" "$MAC_A a
$MAC_B b
$MAC_C missing" "$(macs_of v1)"
in_c=$(tval /shmib/port,c ifInDiscards)
c_sends 10 "$MAC_B" 2
t_wait 10 tval_is /shmib/port,c ifInDiscards $((in_c + 2)) || t_fail "c.10's frames not discarded"
t_check "... its frames discarded and counted on port c" $((in_c + 2)) "$(tval /shmib/port,c ifInDiscards)"

# 6. v3 removed: port c is no AC any more; it stays polled.
V3=no
reload_pinging "port c leaves the L2VPN"
in_c=$(tval /shmib/port,c ifInDiscards)
c_sends 30 02:00:00:00:03:04 2
t_wait 10 tval_is /shmib/port,c ifInDiscards $((in_c + 2))
t_check "port c: what it receives is discarded and counted" $((in_c + 2)) "$(tval /shmib/port,c ifInDiscards)"
t_check "vpls ids" "v1" "$(cat "$IDS.vpls-ids")"

# 7. Restart-only changes: refused, naming the key.
ids=$(cat "$IDS.pseudowire-ids")
refused() {
	conf >"$T/rv.conf"
	hup rv
	t_match "refused: [port $1] $2" "reload refused: $T/rv.conf:[0-9]*: \\[port $1\\] $2 needs a restart" \
		"$RELOAD_SAID"
}
SPARE_AC=", spare" refused spare "use as an uplink or ac"
UP_DEVICE=net_pcap9 refused up device
EXTRA_PORT=yes refused extra "added or renamed"
t_check "refused: nothing changed" "$ids" "$(cat "$IDS.pseudowire-ids")"

# 8. The ids files move: the old ones go.
old=$IDS IDS=$T/moved
reload_pinging "ids files moved"
t_check "new ids files" "v1 pw1" "$(cat "$IDS.vpls-ids") $(cat "$IDS.pseudowire-ids")"
t_check "old ids files removed" "" "$(ls "$old.vpls-ids" "$old.pseudowire-ids" 2>/dev/null)"

dp_stop "$DP_PID"
t_check "segments removed at exit" "" "$(ls "$SHM")"
t_check "no sanitizer report" "" "$(sanitizer_reports rv)"
t_done
