#!/usr/bin/env bash
# Subagent walk: how long a full snmpbulkwalk of ifTable + ifXTable
# through snmpd takes when shmib-interface serves it, per varbind.
#
# For SMALL, MID and LARGE interfaces (100, 1,000, 10,000) it times
# the walk against three peers measured in the same run:
#  - the AgentX floor: bench-agentx-floor serving the same OIDs from a
#    static table, i.e. the master-subagent round trips alone;
#  - shmib-interface itself at SMALL size (cost per varbind must not
#    grow with the table);
#  - snmpd's native ifTable + ifXTable over as many kernel interfaces:
#    veth pairs in a network namespace this script creates and
#    deletes, with a second snmpd started and walked inside it.
# Each subagent sits behind a master of its own and all six run at
# once, so the walks can take turns (shmib, floor, next size...): a
# change in the machine's load then weighs on every peer alike.
# Figures are medians of BENCH_RUNS walks (up to ten times as many for
# the smaller tables), net of the tool's own start-up cost (a
# one-varbind walk).  It also reports the RSS of shmib-interface after
# the LARGE walks and its peak during them (VmHWM), against the floor's.
source "$(dirname "$0")/subagent.bash"
sub_need
NETNS=shmib-bench-$$
trap 'ip netns del "$NETNS" 2>/dev/null; t_cleanup' EXIT
SLOTS=()
declare -A US VB PER PID_OF RSS PEAK SPLIT

# Walks per round at size N: more for small tables, so that every size
# gets about as many varbinds (and as much noise averaged out).
walks_for() {
	[ "$BENCH_QUICK" ] && { echo 1; return; }
	local k=$((1000 / $1))
	[ $k -ge 1 ] || k=1
	[ $k -le 10 ] || k=10
	echo "$k"
}

# walk_once SLOT: one timed walk of both tables, µs per varbind kept.
walk_once() {
	sub_walk "$IF_TABLE" "$IFX_TABLE"
	PER[$1]+=" $(bench_calc "($WALK_US - 2 * $STARTUP_US) / $WALK_VB")"
	VB[$1]=$WALK_VB
	bench_progress "$1: $WALK_VB varbinds in $(bench_calc "$WALK_US / 1e6") s"
}

# A master and its subagent for each agent kind and size.
start_slots() {
	local n
	for n in "$SIZE_S" "$SIZE_M" "$SIZE_L"; do
		sub_segments "$n"
		sub_master "shmib-$n" && sub_use "shmib-$n"
		sub_start_interface "$SEG_DIR" "$SEG_MAP" "$n"
		PID_OF[shmib-$n]=$AGENT_PID
		sub_master "floor-$n" && sub_use "floor-$n"
		sub_start_floor "$n"
		PID_OF[floor-$n]=$AGENT_PID
		SLOTS+=("shmib-$n" "floor-$n")
	done
}

# BENCH_RUNS rounds; in each, every size's shmib and floor slots take
# turns, small sizes several times, so all sizes share every round's load.
walk_subagents() {
	local slot round n i
	for slot in "${SLOTS[@]}"; do
		sub_use "$slot"
		sub_walk "$IF_INDEX"   # warm-up: every row touched once
	done
	for round in $(seq "$BENCH_RUNS"); do
		bench_progress "round $round/$BENCH_RUNS"
		for n in "$SIZE_S" "$SIZE_M" "$SIZE_L"; do
			for i in $(seq "$(walks_for "$n")"); do
				for slot in "shmib-$n" "floor-$n"; do
					sub_use "$slot"
					walk_once "$slot"
				done
			done
		done
	done
	for slot in "${SLOTS[@]}"; do
		# shellcheck disable=SC2086
		US[$slot]=$(bench_median ${PER[$slot]})
		RSS[$slot]=$(bench_rss_kb "${PID_OF[$slot]}")
		PEAK[$slot]=$(bench_rss_peak_kb "${PID_OF[$slot]}")
		SPLIT[$slot]=$(bench_rss_split "${PID_OF[$slot]}")
	done
}

stop_slots() {
	local pid
	for pid in "${T_PIDS[@]}"; do t_stop "$pid"; done
}

# Adds veth pairs in $NETNS until it holds PAIRS of them.
add_veths() {
	local have=$1 want=$2 i
	for ((i = have + 1; i <= want; i++)); do
		echo "link add bv${i}a type veth peer name bv${i}b"
	done >"$T/veths.batch"
	ip -n "$NETNS" -batch "$T/veths.batch" >/dev/null 2>&1
}

