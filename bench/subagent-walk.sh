#!/usr/bin/env bash
# Subagent walk: how long a full snmpbulkwalk of ifTable + ifXTable
# through snmpd takes when shmib-interface serves it, per varbind.
#
# For SMALL, MID and LARGE interfaces (100, 1,000, 10,000) it times
# the walk of four sides measured in the same run:
#  - shmib-interface, the AgentX daemon;
#  - the AgentX floor: bench-agentx-floor serving the same OIDs from a
#    static table, i.e. the master-subagent round trips alone;
#  - shmib_interface.so, the same agent as a module inside snmpd, with
#    its default: no page budget while requests come (resident.h);
#    at LARGE also a second one with the daemon's default budget,
#    --resident-pages 1024 (modbud), so that what a budget costs shows
#    beside snmpd's RSS;
#  - snmpd's native ifTable + ifXTable over as many kernel interfaces:
#    veth pairs in a network namespace per size, which this script
#    creates and deletes, with an snmpd started and walked inside it.
# and compares shmib-interface at LARGE with itself at SMALL (cost per
# varbind must not grow with the table).  Every side of every size has
# an snmpd of its own and all run at once, so the walks take turns
# (daemon, floor, module, native, next size...): a change in the
# machine's load then weighs on every side alike.
# Figures are medians of BENCH_RUNS walks (up to ten times as many for
# the smaller tables), each net of the tool's own start-up cost: a
# one-varbind walk of the same side made just before it.  Every walk
# must return every column of every row (ifIndex walked first at least
# the rows; each walk of the tables at least 40 columns a row, and for
# shmib's sides and the floor always the same count, whole rows): a
# short or wrong count stops the benchmark.  It also reports the RSS of shmib-interface after
# the LARGE walks and its peak during them (VmHWM), against the floor's.
source "$(dirname "$0")/subagent.bash"
sub_need
NETNS=shmib-bench-$$
trap 'for n in "$SIZE_S" "$SIZE_M" "$SIZE_L"; do ip netns del "$NETNS-$n" 2>/dev/null; done; t_cleanup' EXIT
SLOTS=()
declare -A US VB PER PID_OF RSS PEAK SPLIT ROWS_OF DROPPED
MIN_COLS=40     # of ifTable+ifXTable: snmpd's native lacks one

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
# snmpd's native side may stop answering (its ifTable cache reload, see
# start_native): it is then left out, said so, not the whole run.
walk_once() {
	local startup may=
	[[ $1 == native-* ]] && may=1
	if ! WALK_MAY_FAIL=$may sub_walk .1.3.6.1.2.1.1.3 ||
		! { startup=$WALK_US; WALK_MAY_FAIL=$may sub_walk "$IF_TABLE" "$IFX_TABLE"; }; then
		bench_progress "$1: no answer within 20 s: left out"
		DROPPED[$1]=1
		return
	fi
	sub_expect_walk "$1" "${ROWS_OF[$1]}" "$MIN_COLS" $([[ $1 == native-* ]] && echo loose)
	PER[$1]+=" $(bench_net_per "$WALK_US" "$((2 * startup))" "$WALK_VB")"
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
		sub_module_master "module-$n" interface --kernel-interfaces no --shmem-dir "$SEG_DIR" --ifindex "$SEG_MAP"
		sub_use "module-$n"
		sub_wait_rows "$n" 120
		PID_OF[module-$n]=$AGENT_PID
		SLOTS+=("shmib-$n" "floor-$n" "module-$n")
		ROWS_OF[shmib-$n]=$n ROWS_OF[floor-$n]=$n ROWS_OF[module-$n]=$n
	done
	sub_module_master "modbud-$n" interface --kernel-interfaces no --shmem-dir "$SEG_DIR" \
		--ifindex "$SEG_MAP" --resident-pages 1024
	sub_use "modbud-$n"
	sub_wait_rows "$n" 120
	PID_OF[modbud-$n]=$AGENT_PID ROWS_OF[modbud-$n]=$n
	SLOTS+=("modbud-$n")
}

