#!/usr/bin/env bash
# Subagent latency: how long one SNMP GET, and one GETNEXT, of a
# single ifHCInOctets instance takes through snmpd when
# shmib-interface serves SMALL (100) and LARGE (10,000) interfaces.
#
# bench-snmp-latency keeps one SNMP session open and sends the
# requests one at a time, over 200 instances spread across the table.
# Peers measured in the same run: shmib-interface at SMALL size
# (lookups must not slow down as the table grows) and the AgentX floor
# at LARGE size.  The three subagents run at once, each behind a
# master of its own, and are probed in turns for BENCH_LATENCY_ROUNDS
# rounds, so that a change in the machine's load weighs on all alike;
# a figure is the median of the rounds' medians.
source "$(dirname "$0")/subagent.bash"
sub_need
ROUNDS=${BENCH_LATENCY_ROUNDS:-$([ "$BENCH_QUICK" ] && echo 2 || echo 10)}
SLOTS=("shmib-$SIZE_S" "shmib-$SIZE_L" "floor-$SIZE_L")
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
}

# probe SLOT [--next]: the median µs of one pass over the slot's OIDs.
probe() {
	local slot=$1 median
	shift
	# shellcheck disable=SC2086
	read -r median _ < <("$BIN/bench-snmp-latency" "$@" "127.0.0.1:${PORT_OF[$slot]}" ${OIDS[$slot]}) ||
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
	unset -n M
done
