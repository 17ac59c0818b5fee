#!/usr/bin/env bash
# Dataplane forwarding rate: shmib-dataplane cross-connecting two
# net_null ports (64-byte frames, one worker lcore) against
# dpdk-testpmd --forward-mode=io on the same virtual ports, in the same
# run with the same EAL options; and shmib-dataplane with segment
# publishing on (every second, the default) against off
# (publish_interval 0).
#
# Rates are frames forwarded (both directions together) per second of
# CPU time of the worker lcore's thread (its schedstat): a busy-polling
# worker forwards as long as it runs, so this is the rate of a
# dedicated core, and other load on the machine does not skew the
# ratios.  Wall-clock rates are printed too.  Runs alternate between
# the three; figures are medians over BENCH_RUNS runs of BENCH_SECONDS.
source "$(dirname "$0")/../tests/lib.sh"
source "$(dirname "$0")/lib.bash"

DP=$BIN/shmib-dataplane
[ -x "$DP" ] || t_skip "$DP is not built"
command -v dpdk-testpmd >/dev/null || t_skip "dpdk-testpmd is not installed (Debian package dpdk)"
[ "$(nproc)" -ge 2 ] || t_skip "needs two CPUs: a main and a worker lcore"
SECS=${BENCH_SECONDS:-$([ "$BENCH_QUICK" ] && echo 3 || echo 10)}
EAL=(-l 0,1 --no-huge -m 512 --no-pci --vdev net_null0 --vdev net_null1)
run_no=0

# CPU time (ns) of the thread of lcore 1 in PID (EAL names it rte-worker-1).
worker_ns() {
	local task
	for task in /proc/"$1"/task/*; do
		[ "$(cat "$task/comm" 2>/dev/null)" == rte-worker-1 ] &&
			{ awk '{ print $1 }' "$task/schedstat"; return; }
	done
	echo 0
}

# timed LOG CMD...: runs CMD until its worker has forwarded for
# SECS seconds of wall time (from its first log line of forwarding,
# MARK), then reads the worker's CPU time into CPU_NS and sends SIGINT.
timed() {
	local log=$1 mark=$2 pid; shift 2
	"$@" >"$log" 2>&1 &
	pid=$!
	T_PIDS+=("$pid")
	t_wait 60 grep -aq "$mark" "$log" || t_die "no '$mark' in $log"
	sleep "$SECS"
	CPU_NS=$(worker_ns "$pid")
	kill -INT "$pid" 2>/dev/null
	wait "$pid"
}

# Prints "FRAMES CPU_NS" of one testpmd io run.
testpmd_run() {
	run_no=$((run_no + 1))
	timed "$T/testpmd.log" "Tx-pps" dpdk-testpmd "${EAL[@]}" \
		--file-prefix "shmib-bench-tp-$$-$run_no" -- --forward-mode=io \
		--total-num-mbufs 16384 --auto-start --stats-period 1
	echo "$(sed -n '/Accumulated forward/,/TX-packets/ s/.*TX-packets: *\([0-9]*\).*/\1/p' "$T/testpmd.log") $CPU_NS"
}

# dataplane_run PUBLISH_INTERVAL: prints "FRAMES CPU_NS WALL_MPPS".
dataplane_run() {
	run_no=$((run_no + 1))
	cat >"$T/dp.conf" <<EOC
[global]
publish_interval = $1
[port a]
device = net_null0
xconnect = b
[port b]
device = net_null1
EOC
	timed "$T/dp.log" "forwarding on" "$DP" "${EAL[@]}" \
		--file-prefix "shmib-bench-dp-$$-$run_no" -- --config "$T/dp.conf" \
		--shmem-dir "$T/shm" -f
	echo "$(sed -n 's/.*lcore 1: \([0-9]*\) frames .*/\1/p' "$T/dp.log") $CPU_NS"
}

# Mpps per CPU-second from "FRAMES CPU_NS".
per_cpu() { awk '$2 > 0 { printf "%.3f", $1 / ($2 / 1e9) / 1e6 }' <<<"$1"; }

tp=() on=() off=()
for r in $(seq "$BENCH_RUNS"); do
	bench_progress "run $r of $BENCH_RUNS: testpmd io, dataplane publishing on, off ($SECS s each)"
	tp+=("$(per_cpu "$(testpmd_run)")")
	on+=("$(per_cpu "$(dataplane_run 1)")")
	off+=("$(per_cpu "$(dataplane_run 0)")")
	bench_progress "  Mpps per worker CPU-second: testpmd ${tp[-1]:-?}, publishing on ${on[-1]:-?}, off ${off[-1]:-?}"
	[ "${tp[-1]}" ] && [ "${on[-1]}" ] && [ "${off[-1]}" ] ||
		t_die "a run gave no rate (logs: $T/testpmd.log, $T/dp.log)"
done
TP=$(bench_median "${tp[@]}") ON=$(bench_median "${on[@]}") OFF=$(bench_median "${off[@]}")

# bench_line checks "<=" targets only: these are floors.
floor() { awk -v r="$1" -v t="$2" 'BEGIN { print ">= " t (r >= t ? " met" : " MISSED") }'; }
R=$(bench_ratio "$ON" "$TP")
bench_line "cross-connect, 64-byte frames, 1 worker, publishing every 1 s (Mpps per worker CPU-s)" \
	"$ON" "dpdk-testpmd --forward-mode=io" "$TP" "$R" "$(floor "$R" 0.95)"
R=$(bench_ratio "$ON" "$OFF")
bench_line "cross-connect, publishing every 1 s (Mpps per worker CPU-s)" \
	"$ON" "same, publishing off" "$OFF" "$R" "$(floor "$R" 0.98)"
