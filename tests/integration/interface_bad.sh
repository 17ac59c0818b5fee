#!/usr/bin/env bash
# Bad input never takes shmib-interface down: malformed segments are
# skipped with one log line naming file and line, a missing shm
# directory is waited for, a bad map at start serves nothing until it
# is fixed; bad options and a second instance are refused.  (A module's
# options and command line: module_bad.)
# loads: daemon module
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/interface_segment.sh"

IF=.1.3.6.1.2.1.2.2.1
AGENT=$BIN/shmib-interface
t_snmpd
ifindexes() { t_walk $IF.1 2>&1 | awk '{ print $4 }' | tr '\n' ' ' | sed 's/ $//'; }

# Options.
if [ "$SHMIB_LOAD" = daemon ]; then
"$AGENT" --check-interval 0 --ifindex x >"$T/opt.log" 2>&1
t_check "bad --check-interval: exit 1" 1 $?
t_match "bad --check-interval: says why" "check-interval: '0'" "$(cat "$T/opt.log")"
"$AGENT" -f >"$T/opt.log" 2>&1
t_check "no --ifindex: exit 1" 1 $?
t_match "--help" "--shmem-dir DIR" "$("$AGENT" --help)"
fi

# A bad map at start, no shm directory yet.
MAP=$T/ifindex
printf 'if-a 1\nif-b two\n' >"$MAP"
pidfile=()
[ "$SHMIB_LOAD" = daemon ] && pidfile=(-p "$T/agent.pid")
t_agent agent interface --kernel-interfaces no --shmem-dir "$T/shm" --ifindex "$MAP" --check-interval 1 "${pidfile[@]}"
t_wait 10 grep -q "waiting for it" "$AGENT_LOG"
t_check "missing shm dir waited for" 0 $?
t_match "bad map at start: file:line" "$MAP:2: ifIndex 'two'" "$(cat "$AGENT_LOG")"
if [ "$SHMIB_LOAD" = daemon ]; then
t_wait 10 test -s "$T/agent.pid"
"$AGENT" -f -x "unix:$AGENTX" --shmem-dir "$T/shm" --ifindex "$MAP" -p "$T/agent.pid" >"$T/second.log" 2>&1
t_check "second instance on the pidfile: exit 1" 1 $?
t_match "second instance: says who runs" "already running as pid $(cat "$T/agent.pid")" "$(cat "$T/second.log")"
fi

printf 'if-a 1\nif-b 2\nif-c 3\nif-d 4\nif-e 5\n' >"$MAP"
seg_write "$T/shm" a ifDescr:str16:if-a ifInOctets:u32:100
wait_for 1 ifindexes
t_check "directory appeared, map fixed: served" "1" "$(ifindexes)"

# Malformed segments next to a good one.
mkdir -p "$T/shm"
# data first, the index last and by rename, as writers publish
put_index() { printf "$2" >"$T/.put"; mv "$T/.put" "$T/shm/$1.index"; }
head -c 18 /dev/zero >"$T/shm/v2"; put_index v2 'MIB:2\nifDescr:18\n'
head -c 22 /dev/zero >"$T/shm/line"; put_index line 'MIB:1\nifDescr:18\nifInOctets\n'
head -c 20 /dev/zero >"$T/shm/size"; put_index size 'MIB:1\nifDescr:18\nifInOctets:4\n'
seg_write "$T/shm" good ifDescr:str16:if-b ifInOctets:u32:200
ln -s "$T/shm/good" "$T/shm/link"; put_index link "$(cat "$T/shm/good.index")\n"
seg_write "$T/shm" short ifDescr:str16:if-c ifInOctets:u64:1
put_index short 'MIB:1\nifDescr:18\nifInOctets:3\n'
wait_for "1 2" ifindexes
t_check "good segments served next to bad ones" "1 2" "$(ifindexes)"
sleep 3         # three check intervals: nothing may be logged again
log=$(cat "$AGENT_LOG")
t_match "bad version: file:line" "v2.index:1: " "$log"
t_match "bad line: file:line" "line.index:3: " "$log"
t_match "size mismatch: named" "skipping segment size: .*size" "$log"
t_match "symlink refused" "skipping segment link: .*symbolic link" "$log"
for s in v2 line size link short; do
	t_check "segment $s logged once" 1 "$(grep -c "skipping segment $s:" <<<"$log")"
done

# A bad segment fixed in place is picked up.
seg_write "$T/shm" v2 ifDescr:str16:if-d ifInOctets:u32:400
wait_for "1 2 4" ifindexes
t_check "bad segment fixed" "1 2 4" "$(ifindexes)"

# An object too short for its type is not served; the rest of the row is.
seg_write "$T/shm" e ifDescr:str16:if-e ifInOctets:u32:5 ifMtu:str4:xx
wait_for "1 2 4 5" ifindexes
t_match "misfit object: noSuchInstance" "No Such Instance" "$(t_get $IF.4.5)"
t_check "misfit object: rest of the row" "5" "$(t_value $IF.10.5)"
t_match "misfit object noted" "segment e: ifMtu has 6 bytes, not a Integer32" "$(cat "$AGENT_LOG")"

# Strings longer than their MIB SIZE (a segment may hold 65,535 bytes)
# are served cut to it: the master keeps the session, the other rows
# answer, one line is logged.  PhysAddress has no SIZE: cut at 255.
long=$(head -c 65535 /dev/zero | tr '\0' x)
seg_write "$T/shm" f ifDescr:str16:if-f ifAlias:str65535:"$long"
seg_write "$T/shm" g ifDescr:str16:if-g ifPhysAddress:str65533:"${long:2}"
printf 'if-a 1\nif-b 2\nif-c 3\nif-d 4\nif-e 5\nif-f 6\nif-g 7\n' >"$MAP.tmp" && mv "$MAP.tmp" "$MAP"
wait_for "1 2 4 5 6 7" ifindexes
alias_len() { t_get -Oqv .1.3.6.1.2.1.31.1.1.1.18.6 2>&1 | tr -d '"' | tr -d '\n' | wc -c; }
for i in 1 2 3; do
	t_check "65,535-byte ifAlias, GET $i: served cut to its SIZE, 64" 64 "$(alias_len)"
done
t_check "65,533-byte ifPhysAddress: cut to 255 bytes" 255 \
	"$(t_get -Oqvx $IF.6.7 2>&1 | tr -d ' \n"' | awk '{ print length($0) / 2 }')"
t_check "a long ifAlias and a long ifPhysAddress in one GET" 2 \
	"$(t_get .1.3.6.1.2.1.31.1.1.1.18.6 $IF.6.7 2>&1 | grep -c '= STRING')"
t_check "the other rows still answer" "if-b" "$(t_value $IF.2.2 | tr -d '"')"
t_check "the AgentX session was kept" 0 "$(grep -c 'master disconnected' "$AGENT_LOG")"
t_check "cut ifAlias logged once" 1 \
	"$(grep -c 'IF-MIB::ifAlias.6: the segment holds 65535 bytes; served cut to 64' "$AGENT_LOG")"

t_agent_alive; t_check "agent still running" 0 $?
t_daemon_only "its pidfile"
kill "$AGENT_PID"; wait "$AGENT_PID" 2>/dev/null
t_check "pidfile removed at exit" 1 "$(test -e "$T/agent.pid"; echo $?)"
t_done
