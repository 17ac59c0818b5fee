# Measuring forwarding rates of DPDK processes (sourced by the
# dataplane benchmarks, after tests/lib.sh and bench/lib.bash).
#
# A rate is frames forwarded per second of CPU time of the worker
# lcore's thread (its schedstat): a busy-polling worker forwards as
# long as it runs, so this is the rate of a dedicated core, and other
# load on the machine does not skew ratios between runs.  Frames come
# from the process's own count at exit: testpmd's accumulated
# TX-packets, shmib-dataplane's "lcore 1: N frames forwarded" line.

# EAL leaves a runtime directory per file prefix: ours are the ones
# that appear while the script runs and that no process uses.
RUNTIME=${XDG_RUNTIME_DIR:-/var/run}/dpdk
BEFORE=$(ls "$RUNTIME" 2>/dev/null)
cleanup() {
	local d
	t_cleanup
	for d in "$RUNTIME"/shmib-bench-tp-* "$RUNTIME"/shmib-bench-dp-*; do
		[ -e "$d" ] || continue
		grep -qx "$(basename "$d")" <<<"$BEFORE" && continue
		pgrep -f -- "--file-prefix $(basename "$d")( |$)" >/dev/null || rm -rf "$d"
	done
}
trap cleanup EXIT

# The /proc task directory of the thread of lcore 1 (EAL names it
# rte-worker-1) in PID.
worker_task() {
	local task
	for task in /proc/"$1"/task/*; do
		[ "$(cat "$task/comm" 2>/dev/null)" == rte-worker-1 ] &&
			{ echo "$task"; return; }
	done
}

# measure LOG MARK CMD...: runs CMD for SECS seconds after MARK shows
# in LOG, stops it with SIGINT and reads the worker's CPU time into
# CPU_NS.  The frame counts come from the process's report at exit,
# so the CPU time is followed until the worker has stopped: the
# process keeps forwarding for a while after the signal (testpmd's
# main lcore sleeps up to its stats period, about 150 ms here, before
# it stops the workers), and those frames are in the count.
measure() {
	local log=$1 mark=$2 pid task ns; shift 2
	"$@" >"$log" 2>&1 &
	pid=$!
	T_PIDS+=("$pid")
	t_wait 60 grep -aq "$mark" "$log" || t_die "no '$mark' in $log"
	sleep "$SECS"
	task=$(worker_task "$pid")
	CPU_NS=0
	kill -INT "$pid" 2>/dev/null
	while [ "$task" ] && read -r ns _ 2>/dev/null <"$task/schedstat"; do
		CPU_NS=$ns
	done
	wait "$pid"
}

# testpmd_io EAL-OPTIONS...: one dpdk-testpmd --forward-mode=io run;
# prints "FRAMES CPU_NS".  Called in $(...): the subshell's pid makes
# the EAL file prefix unique.
testpmd_io() {
	measure "$T/testpmd.log" "Tx-pps" dpdk-testpmd "$@" \
		--file-prefix "shmib-bench-tp-$BASHPID" -- --forward-mode=io \
		--total-num-mbufs 16384 --auto-start --stats-period 1
	echo "$(sed -n '/Accumulated forward/,/TX-packets/ s/.*TX-packets: *\([0-9]*\).*/\1/p' "$T/testpmd.log") $CPU_NS"
}

# dataplane_run CONFIG EAL-OPTIONS...: one shmib-dataplane run; prints
# "FRAMES CPU_NS".
dataplane_run() {
	local conf=$1; shift
	measure "$T/dp.log" "forwarding on" "$DP" "$@" \
		--file-prefix "shmib-bench-dp-$BASHPID" -- --config "$conf" \
		--shmem-dir "$T/shm" -f
	echo "$(sed -n 's/.*lcore 1: \([0-9]*\) frames .*/\1/p' "$T/dp.log") $CPU_NS"
}

# Mpps per CPU-second from "FRAMES CPU_NS".
per_cpu() { awk '$2 > 0 { printf "%.3f", $1 / ($2 / 1e9) / 1e6 }' <<<"$1"; }

# floor RATIO TARGET: "≥ TARGET met|MISSED" (bench_line checks "<=" only).
floor() { awk -v r="$1" -v t="$2" 'BEGIN { print ">= " t (r >= t ? " met" : " MISSED") }'; }

