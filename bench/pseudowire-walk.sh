#!/usr/bin/env bash
# Pseudowire walk: how long a full snmpbulkwalk of pwTable through
# snmpd takes when shmib-pseudowire serves 1,000 VPLS with 4
# pseudowires each, per varbind, against peers measured in the same run:
#  - the AgentX floor (bench-agentx-floor: static rows, the
#    master-subagent round trips alone), with as many rows of ifTable +
#    ifXTable as give the same number of varbinds.  Both subagents are
#    attached at once (their subtrees differ) and walked in turns, so
#    both see the same load;
#  - shmib-pseudowire itself with a tenth of the VPLS, behind a master
#    of its own, walked in the same turns (the cost per varbind must
#    not grow with the table: lookups are O(log n)).
#  - shmib_pseudowire.so, the same agent as a module inside an snmpd
#    of its own, on the large table, and the floor a module must
#    meet: snmpd's native ifTable + ifXTable over as many kernel
#    interfaces (veth pairs in a network namespace) as give the same
#    number of varbinds; both walked in the same turns.
# It also reports the RSS of shmib-pseudowire at the large size after
# the walks, and its peak during them.
source "$(dirname "$0")/subagent.bash"
NETNS=shmib-bench-pw-$$
trap 'ip netns del "$NETNS" 2>/dev/null; t_cleanup' EXIT

for b in shmib-pseudowire shmib-fakeseg bench-agentx-floor; do
	[ -x "$BIN/$b" ] || t_skip "$BIN/$b is not built yet"
done
PW_TABLE=.1.3.6.1.2.1.10.246.1.2
PW_NEXT=.1.3.6.1.2.1.10.246.1.1.0
PWS_PER_VPLS=4
read -r VPLS_S VPLS_L <<<"${BENCH_VPLS:-$([ "$BENCH_QUICK" ] && echo "10 100" || echo "100 1000")}"
declare -A VB RSS

# Columns per row the floor serves: every readable catalogue object
# of ifTable and ifXTable.
FLOOR_COLS=$(awk '($6 == "ifTable" || $6 == "ifXTable") && $5 ~ /^read-/' \
	"$TOP/mibs/catalogue.txt" | wc -l)

# pw_segments V: V VPLS of PWS_PER_VPLS pseudowires in $T/pw-V.
pw_segments() {
	SEG_DIR=$T/pw-$1
	"$BIN/shmib-fakeseg" --dir "$SEG_DIR" --vpls "$1" --pseudowires "$PWS_PER_VPLS" \
		>"$T/fakeseg-$1.log" 2>&1 ||
		t_die "shmib-fakeseg --vpls $1 failed: $(tail -1 "$T/fakeseg-$1.log")"
}

pw_next() { snmpget -v2c -c public -Oqv -r 0 -t 3 "127.0.0.1:$SNMP_PORT" "$PW_NEXT" 2>/dev/null; }
pw_ready() { [ "$(pw_next)" = "$1" ]; }

# pw_start V: shmib-pseudowire on $T/pw-V, waits until it serves them.
pw_start() {
	local n=$(($1 * PWS_PER_VPLS))
	t_bg "pseudowire-$1" "$BIN/shmib-pseudowire" -f -x "unix:$AGENTX" --shmem-dir "$SEG_DIR" \
		--vpls-ids "$SEG_DIR.vpls-ids" --pseudowire-ids "$SEG_DIR.pseudowire-ids" \
		--state-file "$T/state-$1"
	AGENT_PID=$!
	t_wait 120 pw_ready $((n + 1)) || t_die "shmib-pseudowire did not serve $n pseudowires"
}

