#!/usr/bin/env bash
# Subagent latency: how long one SNMP GET, and one GETNEXT, of a
# single ifHCInOctets instance takes through snmpd when
# shmib-interface serves SMALL (100) and LARGE (10,000) interfaces.
#
# bench-snmp-latency keeps one SNMP session open and sends the
# requests one at a time, over 200 instances spread across the table,
# BENCH_LATENCY_REPEAT times (median of all requests).  Peers measured
# in the same run: shmib-interface at SMALL size (lookups must not
# slow down as the table grows) and the AgentX floor at LARGE size.
source "$(dirname "$0")/subagent.bash"
sub_need
REPEAT=${BENCH_LATENCY_REPEAT:-$([ "$BENCH_QUICK" ] && echo 2 || echo 10)}
declare -A GET NEXT

# The OIDs probed: ifHCInOctets of 200 ifIndexes spread over the map.
probe_oids() {
	local n
	n=$(sub_indexes "$1" | wc -l)
	sub_indexes "$1" | awk -v step=$(((n + 199) / 200)) -v col="$IF_HC_IN_OCTETS" \
		'(NR - 1) % step == 0 { print col "." $1 }'
}

# measure AGENT N MAP: median GET and GETNEXT µs.
measure() {
	local oids
	mapfile -t oids < <(probe_oids "$3")
	local peer=(--repeat "$REPEAT" "127.0.0.1:$SNMP_PORT" "${oids[@]}")
	"$BIN/bench-snmp-latency" "${peer[@]}" >/dev/null ||   # warm-up
		t_die "GET probe failed against $1"
	read -r GET[$1,$2] _ count < <("$BIN/bench-snmp-latency" "${peer[@]}") ||
		t_die "GET probe failed against $1"
	read -r NEXT[$1,$2] _ _ < <("$BIN/bench-snmp-latency" --next "${peer[@]}") ||
		t_die "GETNEXT probe failed against $1"
	bench_progress "$1 $2 rows: GET ${GET[$1,$2]} µs, GETNEXT ${NEXT[$1,$2]} µs (median of $count)"
}

floor_map() {
	seq "$1" | awk '{ print "floor" $1, $1 }' >"$T/floor-$1.ifindex"
	echo "$T/floor-$1.ifindex"
}

t_snmpd
for n in "$SIZE_S" "$SIZE_L"; do
	sub_segments "$n"
	sub_start_interface "$SEG_DIR" "$SEG_MAP" "$n"
	measure shmib "$n" "$SEG_MAP"
	sub_stop_agent
done
sub_start_floor "$SIZE_L"
measure floor "$SIZE_L" "$(floor_map "$SIZE_L")"
sub_stop_agent

for op in GET GETNEXT; do
	declare -n M=$([ $op = GET ] && echo GET || echo NEXT)
	bench_line "$op latency, $SIZE_L vs $SIZE_S interfaces" "${M[shmib,$SIZE_L]} µs" \
		"shmib-interface, $SIZE_S interfaces" "${M[shmib,$SIZE_S]} µs" \
		"$(bench_ratio "${M[shmib,$SIZE_L]}" "${M[shmib,$SIZE_S]}")" "<= 1.2"
	bench_line "$op latency vs floor, $SIZE_L interfaces" "${M[shmib,$SIZE_L]} µs" \
		"AgentX floor, $SIZE_L rows" "${M[floor,$SIZE_L]} µs" \
		"$(bench_ratio "${M[shmib,$SIZE_L]}" "${M[floor,$SIZE_L]}")" "reported"
	unset -n M
done
