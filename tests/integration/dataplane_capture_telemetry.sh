#!/usr/bin/env bash
# Capture inside the dataplane over telemetry, without hugepages: a
# dataplane started with --no-huge cross-connects two net_af_packet
# ports (a, b), each a veth into a host namespace that sends numbered
# frames (tests/data/frames.py).  Through dpdk-telemetry.py and the
# tests' client: a capture of a's input holds every frame sent, in
# order, byte for byte (read back with tcpdump); a BPF filter keeps
# only its frames; a count ends a capture by itself; dir=both holds
# both directions in the order they passed, while b's output is
# captured at once; bad requests (unknown port or option, bad filter
# with the compiler's message, a file name with '/', an existing file,
# a busy port, capture_dir missing or read-only) are answered with an
# error and forwarding goes on; a capture runs across a reload, stops at
# the size cap (logged once), and is closed complete at SIGTERM.
# Every frame sent was forwarded (the ports' counters).
. "$(dirname "$0")/../lib.sh"
. "$TOP/tests/data/l2vpn/pcap.sh"
. "$TOP/tests/data/l2vpn/run.sh"
. "$TOP/tests/data/l2vpn/hosts.sh"

command -v tcpdump >/dev/null || t_skip "no tcpdump"
[ -n "$PY" ] || t_skip "no python3"
FRAMES=$TOP/tests/data/frames.py
S=$$ HA=ctel-a-$S HB=ctel-b-$S
host "$HA" cta$S
host "$HB" ctb$S
CAP=$T/cap
mkdir -p "$CAP"
cat >"$T/ct.conf" <<EOC
[global]
publish_interval = 0.1
capture_dir = $CAP
[port a]
device = net_af_packet0,iface=cta$S
xconnect = b
[port b]
device = net_af_packet1,iface=ctb$S
EOC

# The dataplane, as run.sh's dp_start but without the L2VPN's files.
PREFIX=shmib-l2vpn-$$-ct
start() {
	t_bg dp-ct "$DP" --no-huge -m 256 --no-pci -l 0,1 --file-prefix "$PREFIX" \
		--vdev "net_af_packet0,iface=cta$S" --vdev "net_af_packet1,iface=ctb$S" \
		-- --config "$T/ct.conf" --shmem-dir "$T/shm" -f
	DP_PID=$!
	t_wait 20 grep -q "forwarding on" "$T/dp-ct.log" || t_die "dataplane did not start: $(tail -5 "$T/dp-ct.log")"
	t_wait 10 tel_answers ct /shmib/ports || t_die "no telemetry: $(tail -3 "$T/dp-ct.log")"
}
start

