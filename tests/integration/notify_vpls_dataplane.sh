#!/usr/bin/env bash
# The forwarding-table alarm end to end: shmib-dataplane runs a VPLS
# whose MAC table holds 16 entries (mac_table = 16, watermarks
# fwd_full_high = 50 and fwd_full_low = 25 percent) on two
# net_af_packet ports into hosts A and B (network namespaces); host A
# sends frames from many source MACs.  shmib-pseudowire, on the
# dataplane's segments, sends through a real snmpd to a real snmptrapd:
#  - nothing while the table is under half full;
#  - one vplsFwdFullAlarmRaised and one cvplsFwdFullAlarmRaised
#    (vplsConfigVpnId and both watermarks, as configured) once it is;
#  - nothing more while it stays full, fed new sources it cannot hold;
#  - one vplsFwdFullAlarmCleared and one cvplsFwdFullAlarmCleared once
#    the entries have aged out (mac_aging = 6);
#  - vplsStatusChanged and cvplsStatusChanged, oper down(2), when the
#    dataplane is killed (its writer gone), and no alarm for that;
#  - shmib-exporter then serves the fill level shmib-dump reads in the
#    segment the dataplane left.
# loads: daemon module
. "$(dirname "$0")/../lib.sh"
. "$TOP/tests/data/l2vpn/pcap.sh"
. "$TOP/tests/data/l2vpn/run.sh"
. "$TOP/tests/data/l2vpn/hosts.sh"
. "$(dirname "$0")/notify_lib.bash"

[ -x "$DP" ] || t_die "$DP not built"
[ -x "$BIN/shmib-pseudowire" ] || t_skip "shmib-pseudowire is not built"
command -v python3 >/dev/null || t_skip "no python3 (to send frames from many MACs)"

VPLS=1.3.6.1.2.1.10.274 CVPLS=1.3.6.1.4.1.9.10.138
RAISED=$VPLS.0.2 CLEARED=$VPLS.0.3 CRAISED=$CVPLS.0.2 CCLEARED=$CVPLS.0.3
ALL="$RAISED $CLEARED $CRAISED $CCLEARED"
S=$$
host "l2vpn-ffa-$S" "l2fa$S"
host "l2vpn-ffb-$S" "l2fb$S"
NS_A=l2vpn-ffa-$S

{
	l2vpn_global ff
	port_section up net_null0,no-rx=1
	port_section a "net_af_packet0,iface=l2fa$S"
	port_section b "net_af_packet1,iface=l2fb$S"
	uplink_u up
	vpls_section fill "a, b" "small table" "" "mac_table = 16" "mac_aging = 6" \
		"fwd_full_high = 50" "fwd_full_low = 25"
	pseudowire_section ff-pw fill 1 2001:db8::2 "tunnel = gre" "key = 1" "heartbeat = 0"
} >"$T/ff.conf"
dp_start_vdevs ff

trapd_start
t_snmpd
t_agent pseudowire pseudowire --shmem-dir "$T/shm-ff" --vpls-ids "$T/ff.vpls-ids" \
	--pseudowire-ids "$T/ff.pseudowire-ids" --state-file "$T/state" --check-interval 1
LOG=$AGENT_LOG
t_wait 15 sh -c "snmpget -v2c -c public -On -Oqv 127.0.0.1:$SNMP_PORT .$VPLS.1.3.1.1.1 | grep -qx 1" ||
	t_die "the VPLS is not served up ($(tail -3 "$LOG"))"
t_check "the watermarks served, both modules" "50 25 50 25 " \
	"$(t_get -Oqv .$VPLS.1.2.1.10.1 .$VPLS.1.2.1.11.1 .$CVPLS.1.2.1.10.1 .$CVPLS.1.2.1.11.1 2>&1 | tr '\n' ' ')"

