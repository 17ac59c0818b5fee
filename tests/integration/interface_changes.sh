#!/usr/bin/env bash
# shmib-interface follows the shm directory and the ifindex map while
# it runs: segments added, removed, replaced; map edits (in place and
# by rename); an invalid map is rejected with file:line and the
# previous one stays in force.
# loads: daemon module
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/interface_segment.sh"

IF=.1.3.6.1.2.1.2.2.1
t_snmpd
ticks() { t_get -Oqvt "$1" 2>&1; }
ifindexes() { t_walk $IF.1 2>&1 | awk '{ print $4 }' | tr '\n' ' ' | sed 's/ $//'; }
# waits until the ifIndex column is $1
until_rows() { wait_for "$1" ifindexes; t_check "$2" "$1" "$(ifindexes)"; }

MAP=$T/ifindex
printf '# test map\n\nif-a 1\nif-b 2   # comment\n' >"$MAP"
seg_write "$T/shm" a ifDescr:str16:if-a ifInOctets:u32:100
t_agent agent interface --kernel-interfaces no --shmem-dir "$T/shm" --ifindex "$MAP" --check-interval 1
until_rows "1" "start: one row"
t_check "ifTableLastChange 0 at start" "0" "$(ticks .1.3.6.1.2.1.31.1.5.0)"

seg_write "$T/shm" b ifDescr:str16:if-b ifInOctets:u32:200
until_rows "1 2" "segment added"
lc=$(ticks .1.3.6.1.2.1.31.1.5.0)
t_match "ifTableLastChange set when a row appeared" "^[1-9][0-9]*$" "$lc"
up=$(ticks .1.3.6.1.2.1.1.3.0)
[ "$lc" -le "$up" ]; t_check "ifTableLastChange ($lc) <= sysUpTime ($up)" 0 $?

seg_write "$T/shm" b ifDescr:str16:if-b ifInOctets:u32:222
wait_for 222 t_value $IF.10.2
t_check "segment replaced: new value" "222" "$(t_value $IF.10.2)"
t_check "replace is no row change" "$lc" "$(ticks .1.3.6.1.2.1.31.1.5.0)"

# Counters are read live from the mapped data file.
printf '\x2c\x01\x00\x00' | dd of="$T/shm/a" bs=1 seek=18 conv=notrunc status=none
t_check "live counter" "300" "$(t_value $IF.10.1)"

rm "$T/shm/b.index" "$T/shm/b"
until_rows "1" "segment removed"

# Map edited in place: if-a moves to 5.
printf 'if-a 5\nif-b 2\n' >"$MAP"
until_rows "5" "map edited in place"
t_check "value follows the row" "300" "$(t_value $IF.10.5)"

# Map replaced by rename, as editors do.
printf 'if-a 6\n' >"$T/map.new"
mv "$T/map.new" "$MAP"
until_rows "6" "map replaced by rename"

# An invalid map: rejected as a whole, with file:line; the old one stays.
printf 'if-a 6\nif-b 0\n' >"$MAP"
t_wait 10 grep -q "$MAP:2: ifIndex '0' is not in 1..2147483647" "$AGENT_LOG"
t_check "bad ifIndex named with file:line" 0 $?
printf 'if-a 6\nif-b 6\n' >"$MAP"
t_wait 10 grep -q "$MAP:2: duplicate ifIndex 6 (line 1)" "$AGENT_LOG"
t_check "duplicate ifIndex named with file:line" 0 $?
printf 'if-a 6\nif-a 7\n' >"$MAP"
t_wait 10 grep -q "$MAP:2: duplicate ifDescr 'if-a' (line 1)" "$AGENT_LOG"
t_check "duplicate ifDescr named with file:line" 0 $?
printf 'if-a 6 x\n' >"$MAP"
t_wait 10 grep -q "$MAP:1: expected" "$AGENT_LOG"
t_check "bad line named with file:line" 0 $?
t_check "previous map still in force" "6" "$(ifindexes)"
t_agent_alive; t_check "agent still running" 0 $?
t_done
