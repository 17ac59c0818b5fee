#!/usr/bin/env bash
# Subagent rescan and idle cost at LARGE size (10,000 interfaces).
#
# Rescan: shmib-interface runs on an empty shm directory (the ifindex
# map already complete); the clock starts when shmib-fakeseg starts
# writing LARGE segments there and stops when snmpd serves ifNumber =
# LARGE (polled every 50 ms).  Peer: shmib-fakeseg writing the same
# segments into another directory, timed in the same run - the cost of
# creating them at all.
# Longest block: snmpd with shmib_interface.so over an empty directory
# answers GETs of sysUpTime.0, sent one after the other, while LARGE
# segments are written there, until all rows are served: the longest
# answer says how long the module held snmpd's loop (its rescan runs
# in steps of a few ms).  Peer: the longest answer of the same snmpd
# over as many seconds with nothing happening.
# Idle: CPU time the subagent uses while nothing asks and nothing
# changes, over BENCH_IDLE_SECONDS (default 60), with its default
# --check-interval, as a share of one core over the same seconds.  The
# snmpd master's CPU time over the same seconds is given alongside: an
# idle daemon of the same library, for scale (it is often 0 over a few
# seconds, so it cannot be the denominator).  Over the same seconds,
# the CPU time of the snmpd that runs the module.
source "$(dirname "$0")/subagent.bash"
sub_need
IDLE=${BENCH_IDLE_SECONDS:-$([ "$BENCH_QUICK" ] && echo 3 || echo 60)}
N=$SIZE_L

# idle_cpu_us PID...: CPU µs each process uses over $IDLE seconds.
idle_cpu_us() {
	local c0=() pid i=0
	sleep 1   # let start-up work settle
	for pid in "$@"; do c0+=("$(bench_cpu_us "$pid")"); done
	sleep "$IDLE"
	for pid in "$@"; do echo $(($(bench_cpu_us "$pid") - c0[i++])); done
}

t_snmpd

bench_progress "writing $N segments (peer: creation alone)"
t0=$(bench_now_us)
sub_segments "$N"
create_us=$(($(bench_now_us) - t0))

live=$T/live
mkdir -p "$live"
cp "$SEG_MAP" "$live.ifindex"
sub_start_interface "$live" "$live.ifindex" 0
DAEMON_PID=$AGENT_PID MASTER_PID=$SNMPD_PID
bench_progress "rescan: writing $N segments under a running shmib-interface"
t0=$(bench_now_us)
"$BIN/shmib-fakeseg" --dir "$live" --interfaces "$N" >"$T/fakeseg-live.log" 2>&1 ||
	t_die "shmib-fakeseg failed: $(tail -1 "$T/fakeseg-live.log")"
sub_wait_rows "$N" 300
rescan_us=$(($(bench_now_us) - t0))
bench_progress "rescan: all $N rows served after $(bench_calc "$rescan_us / 1e6") s"

# longest_answer FILE: "requests longest_µs" of GETs until FILE exists.
longest_answer() {
	"$BIN/bench-snmp-latency" --until "$1" "127.0.0.1:$SNMP_PORT" .1.3.6.1.2.1.1.3.0 |
		awk '{ print $3, $4 }'
}

mod=$T/live-module
mkdir -p "$mod"
# The rebuild's own account of its steps (life.c), in snmpd's log.
MODULE_EXTRA_CONF="[snmp] doDebugging 1
[snmp] debugTokens shmib" sub_module_master module interface --kernel-interfaces no \
	--shmem-dir "$mod" --ifindex "$live.ifindex"
sub_use module
MODULE_PID=$AGENT_PID
bench_progress "module: GETs while $N segments are written and picked up"
(
	"$BIN/shmib-fakeseg" --dir "$mod" --interfaces "$N" >"$T/fakeseg-module.log" 2>&1
	sub_wait_rows "$N" 300 && touch "$T/rescan.done"
) &
writer=$!
t0=$(bench_now_us)
read -r busy_n busy_max < <(longest_answer "$T/rescan.done")
busy_us=$(($(bench_now_us) - t0))
[ "${busy_max:-}" ] || t_die "GETs of sysUpTime.0 failed while the segments were picked up"
wait "$writer" || t_die "the module did not serve $N rows (see $T/fakeseg-module.log)"
bench_progress "module: the same GETs over $(bench_calc "$busy_us / 1e6") s with nothing happening"
( sleep "$(bench_calc "$busy_us / 1e6")"; touch "$T/idle.done" ) &
read -r idle_n idle_max < <(longest_answer "$T/idle.done")
[ "${idle_max:-}" ] || t_die "GETs of sysUpTime.0 failed with nothing happening"

bench_progress "idle CPU of shmib-interface, its snmpd and the module's snmpd over $IDLE s"
{ read -r shmib_idle; read -r snmpd_idle; read -r module_idle; } < \
	<(idle_cpu_us "$DAEMON_PID" "$MASTER_PID" "$MODULE_PID")

bench_line "rescan: $N new segments until all rows served" "$(bench_calc "$rescan_us / 1e6") s" \
	"shmib-fakeseg writing $N segments" "$(bench_calc "$create_us / 1e6") s" \
	"$(bench_ratio "$rescan_us" "$create_us")" "reported"
steps=$(grep -a -o 'rebuild in force: .*' "$T/module/snmpd.log" |
	awk '{ n++; s += $4; if ($11 + 0 > m) m = $11 + 0 } END { printf "%d rebuilds, %d steps, the longest %.2f ms", n, s, m }')
bench_progress "module: $steps"
bench_line "module: longest GET answer while $N segments are picked up ($busy_n GETs; $steps)" \
	"$(bench_calc "$busy_max / 1e3") ms" "the same snmpd with nothing happening ($idle_n GETs)" \
	"$(bench_calc "$idle_max / 1e3") ms" "$(bench_ratio "$busy_max" "$idle_max")" "reported"
share=$(awk -v c="$shmib_idle" -v s="$IDLE" 'BEGIN { printf "%.5f", c / (s * 1e6) }')
bench_line "idle CPU over $IDLE s, $N rows" "$(bench_calc "$shmib_idle / 1e3") ms" \
	"one core over the same $IDLE s (snmpd master meanwhile: $(bench_calc "$snmpd_idle / 1e3") ms)" \
	"$((IDLE * 1000)) ms" "$share" "< 0.01"
share=$(awk -v c="$module_idle" -v s="$IDLE" 'BEGIN { printf "%.5f", c / (s * 1e6) }')
bench_line "module: idle CPU of snmpd with shmib_interface.so over $IDLE s, $N rows" \
	"$(bench_calc "$module_idle / 1e3") ms" "one core over the same $IDLE s" \
	"$((IDLE * 1000)) ms" "$share" "reported"
