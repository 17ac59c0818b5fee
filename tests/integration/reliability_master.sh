#!/usr/bin/env bash
# snmpd killed (SIGKILL) and restarted on the same port and AgentX
# socket while bulk walks run against both subagents: each reconnects
# within twice its ping interval (--check-interval, 2 s here) of the new
# master answering, then serves exactly the rows and values it served
# before (full walks compared, TimeTicks masked), the walkers saw only
# complete, identical walks while both were connected, and both agents
# stop cleanly with no sanitizer report.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/pseudowire_lib.bash"
. "$(dirname "$0")/reliability_lib.bash"

INTERVAL=2
IFSHM=$T/ifshm PWSHM=$T/pwshm
"$BIN/shmib-fakeseg" --dir "$IFSHM" --interfaces 20 >/dev/null || t_die "fakeseg interfaces"
"$BIN/shmib-fakeseg" --dir "$PWSHM" --vpls 2 --pseudowires 3 >/dev/null || t_die "fakeseg pseudowires"

t_snmpd
REL_INTERVAL=$INTERVAL if_start interface "$IFSHM" "$IFSHM.ifindex"
IFA=$IF_AGENT
pw_start --check-interval $INTERVAL --shmem-dir "$PWSHM" --vpls-ids "$PWSHM.vpls-ids" \
	--pseudowire-ids "$PWSHM.pseudowire-ids" --state-file "$T/pw.state"
PWA=$AGENT

# Both serve: the last interface's ifName, the last pseudowire's pwName.
if_ok() { [ "$(t_value $IFXMIB.1.1.1.1.20)" == '"if20"' ]; }
pw_ok() { [ "$(t_value $PWMIB.1.2.1.32.6)" == '"pw2_3"' ]; }
t_wait 15 if_ok || t_die "shmib-interface does not serve (see $T/interface.log)"
t_wait 15 pw_ok || t_die "shmib-pseudowire does not serve (see $T/pseudowire.log)"

rel_walk $IFMIB $IFXMIB >"$T/if.ref"
rel_walk $PWMIB $VPLSMIB >"$T/pw.ref"
t_check "interface walk: 20 ifTable rows" 20 "$(grep -c "^$IFMIB\.2\.1\.1\." "$T/if.ref")"
t_check "pseudowire walk: 6 pwTable rows" 6 "$(grep -c "^$PWMIB\.1\.2\.1\.32\." "$T/pw.ref")"

rel_loop ifwalk "$T/if.ref" $IFMIB $IFXMIB & REL_LOOPS+=($!); T_PIDS+=($!)
rel_loop pwwalk "$T/pw.ref" $PWMIB $VPLSMIB & REL_LOOPS+=($!); T_PIDS+=($!)
t_wait 20 test -s "$T/pwwalk.same" || t_fail "no walk while connected"
t_wait 20 test -s "$T/ifwalk.same" || t_fail "no walk while connected"
t_check "walks while connected: all complete and identical" "0 0" \
	"$(rel_count ifwalk.other) $(rel_count pwwalk.other)"

for round in 1 2; do
	kill -9 "$SNMPD_PID"
	wait "$SNMPD_PID" 2>/dev/null
	sleep 1                 # the master stays away a moment
	same_if=$(rel_count ifwalk.same) same_pw=$(rel_count pwwalk.same)
	t_snmpd                 # same port, same socket
	# Reconnected: both serve within two ping intervals.
	t_wait $((2 * INTERVAL)) if_ok
	t_check "round $round: shmib-interface back within $((2 * INTERVAL)) s" 0 $?
	t_wait $((2 * INTERVAL)) pw_ok
	t_check "round $round: shmib-pseudowire back within $((2 * INTERVAL)) s" 0 $?
	t_check "round $round: interface walk identical" "" "$(rel_walk $IFMIB $IFXMIB | diff "$T/if.ref" - | head -5)"
	t_check "round $round: pseudowire walk identical" "" "$(rel_walk $PWMIB $VPLSMIB | diff "$T/pw.ref" - | head -5)"
	t_wait 20 rel_more ifwalk.same "$same_if" ||
		t_fail "round $round: no identical interface walk after the restart"
	t_wait 20 rel_more pwwalk.same "$same_pw" ||
		t_fail "round $round: no identical pseudowire walk after the restart"
done
rel_loops_stop
t_log "walks: interface $(rel_count ifwalk.same) identical, $(rel_count ifwalk.other) during outages;" \
	"pseudowire $(rel_count pwwalk.same) identical, $(rel_count pwwalk.other) during outages"

t_check "reconnected twice: interface" 3 "$(grep -c "master.s sysUpTime is" "$T/interface.log")"
t_check "reconnected twice: pseudowire" 3 "$(grep -c "master.s sysUpTime is" "$T/pseudowire.log")"
rel_clean interface "$IFA"
rel_clean pseudowire "$PWA"
t_done
