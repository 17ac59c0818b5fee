#!/usr/bin/env bash
# The dataplane owns its segment directory, and the agents know when
# it dies.  A second dataplane on the same directory is refused naming
# the first one's pid, and the first keeps its segments.  After kill -9
# of the dataplane both agents serve its rows as down (ifOperStatus,
# pwOperStatus, cpwVcOperStatus 2), send linkDown / pwDown / cpwVcDown,
# and log it once; a segment without _X_writer (Snabb's layout) in the
# same directory stays as written.  The next dataplane removes the dead
# one's segments at start; a dead segment planted beside a live one
# with the same ifIndex loses to the live one.  rm -rf of the directory
# under a running dataplane: it is created again, the segments come
# back, the log says so once.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/dataplane_lib.bash"
. "$TOP/tests/data/l2vpn/conf.sh"
. "$(dirname "$0")/pseudowire_lib.bash"
. "$(dirname "$0")/reliability_lib.bash"
. "$(dirname "$0")/interface_segment.sh"
. "$(dirname "$0")/notify_lib.bash"

SHM=$T/shm
OPER=.1.3.6.1.2.1.2.2.1.8 PWOPER=.1.3.6.1.2.1.10.246.1.2.1.38
CPWOPER=.1.3.6.1.4.1.9.10.106.1.2.1.26 INOCT=.1.3.6.1.2.1.2.2.1.10
DOWN=1.3.6.1.6.3.1.1.5.3 PW_DOWN=1.3.6.1.2.1.10.246.0.1
CPW_DOWN=1.3.6.1.4.1.9.10.106.2.1
printf 'net_null0 1\nnet_null1 2\nnet_null2 3\nnet_null3 4\nsnabb0 9\n' >"$T/ifindex"

# conf NAME FIRST-PORT: two cross-connected ports and an L2VPN whose
# pseudowire has no control channel (up from the start); ids files
# $T/owner.vpls-ids and $T/owner.pseudowire-ids.
conf() {
	{
		l2vpn_global owner
		port_section "$2" net_null0 "xconnect = x1"
		port_section x1 net_null1
		port_section up net_null2
		port_section ac net_null3
		uplink_u up
		vpls_section v ac
		pseudowire_section p v 1 2001:db8::2 "tunnel = gre" "heartbeat = 0"
	} >"$T/$1.conf"
}
conf one x0
conf two y0
value() { t_value "$1" | sed 's/^INTEGER: //'; }
is() { [ "$(value "$1")" == "$2" ]; }

trapd_start
t_snmpd
seg_write "$SHM" snabb0 ifDescr:str16:snabb0 ifAdminStatus:i32:1 ifOperStatus:i32:1
dp_start dp1 "$T/one.conf"
DP1=$DP_PID
if_start interface "$SHM" "$T/ifindex"
pw_start --shmem-dir "$SHM" --vpls-ids "$T/owner.vpls-ids" \
	--pseudowire-ids "$T/owner.pseudowire-ids" --state-file "$T/pw.state"
t_wait 15 is $OPER.1 1 || t_die "ifOperStatus.1 not up (see $T/interface.log)"
t_wait 15 is $PWOPER.1 1 || t_die "pwOperStatus.1 not up (see $T/pseudowire.log)"

# A second dataplane on the same directory.
out=$("$DP" -l 0 --no-huge -m 256 --no-pci --file-prefix "shmib-owner2-$$" \
	-- --config "$T/one.conf" --shmem-dir "$SHM" -f -p "$T/other.pid" 2>&1)
t_check "second dataplane: exit status" 1 $?
t_match "second dataplane: names the holder" "error: $SHM is in use by another writer \\(pid $DP1," "$out"
t_check "second dataplane: nothing of it (no EAL, no pid file)" "" "$(grep EAL: <<<"$out"; ls "$T/other.pid" 2>/dev/null)"
kill -0 "$DP1" 2>/dev/null
t_check "the first still runs" 0 $?
t_check "its segments are there" "ac p snabb0 up v x0 x1" "$(cd "$SHM" && ls x0 x1 up ac p v snabb0 2>/dev/null | sort | tr '\n' ' ' | sed 's/ $//')"

