#!/usr/bin/env bash
# pwDown/pwUp and cpwVcDown/cpwVcUp: shmib-pseudowire sends them through
# the master to a real snmptrapd when pwOperStatus / cpwVcOperStatus
# change in pseudowire segments; the two varbinds are the status of
# the first and the last pwIndex of a range of contiguous pseudowires
# that changed alike (the same instance for one); nothing for statuses
# found at start-up; lowerLayerDown counts as down for pwDown; a
# segment's pwUpDownNotifEnable false(2) suppresses them; the rate
# limit (pwNotifRate from a segment, cpwVcNotifRate from
# pseudowire.conf) sends at most N a second and logs the rest once.
# To change several pseudowires "at once" the agent is stopped
# (SIGSTOP) while the segments are written and continued after.
# loads: daemon module
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/interface_segment.sh"
. "$(dirname "$0")/notify_lib.bash"

[ -x "$BIN/shmib-pseudowire" ] || t_skip "shmib-pseudowire is not built"

PW=1.3.6.1.2.1.10.246.1.2.1.38 CPW=1.3.6.1.4.1.9.10.106.1.2.1.26
PW_DOWN=1.3.6.1.2.1.10.246.0.1 PW_UP=1.3.6.1.2.1.10.246.0.2
CPW_DOWN=1.3.6.1.4.1.9.10.106.2.1 CPW_UP=1.3.6.1.4.1.9.10.106.2.2
ALL="$PW_DOWN $PW_UP $CPW_DOWN $CPW_UP"
SHM=$T/shm
trapd_start
t_snmpd

# name pwOperStatus cpwVcOperStatus [more objects]
mkseg() {
	local name=$1 pw=$2 cpw=$3; shift 3
	seg_write "$SHM" "$name" pwName:str16:"$name" pwOperStatus:i32:"$pw" \
		cpwVcOperStatus:i32:"$cpw" "$@"
}
: >"$T/vpls-ids"
printf 'p%s\n' 1 2 3 4 5 6 7 8 >"$T/pseudowire-ids"
mkseg p1 1 1 pwNotifRate:u32:0
for p in 2 3 4 5 7; do mkseg p$p 1 1; done
mkseg p6 1 1 pwUpDownNotifEnable:i32:2 cpwVcUpDownNotifEnable:i32:1
mkseg p8 2 2             # down at start: nothing for that

# start_agent LOG
start_agent() {
	t_agent "$1" pseudowire --shmem-dir "$SHM" \
		--vpls-ids "$T/vpls-ids" --pseudowire-ids "$T/pseudowire-ids" \
		--state-file "$T/state" --check-interval 1
	AGENT=$AGENT_PID LOG=$AGENT_LOG
	wait_for "8" sh -c "snmpwalk -v2c -c public -On 127.0.0.1:$SNMP_PORT .$PW | grep -c INTEGER" ||
		t_die "pseudowires never served ($(cat "$LOG"))"
}
# at_once CMD...: runs CMD while the agent is stopped.
at_once() { kill -STOP "$AGENT"; "$@"; kill -CONT "$AGENT"; }
# poke pw:NAME=VALUE | cpw:NAME=VALUE...: pwOperStatus, cpwVcOperStatus
poke() {
	local a name
	for a in "$@"; do
		name=${a#*:} name=${name%%=*}
		case $a in
		pw:*) seg_poke "$SHM/$name" pwOperStatus "${a##*=}" ;;
		cpw:*) seg_poke "$SHM/$name" cpwVcOperStatus "${a##*=}" ;;
		esac
	done
}
pw() { echo "$1 $PW.$2=$4 $PW.$3=$4"; }
cpw() { echo "$1 $CPW.$2=$4 $CPW.$3=$4"; }


