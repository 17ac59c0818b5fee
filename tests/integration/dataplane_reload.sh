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
. "$TOP/tests/data/l2vpn/pcap.sh"
. "$TOP/tests/data/l2vpn/run.sh"
. "$TOP/tests/data/l2vpn/hosts.sh"

[ -x "$DP" ] || t_die "$DP not built"
[ -x "$BIN/shmib-pseudowire" ] || t_die "shmib-pseudowire not built"

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

[uplink u]
port = up
address = 2001:db8::1
next_hop_mac = 02:00:00:00:00:fe

[vpls v1]
uplink = u
ac = ac1

[vpls v2]
uplink = u
ac = ac2
EOC
	local pw
	for pw in "$@"; do
		printf '\n[pseudowire %s]\nvpls = %s\nvc_id = %s\npeer = 2001:db8::%s\nheartbeat = 0\ntunnel = gre\nkey = %s\n' \
			"$pw" "$([ "$pw" = pw1 ] && echo v1 || echo v2)" "${pw#pw}" "${pw#pw}0" "${pw#pw}"
	done
}
conf pw1 pw2 >"$T/rl.conf"

dp_start rl --vdev "net_af_packet0,iface=$X" --vdev "net_af_packet1,iface=$Y" \
	--vdev net_null0 --vdev net_null1 --vdev net_null2
SHM=$T/shm-rl
LOG=$T/dp-rl.log

snmpd_side rl
t_bg pseudowire "$BIN/shmib-pseudowire" -f -x "unix:$T/rl-agentx.sock" \
	--shmem-dir "$SHM" --vpls-ids "$T/rl.vpls-ids" \
	--pseudowire-ids "$T/rl.pseudowire-ids" --state-file "$T/rl.state" --check-interval 1
PWNAME=.1.3.6.1.2.1.10.246.1.2.1.32
# pwName rows as "INDEX NAME" lines.
pw_rows() {
	snmpwalk -v2c -c public -On -Oqs -r 1 -t 3 "127.0.0.1:${SIDE_PORT[rl]}" $PWNAME 2>/dev/null |
		sed -n 's/^.*\.\([0-9]*\) "\{0,1\}\([^"]*\)"\{0,1\}$/\1 \2/p'
}
rows_are() { [ "$(pw_rows)" = "$1" ]; }
t_wait 20 rows_are "1 pw1
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
ip netns exec "$HOST_A" ping -c $PINGS -i 0.01 -W 2 10.98.0.2 >"$T/ping.out" 2>&1 &
PING=$!
T_PIDS+=($PING)
sleep 1
ALIAS="customer two" conf pw1 pw3 >"$T/rl.conf"
kill -HUP "$DP_PID"
wait $PING
t_match "cross-connect: no frame lost over the reload" " $PINGS received, 0% packet loss" "$(cat "$T/ping.out")"
t_check "reload logged" 1 "$(grep -c "reloaded $T/rl.conf" "$LOG")"
t_match "pw1 kept as it was" "1 pseudowires unchanged" "$(grep 'pseudowires unchanged' "$LOG")"

t_wait 20 rows_are "1 pw1
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
kill -HUP "$DP_PID"
t_wait 10 grep -q "configuration in force stays" "$LOG" || t_fail "broken file: nothing logged"
t_match "broken file: file:line logged" "$T/rl.conf:$line:.*mtu" "$(grep 'in force stays' "$LOG")"
t_check "broken file: pseudowires unchanged" "$ids" "$(cat "$T/rl.pseudowire-ids")"
t_check "broken file: no pw4 segment" "no" "$([ -e "$SHM/pw4" ] && echo yes || echo no)"

# A restart-only change: refused, naming the key.
conf pw1 pw4 | sed 's/^publish_interval = 0.2$/&\nmbufs = 20000/' >"$T/rl.conf"
kill -HUP "$DP_PID"
t_wait 10 grep -q "reload refused" "$LOG" || t_fail "restart-only change: nothing logged"
t_match "restart-only change: the key named" "reload refused: $T/rl.conf: \[global\] mbufs needs a restart" \
	"$(grep 'reload refused' "$LOG")"
t_check "restart-only change: pseudowires unchanged" "$ids" "$(cat "$T/rl.pseudowire-ids")"

kill -USR1 "$DP_PID"
kill -USR2 "$DP_PID"
sleep 0.5
t_check "SIGUSR1, SIGUSR2: still running" yes "$(kill -0 "$DP_PID" 2>/dev/null && echo yes || echo no)"
ip netns exec "$HOST_A" ping -c 3 -i 0.2 -W 2 10.98.0.2 >/dev/null ||
	t_fail "no ping across the cross-connect at the end"

dp_stop "$DP_PID"
t_check "segments removed at exit" "" "$(ls "$SHM")"
t_done
