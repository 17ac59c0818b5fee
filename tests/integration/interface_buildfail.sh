#!/usr/bin/env bash
# An index the agent cannot build (out of memory, forced by the
# SHMIB_FAIL_BUILDS hook, build.h: builds fail while $T/nomem exists)
# leaves what is served alone: the first failing, the agent answers
# with no rows (no crash); a later one failing, the previous rows stay
# served, a removed segment's values included (it stays open for
# them); the next build that succeeds serves the new rows and closes
# the segment.  A log line says so at each failure.
# loads: daemon module
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/interface_segment.sh"

IF=.1.3.6.1.2.1.2.2.1
export SHMIB_FAIL_BUILDS=$T/nomem
t_snmpd
ifindexes() { t_walk $IF.1 2>&1 | awk '/INTEGER/ { print $4 }' | tr '\n' ' ' | sed 's/ $//'; }
failures() { grep -c "out of memory building the index" "$AGENT_LOG"; }
at_least() { [ "$(failures)" -ge "$1" ] && echo yes || echo no; }
mapped() { grep -c "$T/shm/$1" "/proc/$AGENT_PID/maps"; }

printf 'if-a 1\nif-b 2\nif-c 3\nif-d 4\n' >"$T/ifindex"
seg_write "$T/shm" a ifDescr:str16:if-a
seg_write "$T/shm" b ifDescr:str16:if-b
touch "$T/nomem"
# A long interval: the retry after a failure waits for the next change.
t_agent agent interface --kernel-interfaces no --shmem-dir "$T/shm" --ifindex "$T/ifindex" \
	--check-interval 600

wait_for yes at_least 1
t_check "first build failed: logged" yes "$(at_least 1)"
t_check "no rows served" "" "$(ifindexes)"
t_check "ifNumber 0" 0 "$(t_value .1.3.6.1.2.1.2.1.0)"
t_check "agent alive" 0 "$(t_agent_alive; echo $?)"

rm "$T/nomem"
seg_write "$T/shm" c ifDescr:str16:if-c
wait_for "1 2 3" ifindexes
t_check "the next build serves every row" "1 2 3" "$(ifindexes)"

before=$(failures)
touch "$T/nomem"
rm "$T/shm/b.index" "$T/shm/b"
wait_for yes at_least $((before + 1))
t_check "a later build failed: logged" yes "$(at_least $((before + 1)))"
t_check "previous rows still served" "1 2 3" "$(ifindexes)"
t_check "removed segment's value still served" '"if-b"' "$(t_value $IF.2.2)"
t_check "removed segment still open" 1 "$([ "$(mapped b)" -gt 0 ] && echo 1 || echo 0)"

rm "$T/nomem"
seg_write "$T/shm" d ifDescr:str16:if-d
wait_for "1 3 4" ifindexes
t_check "the build after serves the new rows" "1 3 4" "$(ifindexes)"
t_check "removed segment closed" 0 "$(mapped b)"
t_check "agent alive at the end" 0 "$(t_agent_alive; echo $?)"
t_check "no sanitizer report" 0 "$(grep -c -E 'Sanitizer|runtime error' "$AGENT_LOG")"
t_done