# snmpd's own tables over about N kernel interfaces (N/2 veth pairs
# and lo), for every size, with limits on the time spent creating.
walk_native() {
	local n pairs=0 t0 run
	ip netns add "$NETNS" && ip -n "$NETNS" link set lo up ||
		{ bench_progress "no network namespace here: native peer left out"; return; }
	for n in "$SIZE_S" "$SIZE_M" "$SIZE_L"; do
		t0=$SECONDS
		bench_progress "native: creating $((n / 2)) veth pairs in $NETNS"
		if ! add_veths "$pairs" $((n / 2)) || [ $((SECONDS - t0)) -gt 120 ]; then
			bench_progress "native: veth creation failed or too slow at $n: larger sizes left out"
			break
		fi
		pairs=$((n / 2))
		# snmpd reads every interface at start: 25 s for 10,000 here.
		SNMP_PORT=$(t_free_port)
		SNMPD_NETNS=$NETNS SNMPD_NATIVE=1 SNMPD_WAIT=300 t_snmpd
		IN_NS=(ip netns exec "$NETNS")
		STARTUP_US=$(sub_walk_startup_us)
		sub_walk "$IF_INDEX"   # warm-up
		for run in $(seq $((BENCH_RUNS * $(walks_for "$n")))); do walk_once "native-$n"; done
		# shellcheck disable=SC2086
		US[native-$n]=$(bench_median ${PER[native-$n]})
		IN_NS=()
		t_snmpd_stop
	done
	ip netns del "$NETNS"
}

figure() { echo "${US[$1]} µs/varbind (${VB[$1]} varbinds)"; }

report() {
	local n target mb
	for n in "$SIZE_S" "$SIZE_M" "$SIZE_L"; do
		target=-
		[ "$n" = "$SIZE_M" ] && target="<= 1.2"
		bench_line "bulkwalk ifTable+ifXTable, $n interfaces" "$(figure "shmib-$n")" \
			"AgentX floor, $n rows" "$(figure "floor-$n")" \
			"$(bench_ratio "${US[shmib-$n]}" "${US[floor-$n]}")" "$target"
	done
	bench_line "time per varbind, $SIZE_L vs $SIZE_S interfaces" "$(figure "shmib-$SIZE_L")" \
		"shmib-interface, $SIZE_S interfaces" "$(figure "shmib-$SIZE_S")" \
		"$(bench_ratio "${US[shmib-$SIZE_L]}" "${US[shmib-$SIZE_S]}")" "<= 1.2"
	bench_line "floor time per varbind, $SIZE_L vs $SIZE_S rows (context)" "$(figure "floor-$SIZE_L")" \
		"AgentX floor, $SIZE_S rows" "$(figure "floor-$SIZE_S")" \
		"$(bench_ratio "${US[floor-$SIZE_L]}" "${US[floor-$SIZE_S]}")"
	for n in "$SIZE_S" "$SIZE_M" "$SIZE_L"; do
		[ "${US[native-$n]:-}" ] || continue
		bench_line "bulkwalk vs snmpd native, $n interfaces" "$(figure "shmib-$n")" \
			"snmpd native, $((n / 2 * 2 + 1)) kernel interfaces (netns)" "$(figure "native-$n")" \
			"$(bench_ratio "${US[shmib-$n]}" "${US[native-$n]}")" "reported"
	done
	local L=$SIZE_L peak
	mb=$(bench_calc "${RSS[shmib-$L]} / 1024")
	peak=$(bench_calc "${PEAK[shmib-$L]} / 1024")
	bench_line "RSS of shmib-interface, $L rows, after walks (peak during them)" \
		"$mb MB (${SPLIT[shmib-$L]}); peak $peak MB" \
		"AgentX floor, $L rows" \
		"$(bench_calc "${RSS[floor-$L]} / 1024") MB (${SPLIT[floor-$L]}); peak $(bench_calc "${PEAK[floor-$L]} / 1024") MB" \
		"$(bench_ratio "${RSS[shmib-$L]}" "${RSS[floor-$L]}")" \
		"< 30 MB: $(under_30 "$mb") after, $(under_30 "$peak") at peak"
}

under_30() { awk -v m="$1" 'BEGIN { print m < 30 ? "met" : "MISSED" }'; }

start_slots
sub_use "shmib-$SIZE_S"
STARTUP_US=$(sub_walk_startup_us)
bench_progress "snmpbulkwalk start-up: $STARTUP_US µs (subtracted from every walk)"
walk_subagents
stop_slots
walk_native
report
