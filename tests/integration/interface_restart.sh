#!/usr/bin/env bash
# When snmpd restarts, shmib-interface reconnects by itself, serves the
# same data again and learns the new master's sysUpTime: a change from
# before the restart is then before the master's start (ifLastChange 0).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/interface_segment.sh"

IF=.1.3.6.1.2.1.2.2.1
t_snmpd
ticks() { t_get -Oqvt "$1" 2>&1; }
sleep 1         # the interfaces change while the master runs
"$BIN/shmib-fakeseg" --dir "$T/shm" --interfaces 2 >/dev/null || t_die "fakeseg"
t_bg agent "$BIN/shmib-interface" --kernel-interfaces no -f -x "unix:$AGENTX" --shmem-dir "$T/shm" \
	--ifindex "$T/shm.ifindex" --check-interval 1
AGENT=$!
wait_for 2 t_value $IF.1.2 || t_die "agent does not serve (see $T/agent.log)"
before=$(t_walk .1.3.6.1.2.1.31.1.1.1.1)
t_match "ifLastChange after the master's start" "^[1-9][0-9]*$" "$(ticks $IF.9.1)"

t_snmpd_stop
sleep 1         # the new master starts after the change
t_snmpd
wait_for 2 t_value $IF.1.2
t_check "reconnected: same rows" "$before" "$(t_walk .1.3.6.1.2.1.31.1.1.1.1)"
t_check "ifLastChange before the new master's start: 0" "0" "$(ticks $IF.9.1)"
t_check "connected twice" 2 "$(grep -c 'master.s sysUpTime is' "$T/agent.log")"

# Stopped while the master is gone and it tries to reconnect: a clean
# exit, with nothing for the sanitizers or net-snmp's asserts to say.
t_snmpd_stop
t_wait 10 grep -q "Failed to connect to the agentx master" "$T/agent.log" ||
	t_fail "no reconnect attempt logged"
kill "$AGENT"
wait "$AGENT"
t_check "stopped while reconnecting: exit status" 0 $?
t_check "stopped while reconnecting: no sanitizer report or assert" 0 \
	"$(grep -c -E 'Sanitizer|runtime error|netsnmp_assert' "$T/agent.log")"
t_done