start_agent pseudowire
# settings: the first segment's that has them, else the .conf's (none:
# the defaults, true and no limit).
settings() {
	t_get -Oqv .1.3.6.1.2.1.10.246.1.9.0 .1.3.6.1.2.1.10.246.1.11.0 \
		.1.3.6.1.4.1.9.10.106.1.9.0 .1.3.6.1.4.1.9.10.106.1.10.0 2>&1 | tr '\n' ' '
}
t_check "pwUpDownNotifEnable, pwNotifRate, cpwVcUpDownNotifEnable, cpwVcNotifRate" \
	"2 0 1 0 " "$(settings)"
at_once poke pw:p1=2 cpw:p1=2
expect "p1 down: pwDown and cpwVcDown for pwIndex 1, nothing at start-up" \
	"$(pw $PW_DOWN 1 1 2)" "$(cpw $CPW_DOWN 1 1 2)"
at_once poke pw:p2=2 pw:p3=2 pw:p4=2
expect "p2..p4 down at once: one pwDown for the range" "$(pw $PW_DOWN 2 4 2)"
at_once poke pw:p4=1 pw:p2=1 pw:p1=1 pw:p3=1
expect "p1..p4 up at once: one pwUp for the range" "$(pw $PW_UP 1 4 1)"
at_once poke pw:p2=2 pw:p4=2
expect "p2 and p4 down: not contiguous, two pwDown" "$(pw $PW_DOWN 2 2 2)" "$(pw $PW_DOWN 4 4 2)"
poke pw:p6=2 cpw:p6=2
expect "p6 with pwUpDownNotifEnable false: only cpwVcDown" "$(cpw $CPW_DOWN 6 6 2)"
poke pw:p8=1
expect "p8, down at start, up: pwUp" "$(pw $PW_UP 8 8 1)"
poke pw:p5=6
expect "lowerLayerDown is down for pwDown" "$(pw $PW_DOWN 5 5 6)"
poke pw:p5=2
sleep 1
poke pw:p5=1
expect "lowerLayerDown -> down: nothing; -> up: pwUp" "$(pw $PW_UP 5 5 1)"
t_check "one log line per notification" "$seen" "$(grep -c -E '(pw|cpwVc)(Up|Down): ' "$LOG")"

# Rate limits: pwNotifRate 2 from the first segment that has it (over
# pseudowire.conf's 1), cpwVcNotifRate 1 from pseudowire.conf.
t_agent_stop pseudowire
printf 'pwNotifRate 1\ncpwVcNotifRate 1\n' >"$T/snmpconf/pseudowire.conf"
seg_poke "$SHM/p1" pwNotifRate 2
start_agent pseudowire2
t_check "the settings served: pwNotifRate from p1, cpwVcNotifRate from the .conf" \
	"2 2 1 1 " "$(settings)"
# (p1's cpwVcOperStatus is still down from above.)
at_once poke pw:p1=2 pw:p3=2 cpw:p3=2 pw:p5=2 cpw:p5=2 pw:p7=2 cpw:p7=2
t_wait 10 grep -q "cpwVcNotifRate 1: 2 notifications over the limit not sent" "$LOG"
t_check "cpwVcNotifRate: the rest counted and logged" 0 $?
t_wait 10 grep -q "pwNotifRate 2: 2 notifications over the limit not sent" "$LOG"
t_check "pwNotifRate: the rest counted and logged" 0 $?
expect "pseudowires down in a second: 2 pwDown of 4, 1 cpwVcDown of 3" \
	"$(pw $PW_DOWN 1 1 2)" "$(pw $PW_DOWN 3 3 2)" "$(cpw $CPW_DOWN 3 3 2)"
t_check "one log line for the window" 1 "$(grep -c 'pwNotifRate' "$LOG")"
at_once poke pw:p1=1 pw:p3=1
expect "the next second: sent again" "$(pw $PW_UP 1 1 1)" "$(pw $PW_UP 3 3 1)"

t_check "no other notifications" "$seen" "$(ntraps $ALL)"
t_check "no sanitizer report" 0 "$(cat "$T"/pseudowire*.log "$LOG" | grep -c -E 'Sanitizer|runtime error')"
t_done
