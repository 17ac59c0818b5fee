#!/usr/bin/env bash
# Subagent latency: how long one SNMP GET, and one GETNEXT, of a
# single ifHCInOctets instance takes through snmpd when
# shmib-interface serves SMALL (100) and LARGE (10,000) interfaces.
#
# bench-snmp-latency keeps one SNMP session open and sends the
# requests one at a time, over 200 instances spread across the table.
# Peers measured in the same run: shmib-interface at SMALL size
# (lookups must not slow down as the table grows) and the AgentX floor
# at LARGE size; the module (shmib_interface.so inside snmpd) at MID
# and LARGE size, and snmpd's native IF-MIB over MID kernel interfaces
# (veth pairs in a network namespace).  All run at once, each behind
# a master of its own, and are probed in turns for
# BENCH_LATENCY_ROUNDS rounds, so that a change in the machine's load
# weighs on all alike; a figure is the median of the rounds' medians.
source "$(dirname "$0")/subagent.bash"
sub_need
NETNS=shmib-bench-lat-$$
trap 'ip netns del "$NETNS" 2>/dev/null; t_cleanup' EXIT
ROUNDS=${BENCH_LATENCY_ROUNDS:-$([ "$BENCH_QUICK" ] && echo 2 || echo 10)}
SLOTS=("shmib-$SIZE_S" "shmib-$SIZE_L" "floor-$SIZE_L" "module-$SIZE_M" "module-$SIZE_L")
declare -A OIDS GET NEXT

# The OIDs probed: ifHCInOctets of 200 ifIndexes spread over the map.
probe_oids() {
	local n
	n=$(sub_indexes "$1" | wc -l)
	sub_indexes "$1" | awk -v step=$(((n + 199) / 200)) -v col="$IF_HC_IN_OCTETS" \
		'(NR - 1) % step == 0 { print col "." $1 }'
}

floor_map() {
	seq "$1" | awk '{ print "floor" $1, $1 }' >"$T/floor-$1.ifindex"
	echo "$T/floor-$1.ifindex"
}

start_slots() {
	local n
	for n in "$SIZE_S" "$SIZE_L"; do
		sub_segments "$n"
		sub_master "shmib-$n" && sub_use "shmib-$n"
		sub_start_interface "$SEG_DIR" "$SEG_MAP" "$n"
		OIDS[shmib-$n]=$(probe_oids "$SEG_MAP")
	done
	sub_master "floor-$SIZE_L" && sub_use "floor-$SIZE_L"
	sub_start_floor "$SIZE_L"
	OIDS[floor-$SIZE_L]=$(probe_oids "$(floor_map "$SIZE_L")")
	for n in "$SIZE_M" "$SIZE_L"; do
		sub_segments "$n"
		sub_module_master "module-$n" interface --kernel-interfaces no --shmem-dir "$SEG_DIR" --ifindex "$SEG_MAP"
		sub_use "module-$n"
		sub_wait_rows "$n" 120
		OIDS[module-$n]=$(probe_oids "$SEG_MAP")
	done
	start_native "$SIZE_M"
}

# start_native N: snmpd's own IF-MIB over about N kernel interfaces.
start_native() {
	local i
	ip netns add "$NETNS" && ip -n "$NETNS" link set lo up ||
		{ bench_progress "no network namespace here: native side left out"; return; }
	for ((i = 1; i <= $1 / 2; i++)); do
		echo "link add bv${i}a type veth peer name bv${i}b"
	done >"$T/veths.batch"
	ip -n "$NETNS" -batch "$T/veths.batch" >/dev/null 2>&1 ||
		{ bench_progress "native: veth creation failed: left out"; return; }
	SNMPD_NETNS=$NETNS SNMPD_NATIVE=1 SNMPD_WAIT=300 sub_master "native-$1"
	NS_OF[native-$1]=$NETNS
	ip -n "$NETNS" -o link | awk -F': ' '{ print $1, $1 }' >"$T/native.ifindex"
	OIDS[native-$1]=$(probe_oids "$T/native.ifindex")
	SLOTS+=("native-$1")
}

# probe SLOT [--next]: the median µs of one pass over the slot's OIDs.
probe() {
	local slot=$1 median
	shift
	# shellcheck disable=SC2086
	sub_use "$slot"
	read -r median _ < <("${IN_NS[@]}" "$BIN/bench-snmp-latency" "$@" "127.0.0.1:${PORT_OF[$slot]}" ${OIDS[$slot]}) ||
		t_die "latency probe $* failed against $slot"
	echo "$median"
}

start_slots
for slot in "${SLOTS[@]}"; do probe "$slot" >/dev/null; done   # warm-up
for round in $(seq "$ROUNDS"); do
	for slot in "${SLOTS[@]}"; do
		GET[$slot]+=" $(probe "$slot")"
		NEXT[$slot]+=" $(probe "$slot" --next)"
	done
	bench_progress "round $round/$ROUNDS: GET µs (${SLOTS[*]}):$(for s in "${SLOTS[@]}"; do echo -n " ${GET[$s]##* }"; done)"
done
for slot in "${SLOTS[@]}"; do
	# shellcheck disable=SC2086
	GET[$slot]=$(bench_median ${GET[$slot]}) NEXT[$slot]=$(bench_median ${NEXT[$slot]})
done

for op in GET GETNEXT; do
	declare -n M=$([ $op = GET ] && echo GET || echo NEXT)
	bench_line "$op latency, $SIZE_L vs $SIZE_S interfaces" "${M[shmib-$SIZE_L]} µs" \
		"shmib-interface, $SIZE_S interfaces" "${M[shmib-$SIZE_S]} µs" \
		"$(bench_ratio "${M[shmib-$SIZE_L]}" "${M[shmib-$SIZE_S]}")" "<= 1.2"
	bench_line "$op latency vs floor, $SIZE_L interfaces" "${M[shmib-$SIZE_L]} µs" \
		"AgentX floor, $SIZE_L rows" "${M[floor-$SIZE_L]} µs" \
		"$(bench_ratio "${M[shmib-$SIZE_L]}" "${M[floor-$SIZE_L]}")" "reported"
	bench_line "$op latency, module, $SIZE_L vs $SIZE_M interfaces" "${M[module-$SIZE_L]} µs" \
		"shmib_interface.so, $SIZE_M interfaces" "${M[module-$SIZE_M]} µs" \
		"$(bench_ratio "${M[module-$SIZE_L]}" "${M[module-$SIZE_M]}")" "reported"
	if [ "${M[native-$SIZE_M]:-}" ]; then
		bench_line "$op latency, module vs snmpd native, $SIZE_M interfaces" "${M[module-$SIZE_M]} µs" \
			"snmpd native, $((SIZE_M / 2 * 2 + 1)) kernel interfaces (netns)" "${M[native-$SIZE_M]} µs" \
			"$(bench_ratio "${M[module-$SIZE_M]}" "${M[native-$SIZE_M]}")" "reported"
	fi
	bench_line "$op latency, AgentX daemon vs module, $SIZE_L interfaces (the gain)" "${M[shmib-$SIZE_L]} µs" \
		"shmib_interface.so, $SIZE_L interfaces" "${M[module-$SIZE_L]} µs" \
		"$(bench_ratio "${M[shmib-$SIZE_L]}" "${M[module-$SIZE_L]}")" "reported"
	unset -n M
done