# The sides of size N, in the order they take turns.
sides() {
	local side
	for side in shmib floor module modbud native; do
		[ "${PORT_OF[$side-$1]:-}" ] && [ ! "${DROPPED[$side-$1]:-}" ] && echo "$side-$1"
	done
}

# BENCH_RUNS rounds; in each, every size's shmib and floor slots take
# turns, small sizes several times, so all sizes share every round's load.
walk_subagents() {
	local slot round n i
	for slot in "${SLOTS[@]}"; do
		sub_use "$slot"
		# warm-up: every row touched once
		if ! WALK_MAY_FAIL=$([[ $slot == native-* ]] && echo 1) sub_walk "$IF_INDEX"; then
			bench_progress "$slot: no answer within 20 s: left out"
			DROPPED[$slot]=1
			continue
		fi
		[ "$WALK_VB" -ge "${ROWS_OF[$slot]}" ] ||
			t_die "$slot: ifIndex walk returned $WALK_VB rows, fewer than ${ROWS_OF[$slot]}"
	done
	for round in $(seq "$BENCH_RUNS"); do
		bench_progress "round $round/$BENCH_RUNS"
		for n in "$SIZE_S" "$SIZE_M" "$SIZE_L"; do
			for i in $(seq "$(walks_for "$n")"); do
				for slot in $(sides "$n"); do
					sub_use "$slot"
					walk_once "$slot"
				done
			done
		done
	done
	for slot in "${SLOTS[@]}"; do
		[ "${DROPPED[$slot]:-}" ] && continue
		# shellcheck disable=SC2086
		US[$slot]=$(bench_median ${PER[$slot]})
		[ "${PID_OF[$slot]:-}" ] || continue
		RSS[$slot]=$(bench_rss_kb "${PID_OF[$slot]}")
		PEAK[$slot]=$(bench_rss_peak_kb "${PID_OF[$slot]}")
		SPLIT[$slot]=$(bench_rss_split "${PID_OF[$slot]}")
	done
}

stop_slots() {
	local pid
	for pid in "${T_PIDS[@]}"; do t_stop "$pid"; done
}

# add_veths NS PAIRS: PAIRS veth pairs in network namespace NS.
add_veths() {
	local i
	for ((i = 1; i <= $2; i++)); do
		echo "link add bv${i}a type veth peer name bv${i}b"
	done >"$T/veths.batch"
	ip -n "$1" -batch "$T/veths.batch" >/dev/null 2>&1
}