# send HOST ETHERTYPE FIRST N [LEN]; SENT_A counts what went into a.
SENT_A=0 SENT_B=0
send() {
	ip netns exec "$1" "$PY" "$FRAMES" send eth0 "${@:2}" || t_fail "cannot send from $1"
	case $1 in $HA) SENT_A=$((SENT_A + $4)) ;; $HB) SENT_B=$((SENT_B + $4)) ;; esac
}
expect() { "$PY" "$FRAMES" hex "$@"; }
out_of() { field "$(tel ct "/shmib/port,$1")" /shmib/port ifHCOutUcastPkts; }
forwarded_all() { [ "$(out_of b)" = "$SENT_A" ] && [ "$(out_of a)" = "$SENT_B" ]; }
forwarded() { t_wait 10 forwarded_all || t_fail "$1: forwarded a $(out_of b) of $SENT_A, b $(out_of a) of $SENT_B"; }
# cap CMD [ARG]: the reply (JSON) through the tests' client.
cap() { tel ct "$1${2:+,$2}"; }
# tpy CMD: the reply through the stock client, on one line.
tpy() { echo "$1" | dpdk-telemetry.py -f "$PREFIX" 2>&1 | tr -d '\n'; }
# val REPLY KEY...: a value inside the reply of any command, strings bare.
val() { "$PY" -c 'import json,sys
v = next(iter(json.loads(sys.argv[1]).values()))
for k in sys.argv[2:]: v = v[k]
print(v if isinstance(v, str) else json.dumps(v))' "$@"; }
# isb FILE: "IFRECV IFDROP" of the pcapng file's statistics blocks.
isb() { "$PY" -c 'import struct,sys
b = open(sys.argv[1], "rb").read()
i = 0
while i + 8 <= len(b):
    t, n = struct.unpack_from("<II", b, i)
    if t == 5:
        o, opts = i + 20, {}
        while o < i + n - 4:
            c, l = struct.unpack_from("<HH", b, o)
            if c == 0: break
            opts[c] = b[o + 4:o + 4 + l]
            o += 4 + (l + 3) // 4 * 4
        print(*(struct.unpack("<Q", opts[c])[0] if c in opts else "-" for c in (4, 5)))
    i += n' "$1"; }
frames_of() { pcap_frames "$CAP/$1"; }

# 1. a's input, started through dpdk-telemetry.py.
if command -v dpdk-telemetry.py >/dev/null; then
	r=$(tpy "/shmib/capture_start,a rx.pcapng dir=rx")
	t_match "dpdk-telemetry.py starts a capture" '"state": "running"' "$r"
else
	r=$(cap /shmib/capture_start "a rx.pcapng dir=rx")
	t_check "capture started" running "$(val "$r" state)"
fi
send "$HA" 88b5 1 20
forwarded "capture of a's input"
r=$(cap /shmib/capture_stop a)
t_check "stop: 20 frames captured, none dropped, seen 20" "20 0 20" \
	"$(val "$r" frames_captured) $(val "$r" frames_dropped) $(val "$r" frames_seen)"
t_check "bytes_written is the file's size" "$(stat -c %s "$CAP/rx.pcapng")" "$(val "$r" bytes_written)"
t_check "the file holds the frames sent, in order, unchanged" "$(expect 88b5 1 20)" "$(frames_of rx.pcapng)"
t_check "the statistics block: received 20, dropped 0" "20 0" "$(isb "$CAP/rx.pcapng")"
t_match "logged: ended, 20 frames" "capture on a into $CAP/rx.pcapng ended \(stopped over telemetry\): 20 frames, 0 dropped" "$(cat "$T/dp-ct.log")"

# 2. A filter keeps only its frames; the others are seen.
r=$(cap /shmib/capture_start "a filtered.pcapng dir=rx filter=ether proto 0x88b6")
t_check "filtered capture started" "running ether proto 0x88b6" "$(val "$r" state) $(val "$r" filter)"
for k in 1 2 3 4 5; do send "$HA" 88b5 $((100 + k)) 2; send "$HA" 88b6 $((200 + 2 * k)) 2; done
forwarded "filtered capture"
r=$(cap /shmib/capture_stop a)
t_check "filter: 10 captured of 20 seen" "10 20" "$(val "$r" frames_captured) $(val "$r" frames_seen)"
t_check "filter: only the 0x88b6 frames, in order" "$(expect 88b6 202 10)" "$(frames_of filtered.pcapng)"

# 3. A count ends the capture by itself; by ifDescr; snaplen.
r=$(cap /shmib/capture_start "net_af_packet0 count.pcapng count=5 snaplen=20")
t_check "count capture started on a by its ifDescr" "a 5 20" "$(val "$r" port) $(val "$r" count) $(val "$r" snaplen)"
send "$HA" 88b5 300 20
forwarded "count capture"
ended() { [ "$(val "$(cap /shmib/captures)" a state)" = ended ]; }
t_wait 10 ended || t_fail "the count did not end the capture: $(cap /shmib/captures)"
r=$(cap /shmib/captures)
t_check "count: ended by it, 5 frames" "count reached 5" "$(val "$r" a ended) $(val "$r" a frames_captured)"
t_check "count: the first 5 frames, 20 bytes of each" "$(expect 88b5 300 5 | cut -c1-40)" "$(frames_of count.pcapng)"
t_check "count: tcpdump sees the frames' length" 5 "$(tcpdump -r "$CAP/count.pcapng" -nn 2>/dev/null | grep -c 'length 60')"

# 4. Both directions on a, b's output at once.
cap /shmib/capture_start "a both.pcapng" >/dev/null
r=$(cap /shmib/capture_start "b btx.pcapng dir=tx")
t_check "a second port captures at once" running "$(val "$r" state)"
send "$HA" 88b5 400 10
forwarded "both, a to b"
send "$HB" 88b5 500 10
forwarded "both, b to a"
send "$HA" 88b5 410 5
forwarded "both, a to b again"
r=$(cap /shmib/capture_stop a)
t_check "both: 25 frames" 25 "$(val "$r" frames_captured)"
t_check "both: rx and tx in the order they passed" \
	"$(expect 88b5 400 10; expect 88b5 500 10; expect 88b5 410 5)" "$(frames_of both.pcapng)"
r=$(cap /shmib/capture_stop b)
t_check "b's output: what a received" "$(expect 88b5 400 10; expect 88b5 410 5)" "$(frames_of btx.pcapng)"

# 5. Bad requests: an error each, nothing started, forwarding goes on.
err() { val "$(cap "$@")" error; }
t_check "unknown port" "no port nope" "$(err /shmib/capture_start "nope x.pcapng")"
t_match "no file name" '^expected PORT FILE' "$(err /shmib/capture_start a)"
t_match "a file name with '/'" "'../x.pcapng': the file name may not hold '/'" "$(err /shmib/capture_start "a ../x.pcapng")"
t_match "an unknown option" "unknown option 'speed=9'" "$(err /shmib/capture_start "a x.pcapng speed=9")"
t_match "a bad direction" "dir=up: rx, tx or both" "$(err /shmib/capture_start "a x.pcapng dir=up")"
t_match "a bad count" "count=many" "$(err /shmib/capture_start "a x.pcapng count=many")"
t_match "a bad filter: the compiler's message" '^filter: .*(syntax error|unknown)' \
	"$(err /shmib/capture_start "a x.pcapng filter=ether proto bogus and (")"
t_match "an existing file" "rx.pcapng: File exists \(a capture never overwrites a file\)" \
	"$(err /shmib/capture_start "a rx.pcapng")"
cap /shmib/capture_start "a busy.pcapng" >/dev/null
t_match "a busy port" "port a is busy: capturing into busy.pcapng" "$(err /shmib/capture_start "a other.pcapng")"
t_check "stop without a capture" "no capture running on port b" "$(err /shmib/capture_stop b)"
t_check "nothing left behind by the bad requests" "both.pcapng btx.pcapng busy.pcapng count.pcapng filtered.pcapng rx.pcapng" \
	"$(ls "$CAP" | tr '\n' ' ' | sed 's/ $//')"
send "$HA" 88b5 600 10
forwarded "after the bad requests"

# 6. A reload keeps the capture; capture_dir changes for the next ones.
sed -i "s|^capture_dir = .*|capture_dir = $T/missing|" "$T/ct.conf"
hup ct
t_match "reload applied" "reloaded $T/ct.conf" "$RELOAD_SAID"
send "$HA" 88b5 700 10
forwarded "after the reload"
r=$(cap /shmib/capture_stop a)
t_check "the capture went on across the reload" "$(expect 88b5 600 10; expect 88b5 700 10)" "$(frames_of busy.pcapng)"
t_match "capture_dir missing" "capture_dir $T/missing: No such file or directory" \
	"$(err /shmib/capture_start "a x.pcapng")"
if mkdir "$T/ro" && mount -t tmpfs -o ro,size=1m tmpfs "$T/ro" 2>/dev/null; then
	sed -i "s|^capture_dir = .*|capture_dir = $T/ro|" "$T/ct.conf"
	hup ct
	t_match "capture_dir read-only" "$T/ro/x.pcapng: Read-only file system" "$(err /shmib/capture_start "a x.pcapng")"
	umount "$T/ro"
else
	t_log "no read-only capture_dir checked (cannot mount a tmpfs here)"
fi

# 7. The size cap: capture_max_mb 1, 1,400 frames of 1,000 bytes.
sed -i "s|^capture_dir = .*|capture_dir = $CAP\ncapture_max_mb = 1|" "$T/ct.conf"
hup ct
t_match "reload with capture_max_mb" "reloaded $T/ct.conf" "$RELOAD_SAID"
cap /shmib/capture_start "a big.pcapng dir=rx" >/dev/null
for k in 0 1 2 3 4 5 6; do send "$HA" 88b5 $((1000 + k * 200)) 200 1000; forwarded "size cap, $k"; done
t_wait 10 ended || t_fail "the cap did not end the capture: $(cap /shmib/captures)"
r=$(cap /shmib/captures)
t_check "ended at the size cap" "size cap reached (capture_max_mb 1)" "$(val "$r" a ended)"
t_check "every frame seen is in the file or counted as dropped" "$(val "$r" a frames_seen)" \
	"$(($(val "$r" a frames_captured) + $(val "$r" a frames_dropped)))"
size=$(stat -c %s "$CAP/big.pcapng")
t_check "the file is within the cap" yes "$([ "$size" -le 1048576 ] && echo yes)"
n=$(frames_of big.pcapng | wc -l)
t_check "the file holds the first frames, readable" "$(expect 88b5 1000 "$n" 1000 | md5sum)" "$(frames_of big.pcapng | md5sum)"
[ "$n" -gt 900 ] || t_fail "only $n frames before the cap"
t_check "the cap logged once" 1 "$(grep -c 'size cap reached' "$T/dp-ct.log")"

# 8. SIGTERM while capturing: the file is complete.
cap /shmib/capture_start "a term.pcapng" >/dev/null
sent_at=$(date +%s)
send "$HA" 88b5 3000 10
forwarded "before SIGTERM"
t_check "every frame sent into a went out of b, and b's into a" "$SENT_A $SENT_B" "$(out_of b) $(out_of a)"
kill -TERM "$DP_PID"
wait "$DP_PID"
t_check "a clean exit (every mbuf back in the pool)" 0 "$?"
t_check "no sanitizer report" "" "$(grep -E 'Sanitizer|runtime error' "$T/dp-ct.log")"
t_match "logged: ended at shutdown" "into $CAP/term.pcapng ended \(the dataplane stopped\): 10 frames" "$(cat "$T/dp-ct.log")"
t_check "the file is complete" "$(expect 88b5 3000 10)" "$(frames_of term.pcapng)"
# Seconds after the start, DPDK 22.11's own conversion of TSC cycles
# to time has overflowed: the frames must still carry the wall clock.
stamped=$(tcpdump -r "$CAP/term.pcapng" -tt -c 1 2>/dev/null | head -1 | cut -d. -f1)
t_check "the frames carry the time they passed (within a minute)" yes \
	"$([ $((stamped - sent_at)) -ge -60 ] && [ $((stamped - sent_at)) -le 60 ] && echo yes)"
t_check "tcpdump reads it without complaint" "" "$(tcpdump -r "$CAP/term.pcapng" -nn 2>&1 >/dev/null | grep -v '^reading from')"

# 9. A bad capture_dir in the file: file:line, nothing started.
sed -i "s|^capture_dir = .*|capture_dir = relative/dir|" "$T/ct.conf"
out=$("$DP" --no-huge -- --config "$T/ct.conf" 2>&1)
t_check "capture_dir relative: file:line" \
	"shmib-dataplane: error: $T/ct.conf:3: [global] capture_dir: 'relative/dir' is not an absolute path" "$out"
sed -i "s|^capture_max_mb = .*|capture_max_mb = 0|; s|^capture_dir = .*|capture_dir = /tmp|" "$T/ct.conf"
t_match "capture_max_mb 0: file:line" "ct.conf:4: \[global\] capture_max_mb: '0' is not a size in MiB \(1..1048576\)" \
	"$("$DP" --no-huge -- --config "$T/ct.conf" 2>&1)"
t_done
