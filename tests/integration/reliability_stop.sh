#!/usr/bin/env bash
# snmpd and both subagents stopped together (one SIGTERM to all three,
# as a system shutdown does), ten times over: the agents' Close races
# the master going away, and net-snmp must not find its shutdown
# callbacks unregistered from inside themselves (the "lock_holded <
# 100" assert and its 100 ms stall); every agent exits 0 with nothing
# for the sanitizers.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/pseudowire_lib.bash"
. "$(dirname "$0")/reliability_lib.bash"

ROUNDS=10
IFSHM=$T/ifshm PWSHM=$T/pwshm
"$BIN/shmib-fakeseg" --dir "$IFSHM" --interfaces 3 >/dev/null || t_die "fakeseg interfaces"
"$BIN/shmib-fakeseg" --dir "$PWSHM" --vpls 1 --pseudowires 2 >/dev/null || t_die "fakeseg pseudowires"
if_ok() { [ "$(t_value $IFXMIB.1.1.1.1.3)" == '"if3"' ]; }
pw_ok() { [ "$(t_value $PWMIB.1.2.1.32.2)" == '"pw1_2"' ]; }

asserts=0 stalls=0 bad_exits=0 reports=0
for round in $(seq $ROUNDS); do
	t_snmpd
	if_start interface "$IFSHM" "$IFSHM.ifindex"
	IFA=$IF_AGENT
	pw_start --shmem-dir "$PWSHM" --vpls-ids "$PWSHM.vpls-ids" \
		--pseudowire-ids "$PWSHM.pseudowire-ids" --state-file "$T/pw.state"
	PWA=$AGENT
	t_wait 15 if_ok || t_die "round $round: shmib-interface does not serve"
	t_wait 15 pw_ok || t_die "round $round: shmib-pseudowire does not serve"
	kill "$SNMPD_PID" "$IFA" "$PWA"
	for pid in "$IFA" "$PWA"; do
		wait "$pid" || bad_exits=$((bad_exits + 1))
	done
	wait "$SNMPD_PID"
	cat "$T/interface.log" "$T/pseudowire.log" >"$T/round$round.log"
	asserts=$((asserts + $(grep -c netsnmp_assert "$T/round$round.log")))
	stalls=$((stalls + $(grep -c '_callback_lock sleeps' "$T/round$round.log")))
	reports=$((reports + $(grep -c -E 'Sanitizer|runtime error' "$T/round$round.log")))
	unset SNMP_PORT
done
t_check "$ROUNDS rounds: no netsnmp_assert" 0 "$asserts"
t_check "$ROUNDS rounds: no callback lock stall" 0 "$stalls"
t_check "$ROUNDS rounds: every agent exits 0" 0 "$bad_exits"
t_check "$ROUNDS rounds: no sanitizer report" 0 "$reports"
t_done
