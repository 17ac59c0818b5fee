#!/usr/bin/env bash
# A rebuild of a large index runs in steps, one a turn of the agent's
# loop (snmpd's, for a module), and requests are answered between two.
# With 5,000 segments served, every one of them is replaced (as when
# the dataplane restarts); while the agent takes the new ones in and
# closes the old ones, GETs of ifNumber.0 (answered by the agent) go on
# one after the other.  The longest of them must be a fraction of the
# longest rebuild's own duration, both measured in the same run: a
# rebuild done in one go holds a request for all of it (as an alarm
# that registers itself again with no delay did: net-snmp runs it again
# before it returns to select).  Afterwards every row is served (a
# segment republished while the agent opened it, "went away while
# opened", is opened again by a later scan: it was lost in about one run
# in four when the scan noted the files as they were after the failed
# open) and no replaced segment is still mapped.
# loads: daemon module
. "$(dirname "$0")/../lib.sh"

N=5000
"$BIN/shmib-fakeseg" --dir "$T/shm" --interfaces $N >"$T/fakeseg.log" 2>&1 ||
	t_die "shmib-fakeseg failed"
# The rebuild's account of its steps (-Dshmib), read at start.
DEBUG='[snmp] doDebugging 1
[snmp] debugTokens shmib'
echo "$DEBUG" >"$T/snmpconf/interface.conf"
SNMPD_EXTRA_CONF=$DEBUG t_snmpd
t_agent agent interface --shmem-dir "$T/shm" --ifindex "$T/shm.ifindex"
served() { [ "$(t_value .1.3.6.1.2.1.2.1.0)" = "$N" ]; }
t_wait 60 served || t_die "the agent does not serve $N rows (see $AGENT_LOG)"
rebuilds() { grep -a -c "rebuild in force" "$AGENT_LOG"; }
n0=$(rebuilds)

"$BIN/bench-snmp-latency" --until "$T/done" "127.0.0.1:$SNMP_PORT" .1.3.6.1.2.1.2.1.0 \
	>"$T/latency" 2>&1 &
PROBE=$!
T_PIDS+=($PROBE)
sleep 0.3
"$BIN/shmib-fakeseg" --dir "$T/shm" --interfaces $N >>"$T/fakeseg.log" 2>&1 ||
	t_die "shmib-fakeseg failed replacing the segments"
# Done once no replaced segment is mapped any more and no rebuild came
# for a second.
mapped_old() { grep -c "$T/shm/.* (deleted)" "/proc/$AGENT_PID/maps"; }
settled() {
	local n=$(rebuilds)
	[ "$n" -gt "$n0" ] && [ "$(mapped_old)" = 0 ] && sleep 1 && [ "$(rebuilds)" = "$n" ]
}
t_wait 60 settled || t_fail "the replaced segments are not all taken in and closed"
touch "$T/done"
wait $PROBE
read -r _ _ requests longest_us <"$T/latency" || t_die "no GET answered: $(cat "$T/latency")"
longest_ms=$(grep -a -o "rebuild in force: .*" "$AGENT_LOG" | tail -n +$((n0 + 1)) |
	awk '{ if ($7 + 0 > m) m = $7 + 0 } END { print m + 0 }')
t_log "$requests GETs, the longest $longest_us µs; the longest rebuild $longest_ms ms" \
	"($(($(rebuilds) - n0)) rebuilds)"
awk -v r="$longest_ms" 'BEGIN { exit !(r >= 20) }'
t_check "a rebuild of $N segments long enough to tell (>= 20 ms)" 0 $?
awk -v g="$longest_us" -v r="$longest_ms" 'BEGIN { exit !(g / 1000 < r / 2) }'
t_check "GETs answered during the rebuild (longest answer under half of it)" 0 $?
t_check "every row served after" "$N" "$(t_value .1.3.6.1.2.1.2.1.0)"
t_check "no replaced segment still mapped" 0 "$(mapped_old)"
t_agent_stop interface
t_done