# send FIRST:N|+SECONDS...: host A sends N broadcast frames from the
# source MACs 02:00:5e:00:00:FIRST and on (flooded to B and the
# pseudowire), or pauses; one process for all, so that only the pauses
# (not the start of a process on a loaded machine) come between them.
send() {
	ip netns exec "$NS_A" python3 -c '
import socket, sys, time
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind(("eth0", 0))
for a in sys.argv[1:]:
    if a[0] == "+":
        time.sleep(float(a[1:]))
        continue
    first, n = map(int, a.split(":"))
    for i in range(first, first + n):
        s.send(b"\xff" * 6 + bytes([2, 0, 0x5e, 0, i >> 8, i & 255]) + b"\x88\xb5" + bytes(46))
' "$@" || t_die "cannot send from $NS_A"
}
# arrived N: port a has received N of host A's broadcasts.
arrived() { [ "$(dump_value "$T/shm-ff/a" ifHCInBroadcastPkts)" -ge "$1" ]; }
alarm() { echo "$1 $VPLS.1.2.1.14.1 = \"\" $VPLS.1.2.1.10.1=50 $VPLS.1.2.1.11.1=25"; }
calarm() { echo "$1 $CVPLS.1.2.1.14.1 = \"\" $CVPLS.1.2.1.10.1=50 $CVPLS.1.2.1.11.1=25"; }


send 1:7
t_wait 10 arrived 7 || t_die "host A's frames did not reach the dataplane"
sleep 1         # published (every 0.2 s) and read
t_check "7 of 16 entries, under 50 %: nothing" 0 "$(ntraps $ALL)"
# Then 24 new sources (9 fit), and a second later the 16 again and 10
# new ones, all within mac_aging of one another.
send 8:24 +1 1:16 100:10
t_wait 10 arrived 57 || t_fail "host A's other frames did not reach the dataplane"
EXPECT_WAIT=30    # the clear comes after mac_aging
expect "full: one raise of each module" "$(alarm $RAISED)" "$(calarm $CRAISED)"
expect "still full, with new sources it cannot hold: nothing; aged out: one clear of each" \
	"$(alarm $CLEARED)" "$(calarm $CCLEARED)"
t_check "no other notifications" "$seen" "$(ntraps $ALL)"
t_check "no sanitizer report" 0 "$(cat "$T"/pseudowire*.log "$LOG" "$T/dp-ff.log" | grep -c -E 'Sanitizer|runtime error')"

# The dataplane dies: its VPLS is served down, and the status change
# is sent (whatever was sent while it started up is not counted).
CHANGED=$VPLS.0.1 CCHANGED=$CVPLS.0.1
before=$(ntraps $CHANGED $CCHANGED)
kill -9 "$DP_PID"
t_wait 20 got $((before + 2)) $CHANGED $CCHANGED
t_check "the dataplane killed: vplsStatusChanged and cvplsStatusChanged, oper down(2)" \
	"$(printf '%s\n' "$CHANGED $VPLS.1.2.1.14.1 = \"\" $VPLS.1.2.1.4.1=1 $VPLS.1.3.1.1.1=2" \
		"$CCHANGED $CVPLS.1.2.1.14.1 = \"\" $CVPLS.1.2.1.4.1=1 $CVPLS.1.3.1.1.1=2")" \
	"$(traps $CHANGED $CCHANGED | tail -n +$((before + 1)) | sort)"
t_check "no alarm for the dead writer's table" "$seen" "$(ntraps $ALL)"

# The segment stays as the writer last published it: shmib-exporter
# serves the fill level shmib-dump reads there.
if command -v curl >/dev/null; then
	: >"$T/none.ifindex"
	EXP_PORT=$(t_free_tcp_port)
	t_bg exporter "$BIN/shmib-exporter" -f --listen "127.0.0.1:$EXP_PORT" --shmem-dir "$T/shm-ff" \
		--ifindex "$T/none.ifindex" --vpls-ids "$T/ff.vpls-ids" \
		--pseudowire-ids "$T/ff.pseudowire-ids" --state-file "$T/state"
	t_wait 10 curl -sf -o "$T/m.prom" "http://127.0.0.1:$EXP_PORT/metrics" ||
		t_fail "shmib-exporter did not serve (see $T/exporter.log)"
	served() { awk -v n="shmib_vpls_fwd_$1" '$1 ~ "^" n "[{]" && /vplsConfigIndex="1",vplsConfigName="fill"/ { print $NF }' "$T/m.prom"; }
	t_check "shmib-exporter: the fill level as shmib-dump reads it" \
		"$(dump_value "$T/shm-ff/fill" _X_vplsFwdEntries) $(dump_value "$T/shm-ff/fill" _X_vplsFwdCapacity)" \
		"$(served entries) $(served capacity)"
	t_check "...of mac_table = 16" 16 "$(served capacity)"
fi
t_done
