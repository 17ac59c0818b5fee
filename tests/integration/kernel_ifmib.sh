#!/usr/bin/env bash
# Kernel interfaces against the reference: in a namespace of the test's
# own with veth pairs (one set down, one with an alias, one with a
# changed MTU, traffic on one), snmpd's native IF-MIB (net-snmp's
# if-mib module) on one port and snmpd -I -ifTable,ifXTable,ifNumber
# plus shmib-interface on another serve the same kernel rows: every
# column of every kernel row equal, counters between what the native
# agent served before and after (traffic flows meanwhile).  Dataplane
# rows (shmib-fakeseg) sit beside them at their map indices, and
# ifNumber counts both.
#
# One column differs on purpose: ifAlias is the kernel's alias
# (IFLA_IFALIAS), as net-snmp serves it since "IF-MIB: Sync ifAlias
# with /sys/class/net/*/ifalias"; 5.9.3 serves its own stored value
# ("" here), so the test checks the alias against `ip link` instead.
# loads: daemon module
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/kernel_lib.bash"

IF=.1.3.6.1.2.1.2.2.1 IFX=.1.3.6.1.2.1.31.1.1.1
veth kd0 kd1; in_ns ip link set kd0 down
veth ka0 ka1; in_ns ip link set ka0 alias "uplink to rtr-2"
veth km0 km1; in_ns ip link set km0 mtu 9000
# Traffic: kt0 here, kt1 in a second namespace, ping between them.
kns_add "$KNS-peer"
in_ns ip link add kt0 type veth peer name kt1 netns "$KNS-peer" || t_die "cannot create veth kt0"
in_ns ip addr add 10.98.0.1/24 dev kt0 && in_ns ip link set kt0 up
ip -n "$KNS-peer" addr add 10.98.0.2/24 dev kt1 && ip -n "$KNS-peer" link set kt1 up
t_bg ping ip netns exec "$KNS-peer" ping -q -i 0.05 10.98.0.1

# The reference: snmpd with its own IF-MIB, no master agent.
NATIVE_PORT=$(t_free_port)
printf 'agentaddress udp:127.0.0.1:%s\nrocommunity public 127.0.0.1\n' "$NATIVE_PORT" >"$T/native.conf"
t_bg native ip netns exec "$KNS" snmpd -f -C -c "$T/native.conf" -Lf "$T/native-snmpd.log" \
	-p "$T/native.pid"
t_snmpd
# Dataplane rows from 1001 on, as the operator guide suggests.
"$BIN/shmib-fakeseg" --dir "$T/shm" --interfaces 3 --ifindex "$T/fake.map" >/dev/null ||
	t_die "shmib-fakeseg failed"
awk '!/^#/ && NF == 2 { print $1, 1000 + $2 }' "$T/fake.map" >"$T/ifindex"
k_agent agent --ifindex "$T/ifindex"
t_wait 15 served 1003 || t_die "dataplane rows not served (see $AGENT_LOG)"
t_wait 15 in_ns snmpget -v2c -c public -r 0 -t 1 "127.0.0.1:$NATIVE_PORT" .1.3.6.1.2.1.2.1.0 ||
	t_die "native snmpd did not start"

walk_both() { k_walk .1.3.6.1.2.1.2 "$1"; k_walk .1.3.6.1.2.1.31.1.1 "$1"; }
# Native before (its cache may be up to 3 s old), ours at least 1 s
# later (so our own counters are read after it), native after its
# cache expired: for every counter, before <= ours <= after.
walk_both "$NATIVE_PORT" >"$T/native1"
sleep 1.2
walk_both "$SNMP_PORT" >"$T/ours"
sleep 3.5
walk_both "$NATIVE_PORT" >"$T/native2"

kernel=$(in_ns ls /sys/class/net | while read -r i; do ifindex_of "$i"; done | sort -n | tr '\n' ' ')
t_log "kernel ifindexes: $kernel"
t_check "ifIndex column: the kernel's ifindexes, then the dataplane's map indices" \
	"${kernel}1001 1002 1003" "$(grep "^$IF.1\." "$T/ours" | awk '{ print $2 }' | tr '\n' ' ' | sed 's/ $//')"
t_check "ifNumber counts both kinds" "$(($(wc -w <<<"$kernel") + 3))" \
	"$(grep '^.1.3.6.1.2.1.2.1.0 ' "$T/ours" | awk '{ print $2 }')"

# Counters: column arcs of ifTable and ifXTable whose values move.
counter() {
	case $1 in
	"$IF".1[0-9] | "$IF".20) return 0 ;;
	"$IFX".[2-9] | "$IFX".1[0-3]) return 0 ;;
	esac
	return 1
}
declare -A N1 N2
while read -r oid val; do N1[$oid]=$val; done <"$T/native1"
while read -r oid val; do N2[$oid]=$val; done <"$T/native2"
diffs=0 checked=0
while read -r oid val; do
	row=${oid##*.} col=${oid%.*}
	case " $kernel " in *" $row "*) ;; *) continue ;; esac
	[ "$col" = "$IFX.18" ] && continue     # ifAlias: below
	n1=${N1[$oid]:-absent} n2=${N2[$oid]:-absent}
	checked=$((checked + 1))
	if counter "$col"; then
		[[ $val =~ ^[0-9]+$ && $n1 =~ ^[0-9]+$ && $n2 =~ ^[0-9]+$ ]] &&
			[ "$n1" -le "$val" ] && [ "$val" -le "$n2" ] && continue
		t_fail "$oid: $val not between native $n1 and $n2"
	else
		[ "$val" = "$n1" ] && continue
		t_fail "$oid: '$val', native '$n1'"
	fi
	diffs=$((diffs + 1))
done < <(grep -E "^($IF|$IFX)\." "$T/ours")
t_log "$checked kernel values compared, $diffs differ"
t_check "every native kernel value is served, no more" \
	"$(grep -E "^($IF|$IFX)\." "$T/native1" | grep -v "^$IFX.18\." | wc -l)" "$checked"
t_check "every kernel value equal (counters within the traffic)" 0 "$diffs"

ka0=$(ifindex_of ka0) kd0=$(ifindex_of kd0) km0=$(ifindex_of km0) kt0=$(ifindex_of kt0)
t_check "ifAlias: the kernel's alias" '"uplink to rtr-2"' "$(grep "^$IFX.18.$ka0 " "$T/ours" | cut -d' ' -f2-)"
t_check "ifAdminStatus of the veth set down" 2 "$(grep "^$IF.7.$kd0 " "$T/ours" | cut -d' ' -f2)"
t_check "ifMtu of the veth with MTU 9000" 9000 "$(grep "^$IF.4.$km0 " "$T/ours" | cut -d' ' -f2)"
in1=$(grep "^$IFX.6.$kt0 " "$T/native1" | cut -d' ' -f2) in2=$(grep "^$IFX.6.$kt0 " "$T/native2" | cut -d' ' -f2)
t_match "traffic moved on kt0 between the native walks ($in1 -> $in2)" yes "$([ "$in2" -gt "$in1" ] && echo yes)"
t_check "dataplane row beside: ifDescr of 1002" '"0000:00:00.2"' "$(grep "^$IF.2.1002 " "$T/ours" | cut -d' ' -f2)"
t_done
