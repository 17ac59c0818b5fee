#!/usr/bin/env bash
# linkDown/linkUp: shmib-interface sends them through the master to a
# real snmptrapd when ifOperStatus changes in a segment, with ifIndex,
# ifAdminStatus and ifOperStatus of the row; nothing for the statuses
# found at start-up, nothing for a row whose ifLinkUpDownTrapEnable is
# disabled(2), nothing into or out of notPresent; a segment without
# ifLinkUpDownTrapEnable follows interface.conf (default enabled).
# loads: daemon module
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/interface_segment.sh"
. "$(dirname "$0")/notify_lib.bash"

IF=1.3.6.1.2.1.2.2.1
DOWN=1.3.6.1.6.3.1.1.5.3 UP=1.3.6.1.6.3.1.1.5.4
trapd_start
t_snmpd

MAP=$T/ifindex
printf 'if-a 1\nif-b 2\nif-c 3\nif-d 4\n' >"$MAP"
# name ifDescr ifOperStatus [ifLinkUpDownTrapEnable]
mkseg() {
	seg_write "$T/shm" "$1" ifDescr:str16:"$2" ifAdminStatus:i32:1 \
		ifOperStatus:i32:"$3" ${4:+ifLinkUpDownTrapEnable:i32:$4} ifInOctets:u32:7
}
mkseg a if-a 1 1
mkseg b if-b 2 1        # down at start: no notification for that
mkseg c if-c 1 2        # disabled
mkseg d if-d 1          # no enable object: interface.conf, default on
# start_agent LOG ROWS
start_agent() {
	t_agent "$1" interface --kernel-interfaces no --shmem-dir "$T/shm" --ifindex "$MAP" --check-interval 1
	wait_for "$2" sh -c "snmpwalk -v2c -c public -On -Oqv 127.0.0.1:$SNMP_PORT .$IF.1 | tr '\n' ' ' | sed 's/ \$//'" ||
		t_die "rows never served"
}
start_agent agent "1 2 3 4"

# expect DESC NOTIFICATION-LINE: waits for the next notification and
# checks it is this one (all received so far, in order, in $want).
want=()
expect() {
	want+=("$2")
	t_wait 10 got ${#want[@]} $DOWN $UP
	t_check "$1" "$(printf '%s\n' "${want[@]}")" "$(traps $DOWN $UP)"
}
vbs() { echo "$IF.1.$1=$1 $IF.7.$1=1 $IF.8.$1=$2"; }

seg_poke "$T/shm/a" ifOperStatus 2
expect "a down: linkDown, and nothing at start-up" "$DOWN $(vbs 1 2)"
seg_poke "$T/shm/a" ifOperStatus 1
expect "a up: linkUp" "$UP $(vbs 1 1)"
seg_poke "$T/shm/b" ifOperStatus 1
expect "b, down at start, up: linkUp" "$UP $(vbs 2 1)"

seg_poke "$T/shm/c" ifOperStatus 2
seg_poke "$T/shm/a" ifOperStatus 2
expect "c disabled: nothing; a down again" "$DOWN $(vbs 1 2)"

seg_poke "$T/shm/d" ifOperStatus 2
expect "d without ifLinkUpDownTrapEnable: linkDown" "$DOWN $(vbs 4 2)"

# down -> notPresent -> up: neither is a link change.
seg_poke "$T/shm/d" ifOperStatus 6
sleep 1
seg_poke "$T/shm/d" ifOperStatus 1
sleep 1
# up -> testing: still not down; testing -> down: linkDown with down.
seg_poke "$T/shm/a" ifOperStatus 3
expect "a down -> testing is leaving down: linkUp with testing(3)" "$UP $(vbs 1 3)"
seg_poke "$T/shm/a" ifOperStatus 2
expect "a testing -> down: linkDown; d's notPresent: nothing" "$DOWN $(vbs 1 2)"

# A segment replaced with another status: the row keeps its history.
mkseg a if-a 1 1
expect "a republished up: linkUp" "$UP $(vbs 1 1)"

# A new row: its status is where it starts.
printf 'if-a 1\nif-b 2\nif-c 3\nif-d 4\nif-e 5\n' >"$MAP"
mkseg e if-e 2 1
wait_for "2" t_value .$IF.8.5
seg_poke "$T/shm/e" ifOperStatus 1
expect "e appeared down, then up: only the linkUp" "$UP $(vbs 5 1)"

# A segment of this project's writer (it keeps _X_seqlock): not polled;
# each status change through the writer API ends by touching the data
# file's mtime, and inotify's IN_ATTRIB has its row checked at once.
# (The segments above are Snabb's layout, no seqlock: the poll's.)
printf 'if-a 1\nif-b 2\nif-c 3\nif-d 4\nif-e 5\nif-f 6\n' >"$MAP"
mkfifo "$T/writer.in"
exec 7<>"$T/writer.in"  # read-write: opening does not wait for the other end
# (Not t_bg: a background command's own redirection is what keeps its
# stdin from being /dev/null.)
"$BUILD/tests/statuswriter" "$T/shm" f ifDescr:str16:if-f ifAdminStatus:i32:1 \
	ifOperStatus:i32:1 ifLinkUpDownTrapEnable:i32:1 <&7 >"$T/writer.log" 2>&1 &
T_PIDS+=($!)
wait_for "1" t_value .$IF.8.6 || t_die "the writer's segment never served"
writes=0
# status VALUE: one guarded update of ifOperStatus, acknowledged.
status() {
	echo "ifOperStatus=$1" >&7
	writes=$((writes + 1))
	t_wait 10 sh -c "[ \$(grep -c '^done' '$T/writer.log') -ge $writes ]" || t_die "the writer did not write"
}
status 2
expect "f down through the writer: linkDown" "$DOWN $(vbs 6 2)"
status 1
expect "f up through the writer: linkUp" "$UP $(vbs 6 1)"

t_check "one log line per notification" "${#want[@]}" "$(grep -c -E 'link(Up|Down): ifTable' "$AGENT_LOG")"

# interface.conf's default for segments without the object.
t_agent_stop interface
printf 'ifLinkUpDownTrapEnable disabled\n' >"$T/snmpconf/interface.conf"
start_agent agent2 "1 2 3 4 5 6"
seg_poke "$T/shm/d" ifOperStatus 2
seg_poke "$T/shm/a" ifOperStatus 2
expect "d follows interface.conf (disabled); a down" "$DOWN $(vbs 1 2)"

t_check "no other notifications" "${#want[@]}" "$(ntraps $DOWN $UP)"
t_done
