#!/usr/bin/env bash
# SIGHUP reloads the dataplane's configuration while it forwards: a
# cross-connect between two hosts (veths into network namespaces, a
# ping every 10 ms across) and a VPWS carrying traffic (net_null AC).
# One pseudowire removed, one added: the ping loses no frame, the
# remaining pseudowire keeps its pwIndex and its counters, the new one
# comes up with a new pwIndex, the removed one leaves pwTable.  A
# broken file, a restart-only change, SIGUSR1 and SIGUSR2 change
# nothing and kill nothing.
. "$(dirname "$0")/../lib.sh"
. "$TOP/tests/data/l2vpn/reload.sh"

S=$$
X=rlx$S Y=rly$S HOST_A=rl-a-$S HOST_B=rl-b-$S
host "$HOST_A" "$X"
host "$HOST_B" "$Y"
ip -n "$HOST_A" addr add 10.98.0.1/24 dev eth0
ip -n "$HOST_B" addr add 10.98.0.2/24 dev eth0

# conf PW...: the cross-connect, the VPWS ports and a pseudowire
# section for each of PW (pw1 in VPLS v1 on ac1; pw2, pw3 in v2 on ac2).
conf() {
	l2vpn_global rl
	cat <<EOC
[port x]
device = net_af_packet0,iface=$X
xconnect = y
alias = ${ALIAS:-customer one}

[port y]
device = net_af_packet1,iface=$Y

[port up]
device = net_null0

[port ac1]
device = net_null1

[port ac2]
device = net_null2
EOC
	uplink_u up
	vpls_section v1 ac1
	vpls_section v2 ac2
	local pw
	for pw in "$@"; do
		pw_section "$pw" "$([ "$pw" = pw1 ] && echo v1 || echo v2)" "${pw#pw}" 0
	done
}
conf pw1 pw2 >"$T/rl.conf"

dp_start rl --vdev "net_af_packet0,iface=$X" --vdev "net_af_packet1,iface=$Y" \
	--vdev net_null0 --vdev net_null1 --vdev net_null2
SHM=$T/shm-rl
LOG=$T/dp-rl.log

snmpd_side rl
pw_agent rl
pw_rows() { snmp_rows rl $PWNAME; }
t_wait 20 rows_are rl $PWNAME "1 pw1
2 pw2" || t_fail "pwTable before: $(pw_rows)"
t_check "pwTable before the reload" "1 pw1
2 pw2" "$(pw_rows)"

out1=$(dump_value "$SHM/pw1" cpwVcPerfTotalOutHCPackets)
t_match "the VPWS carries traffic (pw1 out $out1)" '^[1-9][0-9]*$' "$out1"

ip netns exec "$HOST_A" ping -c 3 -i 0.2 -W 2 10.98.0.2 >/dev/null ||
	t_die "no ping across the cross-connect before the reload"

t_check "ifAlias before" "customer one" "$(dump_value "$SHM/x" ifAlias)"

# A ping every 10 ms for 3 s; the reload in the middle.
PINGS=300
ALIAS="customer two" conf pw1 pw3 >"$T/rl.conf"
ping_during "$HOST_A" 10.98.0.2 $PINGS hup rl
t_match "cross-connect: no frame lost over the reload" " $PINGS received, 0% packet loss" "$PING_SAID"
t_check "reload logged" 1 "$(grep -c "reloaded $T/rl.conf" "$LOG")"
t_match "pw1 kept as it was" "1 pseudowires unchanged" "$(grep 'pseudowires unchanged' "$LOG")"

t_wait 20 rows_are rl $PWNAME "1 pw1
3 pw3" || t_fail "pwTable after: $(pw_rows)"
t_check "pwTable after: pw1 keeps 1, pw2 gone, pw3 new" "1 pw1
3 pw3" "$(pw_rows)"
t_check "ifAlias changed live" "customer two" "$(dump_value "$SHM/x" ifAlias)"
t_check "pw3 up (pwOperStatus)" 1 "$(dump_value "$SHM/pw3" pwOperStatus)"
t_check "pw2's segment removed" "no" "$([ -e "$SHM/pw2" ] || [ -e "$SHM/pw2.index" ] && echo yes || echo no)"
t_check "pseudowire ids rewritten" "pw1
pw3" "$(cat "$T/rl.pseudowire-ids")"
grows() { [ "$(dump_value "$SHM/$1" cpwVcPerfTotalOutHCPackets)" -gt "$2" ]; }
t_wait 10 grows pw3 0 || t_fail "pw3 carries nothing"
after1=$(dump_value "$SHM/pw1" cpwVcPerfTotalOutHCPackets)
[ "$after1" -gt "$out1" ] 2>/dev/null ||
	t_fail "pw1's counters did not go on: $out1 before, $after1 after"

# A broken file: nothing changes.
ids=$(cat "$T/rl.pseudowire-ids")
{ conf pw1 pw4; printf 'mtu = lots\n'; } >"$T/rl.conf"
line=$(wc -l <"$T/rl.conf")
hup rl
t_match "broken file: file:line logged" "$T/rl.conf:$line:.*mtu.*in force stays" "$RELOAD_SAID"
t_check "broken file: pseudowires unchanged" "$ids" "$(cat "$T/rl.pseudowire-ids")"
t_check "broken file: no pw4 segment" "no" "$([ -e "$SHM/pw4" ] && echo yes || echo no)"

# A restart-only change: refused, naming the key.
conf pw1 pw4 | sed 's/^publish_interval = 0.2$/&\nmbufs = 20000/' >"$T/rl.conf"
hup rl
t_match "restart-only change: the key named" "reload refused: $T/rl.conf: \[global\] mbufs needs a restart" \
	"$RELOAD_SAID"
t_check "restart-only change: pseudowires unchanged" "$ids" "$(cat "$T/rl.pseudowire-ids")"

kill -USR1 "$DP_PID"
kill -USR2 "$DP_PID"
sleep 0.5
t_check "SIGUSR1, SIGUSR2: still running" yes "$(kill -0 "$DP_PID" 2>/dev/null && echo yes || echo no)"
ip netns exec "$HOST_A" ping -c 3 -i 0.2 -W 2 10.98.0.2 >/dev/null ||
	t_fail "no ping across the cross-connect at the end"

dp_stop "$DP_PID"
t_check "segments removed at exit" "" "$(ls "$SHM")"
t_check "no sanitizer report" "" "$(sanitizer_reports rl)"
t_done