# snmpd's own tables over about N kernel interfaces (N/2 veth pairs
# and lo) in a namespace per size, with limits on the time spent
# creating; each joins the turns as side native-N.
# snmpd reloads its whole interface table every 30 s, from an alarm
# (net-snmp 5.9's ifTable cache: NETSNMP_CACHE_AUTO_RELOAD, no setting
# changes the period), and answers nothing during a reload: at 10,001
# interfaces a reload takes ~7 s of CPU.  When the machine is so loaded
# that snmpd gets less than a quarter of a core, a reload outlasts the
# period and the next one starts at once: snmpd then answers a request
# a minute or so, and that side is left out, said so in the results.
NATIVE_STALL="snmpd reloads its interface table every 30 s (~7 s of CPU at 10,001 interfaces); on a loaded machine the reloads run back to back"
start_native() {
	local n ns t0
	for n in "$SIZE_S" "$SIZE_M" "$SIZE_L"; do
		ns=$NETNS-$n
		ip netns add "$ns" && ip -n "$ns" link set lo up ||
			{ bench_progress "no network namespace here: native side left out"; return; }
		t0=$SECONDS
		bench_progress "native: creating $((n / 2)) veth pairs in $ns"
		if ! add_veths "$ns" $((n / 2)) || [ $((SECONDS - t0)) -gt 120 ]; then
			bench_progress "native: veth creation failed or too slow at $n: larger sizes left out"
			ip netns del "$ns"
			return
		fi
		# snmpd reads every interface at start: 25 s for 10,000 here.
		if ! SNMPD_NETNS=$ns SNMPD_NATIVE=1 SNMPD_WAIT=300 SNMPD_MAY_FAIL=1 sub_master "native-$n"; then
			bench_progress "native: snmpd did not answer within 300 s at $n: left out"
			ip netns del "$ns"
			return
		fi
		NS_OF[native-$n]=$ns PID_OF[native-$n]=$SNMPD_PID
		SLOTS+=("native-$n")
		ROWS_OF[native-$n]=$(ip -n "$ns" -o link | wc -l)
	done
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
		if [ "${DROPPED[native-$n]:-}" ]; then
			bench_line "module: bulkwalk vs snmpd native, $n interfaces" "$(figure "module-$n")" \
				"snmpd native, ${ROWS_OF[native-$n]} kernel interfaces (netns): stopped answering" "-" "-" \
				"not measured: $NATIVE_STALL"
			continue
		fi
		[ "${US[native-$n]:-}" ] || continue
		target=reported
		[ "$n" != "$SIZE_S" ] && target="<= 1.2"
		bench_line "module: bulkwalk vs snmpd native, $n interfaces" "$(figure "module-$n")" \
			"snmpd native, ${ROWS_OF[native-$n]} kernel interfaces (netns)" "$(figure "native-$n")" \
			"$(bench_ratio "${US[module-$n]}" "${US[native-$n]}")" "$target"
		bench_line "AgentX daemon: bulkwalk vs snmpd native, $n interfaces" "$(figure "shmib-$n")" \
			"snmpd native, ${ROWS_OF[native-$n]} kernel interfaces (netns)" "$(figure "native-$n")" \
			"$(bench_ratio "${US[shmib-$n]}" "${US[native-$n]}")" "reported"
		bench_line "AgentX daemon vs module, $n interfaces (the gain)" "$(figure "shmib-$n")" \
			"shmib_interface.so in snmpd" "$(figure "module-$n")" \
			"$(bench_ratio "${US[shmib-$n]}" "${US[module-$n]}")" "reported"
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
	local side label
	for side in module modbud; do
		label="shmib_interface.so"
		[ "$side" = modbud ] && label+=" --resident-pages 1024"
		if [ ! "${DROPPED[native-$L]:-}" ] && [ "${US[native-$L]:-}" ] && [ "$side" = modbud ]; then
			bench_line "module, --resident-pages 1024: bulkwalk vs snmpd native, $L interfaces" \
				"$(figure "modbud-$L")" \
				"snmpd native, ${ROWS_OF[native-$L]} kernel interfaces (netns)" "$(figure "native-$L")" \
				"$(bench_ratio "${US[modbud-$L]}" "${US[native-$L]}")" "reported"
		fi
		[ "$side" = modbud ] &&
			bench_line "module, --resident-pages 1024 vs its default (no budget while walked), $L interfaces" \
				"$(figure "modbud-$L")" "shmib_interface.so" \
				"$(figure "module-$L")" "$(bench_ratio "${US[modbud-$L]}" "${US[module-$L]}")" "reported"
		local native="not measured" ratio=-
		if [ "${RSS[native-$L]:-}" ]; then
			native="$(bench_calc "${RSS[native-$L]} / 1024") MB (${SPLIT[native-$L]}); peak $(bench_calc "${PEAK[native-$L]} / 1024") MB"
			ratio=$(bench_ratio "${RSS[$side-$L]}" "${RSS[native-$L]}")
		fi
		bench_line "RSS of snmpd with $label, $L rows, idle after walks (peak during them)" \
			"$(bench_calc "${RSS[$side-$L]} / 1024") MB (${SPLIT[$side-$L]}); peak $(bench_calc "${PEAK[$side-$L]} / 1024") MB" \
			"snmpd native, ${ROWS_OF[native-$L]:-no} kernel interfaces" "$native" "$ratio" "reported"
	done
}

under_30() { awk -v m="$1" 'BEGIN { print m < 30 ? "met" : "MISSED" }'; }

start_slots
start_native
walk_subagents
stop_slots
report
