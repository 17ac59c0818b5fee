#!/usr/bin/env bash
# Live capture with the stock dpdk-dumpcap: a VPWS whose AC is a veth
# from a host pinging away, the uplink a net_pcap port writing what it
# sends.  While it forwards, dpdk-dumpcap (a secondary process: it
# needs hugepages, which the test reserves and gives back) captures 100
# frames on the uplink with the pseudowire's capture filter
# (/shmib/capture_filter): they are the GRE/IPv6 frames of the uplink's
# own output, byte for byte; then 10 frames on the AC, which are the
# inner frames of the uplink's output (the pseudowire before
# encapsulation).  A capture over telemetry on the uplink, at the same
# time, holds the frames dumpcap got.  Where dumpcap cannot attach, the
# test says why and is skipped.
. "$(dirname "$0")/../lib.sh"
. "$TOP/tests/data/l2vpn/pcap.sh"
. "$TOP/tests/data/l2vpn/run.sh"
. "$TOP/tests/data/l2vpn/hosts.sh"

command -v dpdk-dumpcap >/dev/null || t_skip "dpdk-dumpcap not installed (Debian package dpdk)"
command -v tcpdump >/dev/null || t_skip "no tcpdump"
PY=$(command -v /usr/bin/python3 || command -v python3) || t_skip "no python3"
NR=/proc/sys/vm/nr_hugepages
PAGES=96                        # 2 MiB each: the dataplane's -m 128 and dumpcap's share
[ -w $NR ] || t_skip "cannot reserve hugepages ($NR not writable)"
[ "$(awk '/^Hugepagesize:/ { print $2 }' /proc/meminfo)" = 2048 ] || t_skip "hugepages are not 2 MiB here"

# Hugepages: ours added to whatever others hold, given back on exit
# (after the processes stopped: l2vpn_exit runs this last), and a
# hugetlbfs of our own outside $T.
HUGE=$(mktemp -d "${TMPDIR:-/tmp}/shmib-huge.XXXXXX")
RESERVED=0
capture_cleanup() {
	umount "$HUGE" 2>/dev/null
	rmdir "$HUGE"
	[ "$RESERVED" -gt 0 ] && echo $(($(cat $NR) - RESERVED)) >$NR
	hosts_cleanup
}
L2VPN_CLEANUP=capture_cleanup
before=$(cat $NR)
echo $((before + PAGES)) >$NR
RESERVED=$(($(cat $NR) - before))
[ "$RESERVED" -ge $PAGES ] || t_skip "could reserve only $RESERVED of $PAGES hugepages"
mount -t hugetlbfs -o pagesize=2M nodev "$HUGE" || t_skip "cannot mount hugetlbfs"

S=$$ AC=cpa$S HOST=cap-h-$S
host "$HOST" "$AC"
ip -n "$HOST" addr add 10.97.0.1/24 dev eth0
ip -n "$HOST" neigh add 10.97.0.2 lladdr 02:00:00:00:00:0b dev eth0

{
	l2vpn_global cap
	port_section up "net_pcap0,rx_pcap=$T/up.in.pcap,tx_pcap=$T/up.out.pcap"
	port_section ac "net_af_packet0,iface=$AC"
	uplink_u up
	vpls_section v ac
	pseudowire_section cap-pw v 1 2001:db8::2 "heartbeat = 0" "tunnel = gre" "key = 0x1234"
} >"$T/cap.conf"
sed -i "s|^publish_interval = .*|&\ncapture_dir = $T|" "$T/cap.conf"
pcap_write "$T/up.in.pcap"
PREFIX=shmib-l2vpn-$$-cap       # dp_start's
DP_MEMORY="--huge-dir $HUGE -m 128" dp_start_vdevs cap

ip netns exec "$HOST" ping -i 0.01 10.97.0.2 >/dev/null 2>&1 &
PING=$!
T_PIDS+=($PING)

filter=$(capture_filter cap cap-pw)
t_match "capture filter of cap-pw" '^ip6 proto 47 and ' "$filter"

# dumpcap: interfaces are named by device (ifDescr).
dumpcap() {
	timeout 60 dpdk-dumpcap --file-prefix="$PREFIX" -q "$@" >>"$T/dumpcap.log" 2>&1
}
# The dataplane's own capture runs on the same port all along.
r=$(tel cap "/shmib/capture_start,up own.pcapng dir=tx filter=$filter")
t_match "a capture over telemetry starts beside dumpcap's" '"state":"running"' "$r"
dumpcap -i net_pcap0 -f "$filter" -c 100 -w "$T/up.pcapng"
rc=$?
r=$(tel cap /shmib/capture_stop,up)
t_match "... and stops, nothing dropped" '"frames_dropped":0' "$r"
[ $rc -eq 0 ] && [ -s "$T/up.pcapng" ] ||
	t_skip "dpdk-dumpcap could not capture (exit $rc): $(grep -v '^EAL: Requested device' "$T/dumpcap.log" | tail -3 | tr '\n' ' ')"
dumpcap -i net_af_packet0 -c 10 -w "$T/ac.pcapng" || t_fail "dumpcap on the AC: $(tail -3 "$T/dumpcap.log")"
t_check "forwarding went on: the dataplane is running" yes "$(kill -0 "$DP_PID" && echo yes)"
kill "$PING" 2>/dev/null
dp_stop "$DP_PID"

pcap_frames "$T/up.pcapng" >"$T/cap.hex"
pcap_frames "$T/up.out.pcap" >"$T/out.hex"
pcap_frames "$T/ac.pcapng" >"$T/ac.hex"
t_check "100 frames captured on the uplink" 100 "$(wc -l <"$T/cap.hex")"
t_check "all GRE over IPv6 to the peer, key 0x1234" 100 \
	"$(grep -c '^0200000000fe.\{12\}86dd6.\{11\}2f40.\{64\}20006558 *00001234' "$T/cap.hex")"
# The capture is a run of consecutive frames of the uplink's output.
t_check "the capture equals 100 consecutive frames of the uplink's output" yes \
	"$("$PY" -c 'import sys
cap, out = (open(f).read() for f in sys.argv[1:3])
print("yes" if cap and ("\n" + cap) in ("\n" + out) else "no")' "$T/cap.hex" "$T/out.hex")"
pcap_frames "$T/own.pcapng" >"$T/own.hex"
t_check "the dataplane's capture holds dumpcap's 100 frames, in a row" yes \
	"$("$PY" -c 'import sys
cap, own = (open(f).read() for f in sys.argv[1:3])
print("yes" if cap and ("\n" + cap) in ("\n" + own) else "no")' "$T/cap.hex" "$T/own.hex")"
t_check "10 frames captured on the AC" 10 "$(wc -l <"$T/ac.hex")"
# Before encapsulation: each is the payload of an uplink frame (after
# Ethernet 14, IPv6 40, GRE 8 bytes: 124 hex digits).
cut -c125- "$T/out.hex" >"$T/inner.hex"
t_check "the AC's frames are the pseudowire's inner frames" 10 \
	"$(grep -cxFf "$T/inner.hex" "$T/ac.hex")"
t_done
