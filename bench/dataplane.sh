#!/usr/bin/env bash
# Dataplane forwarding rate: shmib-dataplane cross-connecting two
# net_null ports (64-byte frames, one worker lcore) against
# dpdk-testpmd --forward-mode=io on the same virtual ports, in the same
# run with the same EAL options; shmib-dataplane with segment
# publishing on (every second, the default) against off
# (publish_interval 0); and with capture ready and idle (pdump
# initialised, the default) against EAL's multi-process channel off
# (--no-shconf: pdump cannot be asked for anything).
#
# Rates are frames forwarded (both directions together) per second of
# CPU time of the worker lcore's thread (bench/dataplane.bash).  Runs
# alternate between the three; figures are medians over BENCH_RUNS
# runs of BENCH_SECONDS each.
source "$(dirname "$0")/../tests/lib.sh"
source "$(dirname "$0")/lib.bash"

DP=$BIN/shmib-dataplane
[ -x "$DP" ] || t_skip "$DP is not built"
command -v dpdk-testpmd >/dev/null || t_skip "dpdk-testpmd is not installed (Debian package dpdk)"
[ "$(nproc)" -ge 2 ] || t_skip "needs two CPUs: a main and a worker lcore"
SECS=${BENCH_SECONDS:-$([ "$BENCH_QUICK" ] && echo 3 || echo 10)}
EAL=(-l 0,1 --no-huge -m 512 --no-pci --vdev net_null0 --vdev net_null1)
source "$(dirname "$0")/dataplane.bash"

# conf PUBLISH_INTERVAL: the cross-connect's configuration file.
conf() {
	cat >"$T/dp-$1.conf" <<EOC
[global]
publish_interval = $1
[port a]
device = net_null0
xconnect = b
[port b]
device = net_null1
EOC
	echo "$T/dp-$1.conf"
}

tp=() on=() off=() nomp=()
for r in $(seq "$BENCH_RUNS"); do
	bench_progress "run $r of $BENCH_RUNS: testpmd io, dataplane publishing on, off, without pdump ($SECS s each)"
	tp+=("$(per_cpu "$(testpmd_io "${EAL[@]}")")")
	on+=("$(per_cpu "$(dataplane_run "$(conf 1)" "${EAL[@]}")")")
	off+=("$(per_cpu "$(dataplane_run "$(conf 0)" "${EAL[@]}")")")
	nomp+=("$(per_cpu "$(dataplane_run "$(conf 1)" "${EAL[@]}" --no-shconf)")")
	bench_progress "  Mpps per worker CPU-second: testpmd ${tp[-1]:-?}, publishing on ${on[-1]:-?}, off ${off[-1]:-?}, without pdump ${nomp[-1]:-?}"
	[ "${tp[-1]}" ] && [ "${on[-1]}" ] && [ "${off[-1]}" ] && [ "${nomp[-1]}" ] ||
		t_die "a run gave no rate (logs: $T/testpmd.log, $T/dp.log)"
done
TP=$(bench_median "${tp[@]}") ON=$(bench_median "${on[@]}") OFF=$(bench_median "${off[@]}")
NOMP=$(bench_median "${nomp[@]}")

R=$(bench_ratio "$ON" "$TP")
bench_line "cross-connect, 64-byte frames, 1 worker, publishing every 1 s (Mpps per worker CPU-s)" \
	"$ON" "dpdk-testpmd --forward-mode=io" "$TP" "$R" "$(floor "$R" 0.95)"
R=$(bench_ratio "$ON" "$OFF")
bench_line "cross-connect, publishing every 1 s (Mpps per worker CPU-s)" \
	"$ON" "same, publishing off" "$OFF" "$R" "$(floor "$R" 0.98)"
R=$(bench_ratio "$ON" "$NOMP")
bench_line "cross-connect, capture (pdump) ready and idle (Mpps per worker CPU-s)" \
	"$ON" "same, multi-process off (--no-shconf)" "$NOMP" "$R" "$(floor "$R" 0.98)"
