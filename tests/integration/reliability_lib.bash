# Shared by the reliability tests (sourced after tests/lib.sh): starting
# shmib-interface, walks that compare across restarts, walker loops
# running in the background, and the clean-stop check of an agent.

[ -x "$BIN/shmib-interface" ] || t_skip "shmib-interface is not built"
[ -x "$BIN/shmib-fakeseg" ] || t_skip "shmib-fakeseg is not built"

IFMIB=.1.3.6.1.2.1.2
IFXMIB=.1.3.6.1.2.1.31
PWMIB=.1.3.6.1.2.1.10.246
VPLSMIB=.1.3.6.1.2.1.10.274

# if_start NAME SHMDIR IFINDEX [ARGS...]: shmib-interface against the
# test's snmpd, log in $T/NAME.log; its pid in IF_AGENT.
if_start() {
	local name=$1 dir=$2 map=$3; shift 3
	t_bg "$name" "$BIN/shmib-interface" --kernel-interfaces no -f -x "unix:$AGENTX" \
		--shmem-dir "$dir" --ifindex "$map" --check-interval "${REL_INTERVAL:-1}" "$@"
	IF_AGENT=$!
}

# rel_walk OID...: bulk walks of the subtrees, TimeTicks values masked
# (TimeStamps are relative to the master's start, intervals move on):
# what must be the same before and after a restart.
rel_walk() {
	local oid
	for oid in "$@"; do
		t_bulkwalk "$oid" 2>&1
	done | sed 's/Timeticks: .*/Timeticks: T/'
}

# rel_loop NAME REFERENCE OID...: walks OID... (rel_walk) again and
# again until $T/stop exists; counts walks equal to the file REFERENCE
# in $T/NAME.same and the others in $T/NAME.other (one line a walk).
rel_loop() {
	local name=$1 ref=$2; shift 2
	: >"$T/$name.same"; : >"$T/$name.other"
	while [ ! -e "$T/stop" ]; do
		rel_walk "$@" >"$T/$name.walk"
		if cmp -s "$T/$name.walk" "$ref"; then
			echo >>"$T/$name.same"
		else
			echo >>"$T/$name.other"
		fi
		sleep 0.1       # the machine is shared
	done
}

# Lines in a counter file of rel_loop; rel_more FILE N: more than N.
rel_count() { wc -l <"$T/$1"; }
rel_more() { [ "$(rel_count "$1")" -gt "$2" ]; }

# rel_loops_stop: ends every rel_loop (each finishes its walk).
rel_loops_stop() { touch "$T/stop"; wait "${REL_LOOPS[@]}"; }
REL_LOOPS=()

# rel_clean NAME PID: stops an agent with SIGTERM and checks it exits 0
# with nothing for the sanitizers (make SANITIZE=1) in $T/NAME.log.
rel_clean() {
	kill "$2"
	wait "$2"
	t_check "$1: clean exit" 0 $?
	t_check "$1: no sanitizer report or assert" 0 \
		"$(grep -c -E 'Sanitizer|runtime error|netsnmp_assert' "$T/$1.log")"
}
