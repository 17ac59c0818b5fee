#!/usr/bin/env bash
# Both agents as snmpd modules in one snmpd, which a SIGHUP unloads and
# loads again: 20 SIGHUPs while a client walks ifTable and pwTable
# without pause.  No walk fails or comes back short, snmpd's log has no
# duplicate registration of the modules' subtrees, and snmpd's open
# descriptors and resident set stay as they were (under the sanitizers,
# whose own bookkeeping grows the resident set: no leak of the
# modules' at snmpd's exit).
SHMIB_LOAD=module
. "$(dirname "$0")/../lib.sh"

[ -f "$MODULES/shmib_interface.so" ] && [ -f "$MODULES/shmib_pseudowire.so" ] ||
	t_skip "the modules are not built"
HUPS=20
t_sanitized && SNMPD_LEAKS=1
IF=.1.3.6.1.2.1.2.2.1
PW_NAME=.1.3.6.1.2.1.10.246.1.2.1.32

"$BIN/shmib-fakeseg" --dir "$T/shm" --interfaces 50 --vpls 2 --pseudowires 3 \
	>"$T/fakeseg.log" 2>&1 || t_die "shmib-fakeseg failed"
t_snmpd
t_agent interface interface --kernel-interfaces no --shmem-dir "$T/shm" --ifindex "$T/shm.ifindex"
t_agent pseudowire pseudowire --shmem-dir "$T/shm" --ifindex "$T/shm.ifindex" \
	--vpls-ids "$T/shm.vpls-ids" --pseudowire-ids "$T/shm.pseudowire-ids" \
	--state-file "$T/state"
count() { t_bulkwalk "$1" 2>&1 | grep -c "^$1\."; }
rows_are() { [ "$(count "$1")" = "$2" ]; }
t_wait 20 rows_are $PW_NAME 6 && t_wait 20 rows_are $IF.1 50 ||
	t_die "the modules do not serve (see $AGENT_LOG)"

fds() { ls "/proc/$SNMPD_PID/fd" | wc -l; }
rss() { awk '/^VmRSS/ { print $2 }' "/proc/$SNMPD_PID/status"; }
# How often module $1 started.
starts() { grep -c "shmib_$1 started inside snmpd" "$AGENT_LOG"; }

# Both modules loaded and warmed up (a HUP, walks), then the baseline.
kill -HUP "$SNMPD_PID"
t_wait 10 sh -c "[ \$(grep -c 'shmib_interface started inside snmpd' '$AGENT_LOG') -ge 3 ]"
for _ in 1 2 3; do count $IF >/dev/null; count $PW_NAME >/dev/null; done
fds0=$(fds) rss0=$(rss) if0=$(starts interface) pw0=$(starts pseudowire)

# The walker: one line per walk, "<ifTable varbinds> <pwName rows>".
(
	while :; do
		echo "$(count $IF.1) $(count $PW_NAME)"
	done
) >"$T/walks.log" 2>&1 &
T_PIDS+=($!)
WALKER=$!
for i in $(seq $HUPS); do
	kill -HUP "$SNMPD_PID"
	t_wait 10 sh -c "[ \$(grep -c 'shmib_interface started inside snmpd' '$AGENT_LOG') -ge $((if0 + i)) ]" ||
		t_die "HUP $i: the module did not start again"
	t_wait 10 sh -c "[ \$(wc -l <'$T/walks.log') -ge $i ]"
done
t_stop "$WALKER"

t_check "$HUPS reloads of both modules" "$HUPS $HUPS" \
	"$(($(starts interface) - if0)) $(($(starts pseudowire) - pw0))"
t_match "walks during the reloads" "^[1-9]" "$(wc -l <"$T/walks.log")"
t_check "every walk complete" "" "$(grep -v '^50 6$' "$T/walks.log" | sort | uniq -c)"
for st in interfaces ifMIB pwStdMIB vplsGenericMIB; do
	t_check "no duplicate registration of $st" 0 \
		"$(grep 'duplicate registration' "$AGENT_LOG" | grep -c -w "$st")"
done
t_check "snmpd's descriptors as before ($fds0)" "$fds0" "$(fds)"
rss1=$(rss)
if t_sanitized; then
	t_snmpd_stop
	t_check "no leak of the modules (snmpd stopped)" 0 "$(t_module_leaks)"
	t_check "no error from the sanitizers" 0 "$(grep -c -E 'ERROR: AddressSanitizer|runtime error' "$AGENT_LOG")"
else
	[ "$rss1" -le $((rss0 + 1024)) ]
	t_check "snmpd's RSS flat: $rss0 kB -> $rss1 kB (within 1 MB)" 0 $?
	t_check "no sanitizer report" 0 "$(grep -c -E 'Sanitizer|runtime error' "$AGENT_LOG")"
fi
t_done
