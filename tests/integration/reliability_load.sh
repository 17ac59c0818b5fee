#!/usr/bin/env bash
# Four bulk walkers of ifTable+ifXTable loop for 10 s against 1,000 (250
# under the sanitizers) interfaces served by shmib-interface: every walk completes with no
# timeout or error and equals the first (same varbinds, same values,
# TimeTicks masked), and the agent's resident set stays flat: VmRSS at
# the end at most 2 MB above VmRSS after the first round of walks.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/reliability_lib.bash"

N=1000 WALKERS=4 DURATION=10
# Under the sanitizers each request costs several times more: fewer rows
# keep the walks, and so the test, bounded.
case $BUILD in */asan) N=250 ;; esac
rss() { awk '/^VmRSS:/ { print $2 }' "/proc/$IF_AGENT/status"; }
"$BIN/shmib-fakeseg" --dir "$T/shm" --interfaces $N >/dev/null || t_die "fakeseg"
t_snmpd
if_start interface "$T/shm" "$T/shm.ifindex"
served() { [ "$(t_value $IFMIB.1.0)" == "$N" ]; }
t_wait 30 served || t_die "shmib-interface does not serve $N interfaces (see $T/interface.log)"

rel_walk $IFMIB $IFXMIB >"$T/ref"
t_check "a walk: $N ifTable rows" $N "$(grep -c "^$IFMIB\.2\.1\.1\." "$T/ref")"
for w in $(seq $WALKERS); do
	rel_loop walk$w "$T/ref" $IFMIB $IFXMIB &
	REL_LOOPS+=($!); T_PIDS+=($!)
done
first_round() { for w in $(seq $WALKERS); do rel_more walk$w.same 0 || return 1; done; }
t_wait 60 first_round || t_fail "not every walker completed a walk"
rss_first=$(rss)
sleep $DURATION
rss_end=$(rss)
rel_loops_stop

same=0 other=0
for w in $(seq $WALKERS); do
	same=$((same + $(rel_count walk$w.same))) other=$((other + $(rel_count walk$w.other)))
done
t_log "$same walks of $(wc -l <"$T/ref") varbinds; VmRSS $rss_first kB after the first round, $rss_end kB at the end"
t_check "every walk complete and equal to the first (no timeout, no error)" 0 "$other"
[ "$same" -gt $WALKERS ]
t_check "the walkers went on walking" 0 $?
[ $((rss_end - rss_first)) -lt 2048 ]
t_check "VmRSS growth under 2 MB ($((rss_end - rss_first)) kB)" 0 $?
rel_clean interface "$IF_AGENT"
t_done
