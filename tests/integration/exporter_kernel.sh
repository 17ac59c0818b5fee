#!/usr/bin/env bash
# shmib-exporter --kernel-interfaces yes in a namespace of the test's
# own: the kernel interfaces (lo and the test's veths) are rows at
# their kernel ifindex beside shmib-fakeseg's segments (map indices
# from 1001), labelled with their names; ifOperStatus follows `ip link
# set down/up`; ifHCInOctets/ifHCOutOctets move with a ping and equal
# what snmpd's native IF-MIB (net-snmp's if-mib, same namespace) serves
# once the traffic stopped (lo, which carries the queries themselves,
# within a small tolerance).  A map index that a kernel interface takes
# later withholds the segment's row, logged once; a map that gives a
# kernel ifindex is refused.  Also: --kernel-interfaces no serves no
# kernel row; a bad value is one error and exit 1; promtool accepts the
# exposition.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/exporter_lib.bash"
command -v promtool >/dev/null || t_skip "promtool (Debian package prometheus) is not installed"
command -v snmpd >/dev/null || t_skip "snmpd is not installed"
. "$(dirname "$0")/kernel_lib.bash"

# No IPv6: no router solicitations or MLD reports moving the counters
# after the ping stopped.
no_ipv6() {
	ip netns exec "$1" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
		net.ipv6.conf.default.disable_ipv6=1
}
no_ipv6 "$KNS"
veth kd0 kd1
kns_add "$KNS-peer"
no_ipv6 "$KNS-peer"
in_ns ip link add kt0 type veth peer name kt1 netns "$KNS-peer" || t_die "cannot create veth kt0"
in_ns ip addr add 10.97.0.1/24 dev kt0 && in_ns ip link set kt0 up
ip -n "$KNS-peer" addr add 10.97.0.2/24 dev kt1 && ip -n "$KNS-peer" link set kt1 up

"$BIN/shmib-fakeseg" --dir "$T/shm" --interfaces 3 --ifindex "$T/fake.map" >/dev/null ||
	t_die "shmib-fakeseg failed"
awk '!/^#/ && NF == 2 { print $1, 1000 + $2 }' "$T/fake.map" >"$T/shm.ifindex"

# The reference: snmpd with its own IF-MIB.
NATIVE_PORT=$(t_free_port)
printf 'agentaddress udp:127.0.0.1:%s\nrocommunity public 127.0.0.1\n' "$NATIVE_PORT" >"$T/native.conf"
t_bg native ip netns exec "$KNS" snmpd -f -C -c "$T/native.conf" -Lf "$T/native-snmpd.log" \
	-p "$T/native.pid"
t_wait 15 in_ns snmpget -v2c -c public -r 0 -t 1 "127.0.0.1:$NATIVE_PORT" .1.3.6.1.2.1.2.1.0 ||
	t_die "native snmpd did not start"

# k_exporter NAME ARGS...: shmib-exporter in the namespace on a port
# of its own (in $NAME_PORT), logging to $T/NAME.log.
k_exporter() {
	local name=$1 port; shift
	port=$(t_free_tcp_port)
	printf -v "${name}_PORT" %s "$port"
	t_bg "$name" ip netns exec "$KNS" "$BIN/shmib-exporter" -f --listen "127.0.0.1:$port" \
		--shmem-dir "$T/shm" --ifindex "$T/shm.ifindex" "$@"
	T_LAST=$!
	t_wait 10 in_ns curl -sf -o /dev/null "http://127.0.0.1:$port/metrics" ||
		t_die "shmib-exporter $name did not start (see $T/$name.log)"
}
k_scrape() { in_ns curl -sf --max-time 10 "http://127.0.0.1:${1:-$exporter_PORT}/metrics"; }
native() { in_ns snmpget -v2c -c public -Oqv -r 1 -t 3 "127.0.0.1:$NATIVE_PORT" "$1" 2>&1; }

k_exporter exporter --kernel-interfaces yes
EXPORTER=$T_LAST
k_scrape >"$T/m.prom" || t_die "scrape failed"

