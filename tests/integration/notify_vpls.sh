#!/usr/bin/env bash
# vplsStatusChanged and vplsFwdFullAlarmRaised/Cleared, and their
# CISCO-IETF-VPLS-GENERIC-MIB twins: shmib-pseudowire sends them
# through the master to a real snmptrapd from VPLS segments written by
# shmib-fakeseg (shmib's layout: changes are signalled by touching the
# data file, as the dataplane does).
#  - a change of vplsStatusOperStatus or vplsConfigAdminStatus
#    (cvpls...) sends vplsStatusChanged (cvpls...) with vplsConfigVpnId,
#    vplsConfigAdminStatus and vplsStatusOperStatus; cvplsStatusNotifEnable false(2) in a segment, or
#    vplsStatusNotifEnable false in pseudowire.conf, stops them;
#  - the MAC table's fill (_X_vplsFwdEntries of _X_vplsFwdCapacity)
#    reaching vplsConfigFwdFullHighWatermark (95 %) raises the alarm
#    once with vplsConfigVpnId and both watermarks; staying above, or
#    falling between the watermarks, sends nothing; falling to
#    vplsConfigFwdFullLowWatermark (90 %) clears it once; the status
#    enable objects do not gate the alarms (the MIB's enable objects
#    name vplsStatusChanged alone);
#  - vplsNotificationMaxRate (.conf) and cvplsNotificationMaxRate (a
#    segment) limit each module's notifications a second, the rest
#    counted in one log line;
#  - a segment without the fill level (Snabb's layout) gives no alarm
#    and no error.
# loads: daemon module
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/interface_segment.sh"
. "$(dirname "$0")/notify_lib.bash"

[ -x "$BIN/shmib-pseudowire" ] || t_skip "shmib-pseudowire is not built"

VPLS=1.3.6.1.2.1.10.274 CVPLS=1.3.6.1.4.1.9.10.138
CHANGED=$VPLS.0.1 RAISED=$VPLS.0.2 CLEARED=$VPLS.0.3
CCHANGED=$CVPLS.0.1 CRAISED=$CVPLS.0.2 CCLEARED=$CVPLS.0.3
ALL="$CHANGED $RAISED $CLEARED $CCHANGED $CRAISED $CCLEARED"
SHM=$T/shm
trapd_start
t_snmpd

"$BIN/shmib-fakeseg" --dir "$SHM" --vpls 3 --pseudowires 1 2>/dev/null ||
	t_die "shmib-fakeseg failed"
"$BIN/shmib-fakeseg" --dir "$T/snabb" --vpls 4 --pseudowires 1 --snabb 2>/dev/null ||
	t_die "shmib-fakeseg --snabb failed"
# vpls4 in Snabb's layout, without the fill level, beside them.
mv "$T/snabb/vpls4" "$T/snabb/vpls4.index" "$SHM/"
echo vpls4 >>"$SHM.vpls-ids"
# Tables of 100 entries; vpls1 and vpls2 send the Cisco status change.
for v in 1 2 3; do seg_poke "$SHM/vpls$v" _X_vplsFwdCapacity 100; done
for v in 1 2; do seg_poke "$SHM/vpls$v" cvplsStatusNotifEnable 1; done

start_agent() {
	t_agent "$1" pseudowire --shmem-dir "$SHM" --vpls-ids "$SHM.vpls-ids" \
		--pseudowire-ids "$SHM.pseudowire-ids" --state-file "$T/state" \
		--check-interval 1
	AGENT=$AGENT_PID LOG=$AGENT_LOG
	wait_for "4" sh -c "snmpwalk -v2c -c public -On 127.0.0.1:$SNMP_PORT .$VPLS.1.3.1.1 | grep -c INTEGER" ||
		t_die "VPLS rows never served ($(cat "$LOG"))"
}
# at_once CMD...: runs CMD while the agent is stopped.
at_once() { kill -STOP "$AGENT"; "$@"; kill -CONT "$AGENT"; }
# set VPLS OBJECT=VALUE...: stores, then touches the data file (the
# writer's signal).
set_() {
	local v=$1 a; shift
	for a in "$@"; do seg_poke "$SHM/vpls$v" "${a%%=*}" "${a#*=}"; done
	touch "$SHM/vpls$v"
}
oper() { set_ "$1" vplsStatusOperStatus="$2" cvplsStatusOperStatus="$2"; }
fill() { set_ "$1" _X_vplsFwdEntries="$2"; }
# The varbinds each notification carries (vplsIndex N, fakeseg's
# values: an empty VPN id, which snmptrapd prints without its type,
# admin up, watermarks 95 and 90).
# changed VPLS OPER [ADMIN]
changed() { echo "$CHANGED $VPLS.1.2.1.14.$1 = \"\" $VPLS.1.2.1.4.$1=${3:-1} $VPLS.1.3.1.1.$1=$2"; }
cchanged() { echo "$CCHANGED $CVPLS.1.2.1.14.$1 = \"\" $CVPLS.1.2.1.4.$1=${3:-1} $CVPLS.1.3.1.1.$1=$2"; }
alarm() { echo "$1 $VPLS.1.2.1.14.$2 = \"\" $VPLS.1.2.1.10.$2=95 $VPLS.1.2.1.11.$2=90"; }
calarm() { echo "$1 $CVPLS.1.2.1.14.$2 = \"\" $CVPLS.1.2.1.10.$2=95 $CVPLS.1.2.1.11.$2=90"; }