# kill -9: rows down, notifications, one log line each.
kill -9 "$DP1"
wait "$DP1" 2>/dev/null
t_wait 10 is $OPER.1 2
t_check "dead writer: ifOperStatus down" "2 2 2 2" "$(for i in 1 2 3 4; do value $OPER.$i; done | tr '\n' ' ' | sed 's/ $//')"
t_wait 10 is $PWOPER.1 2
t_check "dead writer: pwOperStatus, cpwVcOperStatus down" "2 2" "$(value $PWOPER.1) $(value $CPWOPER.1)"
t_check "Snabb's segment (no _X_writer) as written" 1 "$(value $OPER.9)"
t_wait 10 got 4 $DOWN
t_check "linkDown for the four ports" "1 2 3 4" "$(traps $DOWN | awk '{ split($2, a, "="); print a[2] }' | sort | tr '\n' ' ' | sed 's/ $//')"
t_wait 10 got 1 $PW_DOWN
t_wait 10 got 1 $CPW_DOWN
t_check "pwDown and cpwVcDown, once each" "1 1" "$(ntraps $PW_DOWN) $(ntraps $CPW_DOWN)"
sleep 2
t_check "shmib-interface logs it once" 1 "$(grep -c 'is gone' "$T/interface.log")"
t_check "shmib-pseudowire logs it once" 1 "$(grep -c 'is gone' "$T/pseudowire.log")"

# The next dataplane (port x0 renamed y0) removes the dead segments.
mkdir "$T/dead" && cp "$SHM/x0" "$SHM/x0.index" "$T/dead/"
dp_start dp2 "$T/two.conf"
t_match "start: dead segments removed" "removed 6 segments of a dataplane that is gone" "$(cat "$T/dp2.log")"
t_check "x0 gone, snabb0 kept" "snabb0" "$(cd "$SHM" && ls x0 snabb0 2>/dev/null)"
t_wait 10 is $OPER.1 1
t_check "live again: ifOperStatus up" "1 1 1 1" "$(for i in 1 2 3 4; do value $OPER.$i; done | tr '\n' ' ' | sed 's/ $//')"
t_wait 10 is $PWOPER.1 1
t_check "live again: pwOperStatus up" 1 "$(value $PWOPER.1)"

# A dead segment with the same ifIndex, first by name: the live one wins.
cp "$T/dead/x0" "$SHM/a0" && cp "$T/dead/x0.index" "$SHM/a0.index"
t_wait 10 grep -q 'segments y0 and a0 have the same index' "$T/interface.log"
t_match "the live segment is served" "serving y0" "$(grep 'segments y0 and a0' "$T/interface.log")"
t_check "ifOperStatus of the live one" 1 "$(value $OPER.1)"
rm -f "$SHM/a0" "$SHM/a0.index"

# rm -rf of the directory under the running dataplane.
rm -rf "$SHM"
t_wait 10 test -e "$SHM/y0.index"
t_check "directory and segments back" "ac p up v x1 y0" "$(cd "$SHM" 2>/dev/null && ls | grep -v index | tr '\n' ' ' | sed 's/ $//')"
t_wait 10 is $OPER.1 1
t_check "served again" "1 1" "$(value $OPER.1) $(value $PWOPER.1)"
t_check "the dataplane says it once" 1 "$(grep -c 'was removed: creating it again' "$T/dp2.log")"

dp_stop
t_check "clean stop" 0 "$DP_STATUS"
t_check "lock file removed" "" "$(ls -A "$SHM" | grep -v snabb)"
rel_clean interface "$IF_AGENT"
stop
t_done