# Every kernel interface, at its ifindex, named.
kernel=()
for i in $(in_ns ls /sys/class/net); do kernel+=("$(ifindex_of "$i"):$i"); done
t_log "kernel interfaces: ${kernel[*]}"
t_check "lo and the test's veths are the namespace's interfaces" "kd0 kd1 kt0 lo" \
	"$(printf '%s\n' "${kernel[@]}" | cut -d: -f2 | sort | xargs)"
for e in "${kernel[@]}"; do
	x=${e%%:*} name=${e#*:}
	t_check "$name: ifOperStatus at ifIndex $x, labelled ifDescr and ifName $name" 1 \
		"$(sample ifOperStatus "ifIndex=\"$x\",ifAlias=\"\",ifDescr=\"$name\",ifName=\"$name\"" <"$T/m.prom")"
done
t_check "ifNumber: the kernel's interfaces and the three segments" $((${#kernel[@]} + 3)) \
	"$(sample ifNumber '' <"$T/m.prom")"
t_check "a segment beside them at its map index" '"0000:00:00.2"' \
	"\"$(sed -n 's/^ifOperStatus{ifIndex="1002",.*ifDescr="\([^"]*\)".*/\1/p' "$T/m.prom")\""
t_check "ifType of lo: softwareLoopback, as net-snmp" 1 \
	"$(sample ifType_info 'ifDescr="lo",.*ifType="softwareLoopback"' <"$T/m.prom")"

# promtool: parses, only snmp_exporter's naming findings.
promtool check metrics <"$T/m.prom" >"$T/promtool.out" 2>&1
t_match "promtool check metrics: no parse error (0 or lint-only 3)" '^(0|3)$' "$?"
t_check "promtool: only the snmp_exporter naming findings" "" \
	"$(grep -v -E "(label|metric) names should be written in 'snake_case' not 'camelCase'|counter metrics should have \"_total\" suffix" "$T/promtool.out")"

# Link state: each scrape reads the kernel's.
KD0=$(ifindex_of kd0) KT0=$(ifindex_of kt0)
oper() { k_scrape | sample ifOperStatus "ifIndex=\"$1\""; }
in_ns ip link set kd0 down
t_check "kd0 set down: ifOperStatus down(2) at the next scrape" 2 "$(oper "$KD0")"
t_check "...ifAdminStatus down(2)" 2 "$(k_scrape | sample ifAdminStatus "ifIndex=\"$KD0\"")"
t_check "...as snmpd's native IF-MIB says" 0 "$(t_wait 10 eval '[ "$(native .1.3.6.1.2.1.2.2.1.8.'"$KD0"')" = 2 ]'; echo $?)"
k_scrape >"$T/down.prom"
up=$(sample sysUpTime '' <"$T/down.prom") last=$(sample ifLastChange "ifIndex=\"$KD0\"" <"$T/down.prom")
t_match "ifLastChange of kd0 moved, not past sysUpTime ($last, $up)" yes \
	"$([ "$last" -gt 0 ] && [ "$last" -le "$up" ] && echo yes)"
in_ns ip link set kd0 up
t_check "kd0 set up: ifOperStatus up(1) at the next scrape" 1 "$(oper "$KD0")"

# Traffic: a ping moves kt0's octets both ways.
k_scrape >"$T/before.prom"
in_ns ping -q -c 10 -i 0.2 10.97.0.2 >"$T/ping.log" 2>&1 || t_fail "ping failed: $(cat "$T/ping.log")"
k_scrape >"$T/after.prom"
for c in ifHCInOctets ifHCOutOctets; do
	b=$(sample $c "ifIndex=\"$KT0\"" <"$T/before.prom") a=$(sample $c "ifIndex=\"$KT0\"" <"$T/after.prom")
	t_match "$c of kt0 moved by ten pings ($b -> $a)" yes "$([ $((a - b)) -ge 840 ] && echo yes)"
done

# Traffic stopped: the veths' counters equal the native ones (native
# snmpd caches its table for a few seconds: wait until it agrees).
declare -A OID=([ifHCInOctets]=.1.3.6.1.2.1.31.1.1.1.6 [ifHCOutOctets]=.1.3.6.1.2.1.31.1.1.1.10
	[ifHCInUcastPkts]=.1.3.6.1.2.1.31.1.1.1.7 [ifHCOutUcastPkts]=.1.3.6.1.2.1.31.1.1.1.11)
agrees() {      # agrees COLUMN IFINDEX
	local ours theirs
	ours=$(k_scrape | sample "$1" "ifIndex=\"$2\"") theirs=$(native "${OID[$1]}.$2")
	AGREED="$ours native $theirs"
	[ -n "$ours" ] && [ "$ours" = "$theirs" ]
}
for x in "$KT0" "$KD0"; do
	for c in "${!OID[@]}"; do
		t_wait 15 agrees "$c" "$x"
		agrees "$c" "$x"
		t_check "$c.$x equals snmpd's native IF-MIB ($AGREED)" 0 $?
	done
done
# lo carries the queries and the scrapes: ours between two native
# values, one loaded before our scrape and one after (each the first
# that differs from the cached one), and within 64 KiB of the first.
LO=$(ifindex_of lo) LO_IN=${OID[ifHCInOctets]}.$LO
fresh_native() {
	local old
	old=$(native "$LO_IN")
	t_wait 15 eval '[ "$(native "$LO_IN")" != "$old" ]' || t_fail "native lo counter never moved"
	native "$LO_IN"
}
n1=$(fresh_native) ours=$(k_scrape | sample ifHCInOctets "ifIndex=\"$LO\"") n2=$(fresh_native)
t_match "ifHCInOctets of lo between the native values, near the first ($n1 <= $ours <= $n2)" yes \
	"$([ "$n1" -le "$ours" ] && [ "$ours" -le "$n2" ] && [ $((ours - n1)) -le 65536 ] && echo yes)"

# A kernel interface takes the map index of a segment: the kernel's
# row is served, the segment's withheld, logged once naming the line.
in_ns ip link add kx0 index 1003 type veth peer name kx1 || t_die "cannot create veth kx0 at 1003"
k_scrape >"$T/taken.prom"; k_scrape >/dev/null
t_check "index 1003 is the kernel's kx0 now" 1 "$(grep -c '^ifAdminStatus{ifIndex="1003",.*ifDescr="kx0"' "$T/taken.prom")"
t_check "...the segment 0000:00:00.3 is not served" 0 "$(grep -c 'ifDescr="0000:00:00.3"' "$T/taken.prom")"
t_check "...logged once, naming the map line" 1 \
	"$(grep -c "shm.ifindex:3: ifIndex 1003 of '0000:00:00.3' is now the kernel interface kx0's" "$T/exporter.log")"
in_ns ip link del kx0
t_check "kx0 gone: the segment's row is back at 1003" 1 \
	"$(k_scrape | grep -c '^ifAdminStatus{ifIndex="1003",.*ifDescr="0000:00:00.3"')"
# A map that gives a kernel ifindex is refused; the previous one stays.
cp "$T/shm.ifindex" "$T/good.map"
echo "0000:00:00.9 $KT0" >>"$T/shm.ifindex"
t_check "map giving kt0's ifindex: the previous map stays" '"0000:00:00.2"' \
	"\"$(k_scrape | sed -n 's/^ifOperStatus{ifIndex="1002",.*ifDescr="\([^"]*\)".*/\1/p')\""
t_check "...logged, naming file and line" 1 \
	"$(grep -c "shm.ifindex:4: ifIndex $KT0 is the kernel interface kt0's; keeping the previous map" "$T/exporter.log")"

# --kernel-interfaces no: the segments alone.
mv "$T/good.map" "$T/shm.ifindex"
k_exporter off --kernel-interfaces no
OFF=$T_LAST
k_scrape "$off_PORT" >"$T/off.prom"
t_check "--kernel-interfaces no: no kernel row" "0 3" \
	"$(grep -c 'ifDescr="lo"\|ifDescr="kt0"' "$T/off.prom") $(sample ifNumber '' <"$T/off.prom")"
t_stop "$OFF"

# A bad value: one message, exit 1.
in_ns "$BIN/shmib-exporter" -f --listen 127.0.0.1:1 --ifindex "$T/shm.ifindex" \
	--kernel-interfaces maybe >"$T/bad.log" 2>&1
t_check "--kernel-interfaces maybe: exit 1, one line naming the value" "1 1 1" \
	"$? $(wc -l <"$T/bad.log") $(grep -c "kernel-interfaces: 'maybe' is neither yes nor no" "$T/bad.log")"

exporter_stop
t_done
