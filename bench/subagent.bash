# Set-up shared by the subagent benchmarks (sourced, bash): a private
# snmpd from tests/lib.sh, synthetic interface segments from
# shmib-fakeseg, and one AgentX subagent at a time behind the master,
# either shmib-interface or the floor (bench-agentx-floor).
#
# Sizes: BENCH_SIZES="SMALL MID LARGE" interface counts (default
# "100 1000 10000", quick "20 50 100").

source "$(dirname "${BASH_SOURCE[0]}")/../tests/lib.sh"
source "$(dirname "${BASH_SOURCE[0]}")/lib.bash"

read -r SIZE_S SIZE_M SIZE_L <<<"${BENCH_SIZES:-$([ "$BENCH_QUICK" ] && echo "20 50 100" || echo "100 1000 10000")}"
IF_TABLE=.1.3.6.1.2.1.2.2
IF_INDEX=.1.3.6.1.2.1.2.2.1.1
IFX_TABLE=.1.3.6.1.2.1.31.1.1
IF_NUMBER=.1.3.6.1.2.1.2.1.0
IF_HC_IN_OCTETS=.1.3.6.1.2.1.31.1.1.1.6
# Prefix of the SNMP tools: empty, or "ip netns exec NS" for a master
# inside a network namespace.
IN_NS=()
AGENT_PID=
# Masters started with sub_master, by name; SLOT names the one in use;
# NS_OF the network namespace of a master that runs in one.
declare -A PORT_OF SOCK_OF NS_OF
SLOT=

sub_need() {
	local b
	for b in shmib-interface shmib-fakeseg bench-agentx-floor bench-snmp-latency; do
		[ -x "$BIN/$b" ] || t_skip "$BIN/$b is not built yet"
	done
	[ -f "$MODULES/shmib_interface.so" ] || t_skip "$MODULES/shmib_interface.so is not built yet"
}

# sub_master NAME: one more private snmpd (tests/lib.sh's), in $T/NAME
# on a port of its own, so that several subagents serving the same
# OIDs can run side by side, one behind each master.
sub_master() {
	local port
	port=$(t_free_port)
	mkdir -p "$T/$1"
	SNMP_PORT=$port T=$T/$1 t_snmpd || return 1
	PORT_OF[$1]=$port SOCK_OF[$1]=$AGENTX
}

# sub_use NAME: the SNMP tools and the next subagent talk to master NAME.
sub_use() {
	SLOT=$1 SNMP_PORT=${PORT_OF[$1]} AGENTX=${SOCK_OF[$1]} IN_NS=()
	[ "${NS_OF[$1]:-}" ] && IN_NS=(ip netns exec "${NS_OF[$1]}")
	return 0
}

# sub_module_master NAME KIND ARGS...: a private snmpd with agent KIND
# as an snmpd module, configured with ARGS (and the lines of
# MODULE_EXTRA_CONF), from the start; its pid in AGENT_PID.
sub_module_master() {
	local name=$1 kind=$2; shift 2
	SHMIB_LOAD=module SNMPD_EXTRA_CONF="dlmod shmib_$kind $MODULES/shmib_$kind.so
shmib_$kind $*
${MODULE_EXTRA_CONF:-}" SNMPD_WAIT=120 sub_master "$name"
	AGENT_PID=$SNMPD_PID
}

# ifNumber as the master serves it now ("" while nobody serves it).
sub_if_number() {
	"${IN_NS[@]}" snmpget -v2c -c public -Oqv -r 0 -t 3 "127.0.0.1:$SNMP_PORT" "$IF_NUMBER" 2>/dev/null |
		grep -E '^[0-9]+$'
}

# Waits up to SECONDS until ifNumber is N.
sub_wait_rows() {
	local n=$1 limit=$2 end=$((SECONDS + $2))
	while [ $SECONDS -le $end ]; do
		[ "$(sub_if_number)" = "$n" ] && return 0
		sleep 0.05
	done
	t_die "ifNumber did not reach $n within $limit s"
}

