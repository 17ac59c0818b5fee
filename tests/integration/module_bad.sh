#!/usr/bin/env bash
# A module with a bad line or file never takes snmpd down: the options
# snmpd has already (-f -x -p -L) are ignored with a line each; a bad
# option, a missing required option or a missing module line get one
# log line naming the module and the module serves nothing; an
# unreadable ifindex map is named in one line.  snmpd answers its own
# MIBs throughout.
SHMIB_LOAD=module
. "$(dirname "$0")/../lib.sh"

[ -f "$MODULES/shmib_interface.so" ] && [ -f "$MODULES/shmib_pseudowire.so" ] ||
	t_skip "the modules are not built"
IF_NUMBER=.1.3.6.1.2.1.2.1.0
SYS_DESCR=.1.3.6.1.2.1.1.1.0
PW_NEXT=.1.3.6.1.2.1.10.246.1.1.0

"$BIN/shmib-fakeseg" --dir "$T/shm" --interfaces 2 --vpls 1 --pseudowires 1 \
	>"$T/fakeseg.log" 2>&1 || t_die "shmib-fakeseg failed"
t_snmpd
snmpd_answers() { t_match "$1: snmpd answers sysDescr" "STRING" "$(t_get $SYS_DESCR 2>&1)"; }
# outcomes KIND: how often module KIND started or gave up.
outcomes() { grep -c "shmib_$1\( started\|: serving nothing\)" "$T/snmpd.log"; }
more_than() { [ "$(outcomes "$1")" -gt "$2" ]; }
# load KIND ARGS...: t_agent, then waits for the module's outcome.
load() {
	local n=$(outcomes "$1")
	t_agent "$1" "$@"
	t_wait 10 more_than "$1" "$n" || t_fail "module $1 neither started nor gave up"
}
logged() { grep -c -F -- "$1" "$AGENT_LOG"; }

load interface --shmem-dir "$T/shm" --ifindex "$T/shm.ifindex" --bogus
t_check "bad option: one line naming it" 1 "$(logged "shmib_interface: bad option '--bogus'")"
t_match "bad option: serves nothing" "No Such Object" "$(t_get $IF_NUMBER 2>&1)"
snmpd_answers "bad option"
t_check "snmpd still runs" 0 "$(t_agent_alive; echo $?)"

load interface --shmem-dir "$T/shm" --ifindex "$T/shm.ifindex" --check-interval x
t_check "bad value: one line naming it" 1 \
	"$(logged "shmib_interface: --check-interval: 'x' is not a number of seconds")"
t_match "bad value: serves nothing" "No Such Object" "$(t_get $IF_NUMBER 2>&1)"

load interface --kernel-interfaces no --shmem-dir "$T/shm" --ifindex "$T/shm.ifindex" -f -x unix:/x -p /x -L e
for o in f x p L; do
	t_check "-$o: ignored, said once" 1 "$(logged "shmib_interface: -$o ignored inside snmpd")"
done
t_check "the daemon's options ignored: serves" 2 "$(t_value $IF_NUMBER | awk '{ print $NF }')"

# A map that cannot be read (a directory): named once, nothing mapped.
load interface --shmem-dir "$T/shm" --ifindex "$T/shm"
t_check "unreadable map: one line naming it" 1 "$(grep -c "^$T/shm: .*keeping the previous map" "$AGENT_LOG")"
snmpd_answers "unreadable map"

# A required option missing.
load pseudowire --shmem-dir "$T/shm" --vpls-ids "$T/shm.vpls-ids"
t_check "missing required option: said" 1 \
	"$(logged "--vpls-ids FILE and --pseudowire-ids FILE are required")"
t_match "missing required option: serves nothing" "No Such Object" "$(t_get $PW_NEXT 2>&1)"

# No module line at all.
t_agent_unload pseudowire
echo "dlmod shmib_pseudowire $MODULES/shmib_pseudowire.so" >>"$T/snmpd.conf"
kill -HUP "$SNMPD_PID"
t_wait 10 grep -q "no 'shmib_pseudowire' line" "$AGENT_LOG"
t_check "no module line: said" 1 "$(logged "shmib_pseudowire: no 'shmib_pseudowire' line in snmpd.conf")"
snmpd_answers "no module line"
t_check "snmpd still runs at the end" 0 "$(t_agent_alive; echo $?)"
t_check "no sanitizer report" 0 "$(grep -c -E 'Sanitizer|runtime error' "$AGENT_LOG")"
t_done