# settle: lets the agent read a signal before the next store (so that
# each level is seen, not only the last).
settle() { sleep 0.5; }

start_agent pseudowire
t_check "vplsIndex of vpls1..vpls4" "1=vpls1 2=vpls2 3=vpls3 4=vpls4" \
	"$(t_walk .$VPLS.1.2.1.2 | sed -n 's/.*\.\([0-9]*\) = STRING: "\(.*\)"/\1=\2/p' | xargs)"
oper 1 2
expect "vpls1 down: vplsStatusChanged and cvplsStatusChanged, nothing at start-up" \
	"$(changed 1 2)" "$(cchanged 1 2)"
oper 1 1
expect "vpls1 up again: both" "$(changed 1 1)" "$(cchanged 1 1)"
oper 3 2
expect "vpls3, whose cvplsStatusNotifEnable is false: vplsStatusChanged only" "$(changed 3 2)"
set_ 1 vplsConfigAdminStatus=2 cvplsConfigAdminStatus=2
expect "vpls1 administratively down: both, with the admin status" \
	"$(changed 1 1 2)" "$(cchanged 1 1 2)"
set_ 1 vplsConfigAdminStatus=1 cvplsConfigAdminStatus=1
expect "and up again" "$(changed 1 1)" "$(cchanged 1 1)"

fill 2 94
settle
fill 2 95
expect "vpls2 at 95 of 100: one raise of each" "$(alarm $RAISED 2)" "$(calarm $CRAISED 2)"
for n in 100 97 91 96; do fill 2 $n; settle; done
fill 2 90
expect "above and between the watermarks: nothing; at 90: one clear of each" \
	"$(alarm $CLEARED 2)" "$(calarm $CCLEARED 2)"
for n in 91 94 89 50; do fill 2 $n; settle; done
fill 2 99
expect "back under the low one, between them again: nothing; at 99: raised again" \
	"$(alarm $RAISED 2)" "$(calarm $CRAISED 2)"
fill 3 96
expect "vpls3 (Cisco status changes off): its alarms go" \
	"$(alarm $RAISED 3)" "$(calarm $CRAISED 3)"
set_ 4 vplsStatusOperStatus=2
expect "vpls4 (Snabb's layout: polled; no fill level): vplsStatusChanged only" "$(changed 4 2)"
t_check "settings: vplsStatusNotifEnable, vplsNotificationMaxRate (no object: the defaults)," \
	"1 0 1 0 " "$(t_get -Oqv .$VPLS.1.7.0 .$VPLS.1.8.0 .$CVPLS.1.5.0 .$CVPLS.1.6.0 2>&1 | tr '\n' ' ')"
t_check "one log line per notification" "$seen" \
	"$(grep -c -E '(vplsStatusChanged|vplsFwdFullAlarm(Raised|Cleared)): ' "$LOG")"

# Rate limits, and vplsStatusChanged off in pseudowire.conf.
t_agent_stop pseudowire
printf 'vplsStatusNotifEnable false\nvplsNotificationMaxRate 1\n' >"$T/snmpconf/pseudowire.conf"
seg_poke "$SHM/vpls1" cvplsNotificationMaxRate 1
fill 1 0
fill 2 0
fill 3 0
start_agent pseudowire2
t_check "settings: vplsStatusNotifEnable false and vplsNotificationMaxRate 1 from the .conf, cvplsNotificationMaxRate 1 from vpls1" \
	"2 1 1 1 " "$(t_get -Oqv .$VPLS.1.7.0 .$VPLS.1.8.0 .$CVPLS.1.5.0 .$CVPLS.1.6.0 2>&1 | tr '\n' ' ')"
at_once eval 'oper 1 2; oper 2 2; oper 3 1'
t_wait 10 grep -q "cvplsNotificationMaxRate 1: 1 notifications over the limit not sent" "$LOG"
t_check "cvplsNotificationMaxRate: the one over the limit counted and logged" 0 $?
expect "three VPLS change at once: no vplsStatusChanged (off), one cvplsStatusChanged of two" \
	"$(cchanged 1 2)"
sleep 1.2       # the next window
at_once eval 'fill 1 98; fill 2 98; fill 3 98'
t_wait 10 grep -q "vplsNotificationMaxRate 1: 2 notifications over the limit not sent" "$LOG"
t_check "vplsNotificationMaxRate: the two over the limit counted and logged" 0 $?
expect "three alarms at once: one of each module a second" \
	"$(alarm $RAISED 1)" "$(calarm $CRAISED 1)"

t_check "no other notifications" "$seen" "$(ntraps $ALL)"
t_check "nothing logged about vpls4 (no fill level)" 0 "$(grep -c 'vpls4' "$LOG")"
t_check "no sanitizer report" 0 "$(cat "$T"/pseudowire*.log "$LOG" | grep -c -E 'Sanitizer|runtime error')"
t_done
