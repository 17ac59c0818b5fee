#!/usr/bin/env bash
# Resources of shmib-interface at N interfaces (default 10,000), run by
# hand (not part of `make test`: the walk alone takes about a minute):
#   tests/resources/interface.sh [N]
# Checks, with ifLinkUpDownTrapEnable enabled(1) in every segment (as
# the dataplane writes them), after a full snmpbulkwalk of ifTable and
# ifXTable through a private snmpd: VmRSS under RSS_LIMIT_KB (default 30 MB) once the
# agent is idle (it drops the segments' pages when requests stop),
# and at most 1 tick of CPU (utime + stime) over IDLE_SECONDS of idle.
# Prints VmRSS/RssAnon/RssFile/VmHWM at each step.  No timing is
# asserted: the waits only bound how long the check waits.
. "$(dirname "$0")/../lib.sh"

N=${1:-10000}
RSS_LIMIT_KB=${RSS_LIMIT_KB:-30720}
IDLE_SECONDS=${IDLE_SECONDS:-10}
S=$T/shm

status() { awk '/^(VmRSS|RssAnon|RssFile|VmHWM):/ { printf "%s %s kB  ", $1, $2 }' "/proc/$1/status"; }
rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
rows_are() { [ "$(t_get -Oqv .1.3.6.1.2.1.2.1.0 2>/dev/null)" = "$1" ]; }
rss_below() { [ "$(rss_kb "$1")" -lt "$RSS_LIMIT_KB" ]; }

"$BIN/shmib-fakeseg" --dir "$S" --interfaces "$N" >/dev/null 2>&1 || t_die "shmib-fakeseg failed"
# Notifications on in every segment, as the dataplane writes them
# (shmib-fakeseg writes Snabb's disabled(2)): the agent watches every
# row; its segments keep _X_seqlock, so their writer signals changes
# and no row is polled.
off=$(awk -F: 'NR > 1 { if ($1 == "ifLinkUpDownTrapEnable") { print sum + 0; exit } sum += $2 }' "$S/if1.index")
[ -n "$off" ] || t_die "no ifLinkUpDownTrapEnable in the segments"
perl -e 'my $off = shift; for (grep { !/\.index$/ } @ARGV) { open(my $f, "+<", $_) or die "$_: $!";
	seek($f, $off, 0); print $f pack("l", 1); close $f }' "$off" "$S"/if[0-9]* ||
	t_die "cannot enable the notifications"
t_snmpd
t_bg agent "$BIN/shmib-interface" --kernel-interfaces no -f -x "unix:$AGENTX" --shmem-dir "$S" --ifindex "$S.ifindex"
PID=$!
t_wait 120 rows_are "$N" || t_die "ifNumber did not reach $N (see $T/agent.log)"
t_log "started:    $(status "$PID")"

t_bulkwalk -Cr25 .1.3.6.1.2.1.2.2 >"$T/walk" 2>&1
t_bulkwalk -Cr25 .1.3.6.1.2.1.31.1.1 >>"$T/walk" 2>&1
t_check "varbinds walked (41 columns a row)" $((41 * N)) "$(grep -c ' = ' "$T/walk")"
t_log "after walk: $(status "$PID")"

t_wait 10 rss_below "$PID"
t_log "idle:       $(status "$PID")"
rss=$(rss_kb "$PID")
[ "$rss" -lt "$RSS_LIMIT_KB" ]
t_check "VmRSS after the walk ($rss kB) under $RSS_LIMIT_KB kB" 0 $?

before=$(ticks "$PID")
sleep "$IDLE_SECONDS"
idle=$(($(ticks "$PID") - before))
[ "$idle" -le 1 ]
t_check "CPU ticks in $IDLE_SECONDS s of idle ($idle) at most 1" 0 $?
t_done