# walk NAME OID...: one timed walk; its µs per varbind, net of the
# tool's start-up, is appended to WALL[NAME].  Every walk of a NAME
# must return as many varbinds as its first (snmpd's native side: at
# least one), a pwTable walk a multiple
# of its pseudowires (sub_expect_walk): else the benchmark stops.
declare -A WALL STARTUP_OF
walk() {
	local name=$1 oids=("${@:2}") rows=1
	sub_walk "${oids[@]}"
	case $name in
	pw*) rows=$((${name#pw} * PWS_PER_VPLS)) ;;
	module) rows=$((VPLS_L * PWS_PER_VPLS)) ;;
	esac
	[ "$name" = warm ] || sub_expect_walk "$name" "$rows" 1 $([ "$name" = native ] && echo loose)    # warm-ups differ
	WALL[$name]+=" $(bench_net_per "$WALK_US" "$((${#oids[@]} * ${STARTUP_OF[$SLOT]:-$STARTUP_US}))" "$WALK_VB")"
	VB[$name]=$WALK_VB
	bench_progress "$name: $WALK_VB varbinds in $(bench_calc "$WALK_US / 1e6") s"
}

median() { bench_median $1; }
figure() { echo "$(median "${WALL[$1]}") µs/varbind (${VB[$1]} varbinds)"; }

# Two masters: the small agent behind one, the large agent and the
# floor behind the other; the walks take turns (three of the small
# table to one of each large one), so a change in the machine's load
# weighs on every figure alike.
sub_master small && sub_use small
STARTUP_US=$(sub_walk_startup_us)
bench_progress "snmpbulkwalk start-up: $STARTUP_US µs (subtracted from every walk)"
pw_segments "$VPLS_S"
pw_start "$VPLS_S"
SMALL_PID=$AGENT_PID
walk warm "$PW_TABLE"

bench_progress "writing $VPLS_L VPLS with $((VPLS_L * PWS_PER_VPLS)) pseudowires"
sub_master large && sub_use large
pw_segments "$VPLS_L"
pw_start "$VPLS_L"
PW_PID=$AGENT_PID
walk warm "$PW_TABLE"
# The floor with the varbind count of the large pwTable walk.
FLOOR_ROWS=$(((VB[warm] + FLOOR_COLS - 1) / FLOOR_COLS))
sub_start_floor "$FLOOR_ROWS"
FLOOR_PID=$AGENT_PID
walk warm "$IF_TABLE" "$IFX_TABLE"

# The module on the large table, in an snmpd of its own.
sub_module_master module pseudowire --shmem-dir "$SEG_DIR" --vpls-ids "$SEG_DIR.vpls-ids" \
	--pseudowire-ids "$SEG_DIR.pseudowire-ids" --state-file "$T/state-module"
MODULE_PID=$AGENT_PID
sub_use module
t_wait 120 pw_ready $((VPLS_L * PWS_PER_VPLS + 1)) || t_die "the module did not serve the pseudowires"
walk warm "$PW_TABLE"
# snmpd's native IF-MIB over FLOOR_ROWS kernel interfaces.
NATIVE=
if ip netns add "$NETNS" && ip -n "$NETNS" link set lo up; then
	bench_progress "native: creating $((FLOOR_ROWS / 2)) veth pairs in $NETNS"
	for ((i = 1; i <= FLOOR_ROWS / 2; i++)); do
		echo "link add bv${i}a type veth peer name bv${i}b"
	done >"$T/veths.batch"
	if ip -n "$NETNS" -batch "$T/veths.batch" >/dev/null 2>&1; then
		SNMPD_NETNS=$NETNS SNMPD_NATIVE=1 SNMPD_WAIT=300 sub_master native
		NS_OF[native]=$NETNS NATIVE=1
		sub_use native
		STARTUP_OF[native]=$(sub_walk_startup_us)
		walk warm "$IF_TABLE" "$IFX_TABLE"
	fi
fi
[ "$NATIVE" ] || bench_progress "no network namespace here: the native floor left out"

for run in $(seq "$BENCH_RUNS"); do
	sub_use small
	for _ in 1 2 3; do walk "pw$VPLS_S" "$PW_TABLE"; done
	sub_use large
	walk "pw$VPLS_L" "$PW_TABLE"
	walk floor "$IF_TABLE" "$IFX_TABLE"
	sub_use module
	walk module "$PW_TABLE"
	[ "$NATIVE" ] && sub_use native && walk native "$IF_TABLE" "$IFX_TABLE"
done
RSS[pw]=$(bench_rss_kb "$PW_PID")
RSS[peak]=$(bench_rss_peak_kb "$PW_PID")
SPLIT=$(bench_rss_split "$PW_PID")
RSS[floor]=$(bench_rss_kb "$FLOOR_PID")
t_stop "$SMALL_PID"

L=$((VPLS_L * PWS_PER_VPLS))
bench_line "bulkwalk pwTable, $VPLS_L VPLS x $PWS_PER_VPLS = $L pseudowires" "$(figure "pw$VPLS_L")" \
	"AgentX floor, $FLOOR_ROWS rows of ifTable+ifXTable, walked in turns" "$(figure floor)" \
	"$(bench_ratio "$(median "${WALL[pw$VPLS_L]}")" "$(median "${WALL[floor]}")")" "<= 1.2"
bench_line "time per varbind, $L vs $((VPLS_S * PWS_PER_VPLS)) pseudowires" "$(figure "pw$VPLS_L")" \
	"shmib-pseudowire, $VPLS_S VPLS" "$(figure "pw$VPLS_S")" \
	"$(bench_ratio "$(median "${WALL[pw$VPLS_L]}")" "$(median "${WALL[pw$VPLS_S]}")")" "<= 1.2"
if [ "$NATIVE" ]; then
	bench_line "module: bulkwalk pwTable, $L pseudowires, vs snmpd native" "$(figure module)" \
		"snmpd native, $((FLOOR_ROWS / 2 * 2 + 1)) kernel interfaces (netns), walked in turns" \
		"$(figure native)" \
		"$(bench_ratio "$(median "${WALL[module]}")" "$(median "${WALL[native]}")")" "<= 1.2"
fi
bench_line "AgentX daemon vs module, $L pseudowires (the gain)" "$(figure "pw$VPLS_L")" \
	"shmib_pseudowire.so in snmpd" "$(figure module)" \
	"$(bench_ratio "$(median "${WALL[pw$VPLS_L]}")" "$(median "${WALL[module]}")")" "reported"
bench_line "RSS of snmpd with shmib_pseudowire.so, $L pseudowires, after walks (peak)" \
	"$(bench_calc "$(bench_rss_kb "$MODULE_PID") / 1024") MB; peak $(bench_calc "$(bench_rss_peak_kb "$MODULE_PID") / 1024") MB" \
	"shmib-pseudowire, the AgentX daemon" "$(bench_calc "${RSS[pw]} / 1024") MB" \
	"$(bench_ratio "$(bench_rss_kb "$MODULE_PID")" "${RSS[pw]}")" "reported"
bench_line "RSS of shmib-pseudowire, $L pseudowires, after walks (peak during them)" \
	"$(bench_calc "${RSS[pw]} / 1024") MB ($SPLIT); peak $(bench_calc "${RSS[peak]} / 1024") MB" \
	"AgentX floor, $FLOOR_ROWS rows" "$(bench_calc "${RSS[floor]} / 1024") MB" \
	"$(bench_ratio "${RSS[pw]}" "${RSS[floor]}")" "reported"
