#!/usr/bin/env bash
# Signals an operator or logrotate sends: SIGHUP, SIGUSR1 and SIGUSR2
# leave both subagents running and serving.  SIGHUP re-reads the .conf
# (a notification setting changed in pseudowire.conf is served after
# it), the ifindex map and the id files, and logs one line saying so;
# SIGUSR1/SIGUSR2 log one status line.  Both stop cleanly afterwards.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/pseudowire_lib.bash"
. "$(dirname "$0")/reliability_lib.bash"

IFSHM=$T/ifshm PWSHM=$T/pwshm
PW_RATE=$PWMIB.1.11.0
"$BIN/shmib-fakeseg" --dir "$IFSHM" --interfaces 3 >/dev/null || t_die "fakeseg interfaces"
"$BIN/shmib-fakeseg" --dir "$PWSHM" --vpls 1 --pseudowires 2 >/dev/null || t_die "fakeseg pseudowires"
echo "pwNotifRate 7" >"$T/snmpconf/pseudowire.conf"

t_snmpd
if_start interface "$IFSHM" "$IFSHM.ifindex"
IFA=$IF_AGENT
pw_start --shmem-dir "$PWSHM" --vpls-ids "$PWSHM.vpls-ids" \
	--pseudowire-ids "$PWSHM.pseudowire-ids" --state-file "$T/pw.state"
PWA=$AGENT
if_ok() { [ "$(t_value $IFXMIB.1.1.1.1.3)" == '"if3"' ]; }
pw_ok() { [ "$(t_value $PWMIB.1.2.1.32.2)" == '"pw1_2"' ]; }
t_wait 15 if_ok || t_die "shmib-interface does not serve (see $T/interface.log)"
t_wait 15 pw_ok || t_die "shmib-pseudowire does not serve (see $T/pseudowire.log)"
t_check "pwNotifRate from pseudowire.conf" 7 "$(t_get -Oqv $PW_RATE 2>&1)"

alive() { kill -0 "$1" 2>/dev/null && echo yes || echo no; }
count() { grep -c -F -- "$2" "$T/$1.log"; }
for sig in HUP USR1 USR2; do
	kill -$sig "$IFA" "$PWA"
	sleep 0.5
	t_check "SIG$sig: shmib-interface runs on" yes "$(alive "$IFA")"
	t_check "SIG$sig: shmib-pseudowire runs on" yes "$(alive "$PWA")"
	t_wait 5 if_ok || t_fail "SIG$sig: shmib-interface stopped serving"
	t_wait 5 pw_ok || t_fail "SIG$sig: shmib-pseudowire stopped serving"
done
t_check "SIGHUP logged once by shmib-interface" 1 \
	"$(count interface 'SIGHUP: re-read interface.conf and 1 watched file')"
t_check "SIGHUP logged once by shmib-pseudowire" 1 \
	"$(count pseudowire 'SIGHUP: re-read pseudowire.conf and 2 watched files')"
t_check "SIGHUP re-read the ifindex map" 2 "$(count interface "$IFSHM.ifindex: 3 interfaces")"
t_check "SIGHUP re-read the pseudowire ids" 2 \
	"$(count pseudowire "$PWSHM.pseudowire-ids: 2 pseudowire names")"
for sig in USR1 USR2; do
	t_check "SIG$sig: one status line" 1 \
		"$(count interface "SIG$sig: serving 3 segments: ifTable 3 rows, ifXTable 3 rows")"
done

# The .conf changed, then SIGHUP: the new setting is in force; a
# line taken out goes back to the default.
echo "pwNotifRate 9" >"$T/snmpconf/pseudowire.conf"
kill -HUP "$PWA"
t_wait 5 eval '[ "$(t_get -Oqv $PW_RATE 2>&1)" = 9 ]'
t_check "SIGHUP: pwNotifRate from the changed pseudowire.conf" 9 "$(t_get -Oqv $PW_RATE 2>&1)"
: >"$T/snmpconf/pseudowire.conf"
kill -HUP "$PWA"
t_wait 5 eval '[ "$(t_get -Oqv $PW_RATE 2>&1)" = 0 ]'
t_check "SIGHUP: pwNotifRate back to its default" 0 "$(t_get -Oqv $PW_RATE 2>&1)"
t_check "one AgentX session each, still" 0 \
	"$(grep -c -i 'attempted to be re-opened' "$T/interface.log" "$T/pseudowire.log" | awk -F: '{ s += $2 } END { print s }')"

rel_clean interface "$IFA"
rel_clean pseudowire "$PWA"
t_done
