#!/usr/bin/env bash
# The pseudowire agent's state file on a full filesystem (a tmpfs of
# the test's own): an index whose allocation could not be saved is
# never served, so no restart can give it to another name.  The failed
# save is logged once and tried again at each check interval; once
# there is room, the rows appear.  Allocations still unsaved at stop
# are said; after a restart every saved index keeps its name.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/pseudowire_lib.bash"

PW=.1.3.6.1.2.1.10.246.1.2.1
SHM=$T/shm FULL=$T/full LOG=$T/pseudowire.log
mkdir "$FULL"
mount -t tmpfs -o size=64k shmib-test "$FULL" 2>/dev/null || t_skip "cannot mount a tmpfs here"
trap 'for p in "${T_PIDS[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
	umount "$FULL"; t_cleanup' EXIT
fill() { dd if=/dev/zero of="$FULL/fill" bs=4k status=none 2>/dev/null; }
"$BIN/shmib-fakeseg" --dir "$SHM" --vpls 1 --pseudowires 2 >/dev/null || t_die "fakeseg"
ids "$SHM.pseudowire-ids" pw1_1
start() {
	pw_start --shmem-dir "$SHM" --vpls-ids "$SHM.vpls-ids" \
		--pseudowire-ids "$SHM.pseudowire-ids" --state-file "$FULL/state"
}
value() { t_get -Oqv "$1" 2>&1 | tr -d '"'; }
is() { [ "$(value "$1")" = "$2" ]; }
logged() { grep -c -F -- "$1" "$LOG"; }
absent() { [[ $(value "$1") =~ "No Such Instance" ]] && echo absent; }

# Full from the start: pw1_1 gets pwIndex 1 in memory only.
fill
t_snmpd
start
t_wait 20 grep -q "rows of new indices are withheld" "$LOG" || t_die "no save failure logged (see $LOG)"
sleep 2.5       # more than two check intervals: tried again, not logged again
t_check "full: pwName.1 not served" absent "$(absent $PW.32.1)"
t_check "full: vplsConfigName.1 not served" absent "$(absent .1.3.6.1.2.1.10.274.1.2.1.2.1)"
t_check "full: the failed save logged once" 1 \
	"$(logged "$FULL/state: cannot write: No space left on device; rows of new indices are withheld")"

# Room again: saved at the next try, the rows appear.
rm "$FULL/fill"
t_wait 10 is $PW.32.1 pw1_1 || t_fail "room again: pw1_1 not served"
t_check "room again: pwIndex 1 is pw1_1" pw1_1 "$(value $PW.32.1)"
t_check "room again: in the state file" "pw 1 pw1_1" "$(grep '^pw ' "$FULL/state")"

# Full again, a new pseudowire: withheld; said at stop.
fill
ids "$SHM.pseudowire-ids" pw1_1 pw1_2
t_wait 10 grep -q "cannot write" <(tail -n 2 "$LOG")
sleep 1.5
t_check "full again: pw1_2 (pwIndex 2) not served" absent "$(absent $PW.32.2)"
t_check "full again: pw1_1 still served" pw1_1 "$(value $PW.32.1)"
stop
t_check "stop: the unsaved allocation said" 1 \
	"$(logged "1 new index allocation was not saved: never served")"

# Restarted with room, pw1_1 gone from the list: pwIndex 1 stays
# pw1_1's, pw1_2 gets a new one.
rm "$FULL/fill"
ids "$SHM.pseudowire-ids" pw1_2
start
t_wait 20 is $PW.32.2 pw1_2 || t_fail "restart: pw1_2 not served"
t_check "restart: pwIndex 1 not given to pw1_2" absent "$(absent $PW.32.1)"
t_check "restart: pw1_2 has pwIndex 2" pw1_2 "$(value $PW.32.2)"
stop
t_done
