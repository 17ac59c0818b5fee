#!/usr/bin/env bash
# Kernel interfaces own their ifindex: an ifindex map line that gives a
# dataplane port the index of a kernel interface is rejected with
# file:line and the previous map stays in force; a kernel interface
# created later at an index the map gave wins the row, the dataplane
# row is withheld with one log line naming the map line, and comes back
# when the kernel interface goes.  Each is another entry at the index:
# ifTableLastChange moves.
# loads: daemon module
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/kernel_lib.bash"

IF=.1.3.6.1.2.1.2.2.1
t_snmpd
"$BIN/shmib-fakeseg" --dir "$T/shm" --interfaces 2 --ifindex "$T/fake.map" >/dev/null ||
	t_die "shmib-fakeseg failed"
MAP=$T/ifindex
printf '# dataplane ports\n0000:00:00.1 1001\n0000:00:00.2 1500\n' >"$MAP"
k_agent agent --ifindex "$MAP"
t_wait 15 served 1500 || t_die "dataplane rows not served (see $AGENT_LOG)"
t_check "ifDescr.1: the kernel's lo" '"lo"' "$(k_value $IF.2.1)"

# A map line taking lo's index: rejected, old map kept.
printf '# dataplane ports\n0000:00:00.1 1001\n0000:00:00.2 1\n' >"$MAP.new"
mv "$MAP.new" "$MAP"
t_wait 10 grep -q "ifindex:3: ifIndex 1 is the kernel interface lo's" "$AGENT_LOG"
t_match "the map error names file and line" \
	"$MAP:3: ifIndex 1 is the kernel interface lo's; keeping the previous map \\(2 interfaces\\)" \
	"$(grep "kernel interface lo" "$AGENT_LOG")"
t_check "previous map in force: 1500 still the dataplane port" '"0000:00:00.2"' "$(k_value $IF.2.1500)"
t_check "lo keeps row 1" '"lo"' "$(k_value $IF.2.1)"
printf '# dataplane ports\n0000:00:00.1 1001\n0000:00:00.2 1500\n' >"$MAP.new"
mv "$MAP.new" "$MAP"
t_wait 10 sh -c "[ \$(grep -c '$MAP: 2 interfaces' '$AGENT_LOG') -ge 2 ]" ||
	t_fail "the good map was not read again"

# A veth created at index 1500: the kernel wins, one line names map line 3.
TLC=.1.3.6.1.2.1.31.1.5.0
lc0=$(k_value $TLC)
# Its peer lives in another namespace: row 1500 changes hands, no row
# comes or goes.
kns_add "$KNS-peer"
in_ns ip link add kc0 index 1500 type veth peer name kc1 netns "$KNS-peer" ||
	t_die "cannot create veth at index 1500"
t_wait 10 sh -c "ip netns exec $KNS snmpget -v2c -c public -Oqv 127.0.0.1:$SNMP_PORT $IF.2.1500 | grep -q kc0"
t_check "row 1500 is the kernel's kc0 now" '"kc0"' "$(k_value $IF.2.1500)"
sleep 2.5                                      # rebuilds at the check interval
t_check "one log line names the map line to change" 1 \
	"$(grep -c "$MAP:3: ifIndex 1500 of '0000:00:00.2' is now the kernel interface kc0's" "$AGENT_LOG")"
t_check "the other dataplane row stays" '"0000:00:00.1"' "$(k_value $IF.2.1001)"
lc1=$(k_value $TLC)
t_match "ifTableLastChange moved: another entry at 1500 ($lc0 -> $lc1)" yes \
	"$([ "$lc1" -gt "$lc0" ] && echo yes)"
in_ns ip link del kc0
t_wait 10 sh -c "ip netns exec $KNS snmpget -v2c -c public -Oqv 127.0.0.1:$SNMP_PORT $IF.2.1500 | grep -q 0000:00:00.2"
t_check "kc0 deleted: the dataplane row is back" '"0000:00:00.2"' "$(k_value $IF.2.1500)"
lc2=$(k_value $TLC)
t_match "ifTableLastChange moved again ($lc1 -> $lc2)" yes "$([ "$lc2" -gt "$lc1" ] && echo yes)"
sleep 1.5               # the agent drops its pages a second after a request
k_agent_stop
t_done