# sub_segments N: N interface segments in $T/shm-N, map $T/shm-N.ifindex.
sub_segments() {
	SEG_DIR=$T/shm-$1
	SEG_MAP=$SEG_DIR.ifindex
	[ -d "$SEG_DIR" ] && return
	"$BIN/shmib-fakeseg" --dir "$SEG_DIR" --interfaces "$1" >"$T/fakeseg-$1.log" 2>&1 ||
		t_die "shmib-fakeseg --interfaces $1 failed: $(tail -1 "$T/fakeseg-$1.log")"
}

# The ifIndex values of the map file, one a line.
sub_indexes() { awk '!/^[[:space:]]*(#|$)/ { print $2 }' "$1"; }

# sub_start_interface DIR MAP ROWS: shmib-interface serving ROWS rows.
sub_start_interface() {
	t_bg "interface${SLOT:+-$SLOT}" "$BIN/shmib-interface" --kernel-interfaces no -f -x "unix:$AGENTX" --shmem-dir "$1" --ifindex "$2"
	AGENT_PID=$!
	sub_wait_rows "$3" 120
}

# sub_start_floor ROWS
sub_start_floor() {
	t_bg "floor${SLOT:+-$SLOT}" "$BIN/bench-agentx-floor" -x "$AGENTX" --rows "$1"
	AGENT_PID=$!
	sub_wait_rows "$1" 30
}

# Stops the subagent and waits until the master has let its subtrees go.
sub_stop_agent() {
	t_stop "$AGENT_PID"
	AGENT_PID=
	local end=$((SECONDS + 10))
	while [ -n "$(sub_if_number)" ] && [ $SECONDS -le $end ]; do sleep 0.05; done
}

# sub_walk OID...: one snmpbulkwalk per OID; sets WALK_US (all walks)
# and WALK_VB (varbinds returned).  A failed walk stops the benchmark,
# unless WALK_MAY_FAIL is set: then sub_walk returns 1.
sub_walk() {
	local t0 oid
	WALK_US=0 WALK_VB=0
	for oid in "$@"; do
		t0=$(bench_now_us)
		if ! "${IN_NS[@]}" snmpbulkwalk -v2c -c public -On -Cr25 -r 1 -t 10 \
			"127.0.0.1:$SNMP_PORT" "$oid" >"$T/walk.out" 2>&1; then
			[ "${WALK_MAY_FAIL:-}" ] && return 1
			t_die "snmpbulkwalk $oid failed: $(tail -1 "$T/walk.out")"
		fi
		WALK_US=$((WALK_US + $(bench_now_us) - t0))
		WALK_VB=$((WALK_VB + $(wc -l <"$T/walk.out")))
	done
}

# sub_expect_walk SLOT ROWS MINCOLS [loose]: the walk just made
# (WALK_VB varbinds) returned every column of every row: at least
# MINCOLS a row and, unless "loose", a multiple of ROWS and as many as
# the slot's earlier walks (snmpd's native side is loose: its own
# reloads of the interface table may add a varbind or two).  A short
# or wrong count stops the benchmark loudly: it must never give a
# figure.
declare -A WALK_COUNT_OF
sub_expect_walk() {
	local slot=$1 rows=$2 min=$3 loose=${4:-}
	[ "$WALK_VB" -ge $((rows * min)) ] ||
		t_die "$slot: the walk returned $WALK_VB varbinds, fewer than $min columns of each of $rows rows"
	[ "$loose" ] && return
	[ $((WALK_VB % rows)) -eq 0 ] ||
		t_die "$slot: the walk returned $WALK_VB varbinds, not a whole number of columns of $rows rows"
	: "${WALK_COUNT_OF[$slot]:=$WALK_VB}"
	[ "${WALK_COUNT_OF[$slot]}" -eq "$WALK_VB" ] ||
		t_die "$slot: the walk returned $WALK_VB varbinds, the first ${WALK_COUNT_OF[$slot]}"
}

# The fixed cost of one snmpbulkwalk (process start-up, one request):
# the fastest of 5 walks of sysUpTime, in µs.  The fastest, so that
# noise in these few short runs never makes a net walk time negative.
sub_walk_startup_us() {
	local t=() i
	for i in $(seq 5); do
		sub_walk .1.3.6.1.2.1.1.3
		t+=("$WALK_US")
	done
	printf '%s\n' "${t[@]}" | sort -n | head -1
}
