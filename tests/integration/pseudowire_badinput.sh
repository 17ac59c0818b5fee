#!/usr/bin/env bash
# shmib-pseudowire on segments changed under it and on bad input:
#  - the up time of a pseudowire that is down is 0;
#  - EnetPortIfIndex follows the ifindex map (reloaded), is 0 for an
#    empty port and 0 for a port the map does not know (logged once);
#  - a bad segment (index syntax, size, an object of the wrong size) is
#    skipped or its object left out, named in the log, the rest served;
#  - a corrupt or unusable state file is reported and never fatal.
# loads: daemon module
source "$(dirname "$0")/../lib.sh"

source "$(dirname "$0")/pseudowire_lib.bash"

PW=.1.3.6.1.2.1.10.246.1.2.1
CPW=.1.3.6.1.4.1.9.10.106.1.2.1
ENET_PORT=.1.3.6.1.2.1.180.1.1.1.5
CENET_PORT=.1.3.6.1.4.1.9.10.108.1.1.1.5
SHM=$T/shm
LOG=$T/pseudowire.log
MAP=$T/ifindex

start() {
	pw_start --shmem-dir "$SHM" \
		--ifindex "$MAP" --vpls-ids "$SHM.vpls-ids" --pseudowire-ids "$SHM.pseudowire-ids" "$@"
}
value() { t_get -Oqvt "$1" 2>&1 | tr -d '"'; }
is() { [ "$(value "$1")" = "$2" ]; }
nonzero() { [[ $(value "$1") =~ ^[1-9][0-9]*$ ]]; }
logged() { grep -c -F -- "$1" "$LOG"; }
has_log() { grep -q -F -- "$1" "$LOG"; }
map() { printf '%s\n' "$@" >"$MAP.tmp" && mv "$MAP.tmp" "$MAP"; }

# poke SEG OBJ BYTE...: overwrites object OBJ of segment SEG in place
# (hex bytes), as the dataplane does.
poke() {
	local seg=$1 obj=$2 off; shift 2
	off=$(awk -F: -v o="$obj" 'NR > 1 { if ($1 == o) { print s; exit } s += $2 }' \
		"$SHM/$seg.index")
	[ "$off" ] || t_die "segment $seg has no $obj"
	printf "$(printf '\\x%s' "$@")" |
		dd of="$SHM/$seg" bs=1 seek="$off" conv=notrunc status=none
}
# poke_str SEG OBJ TEXT: an OctetStr (uint16 length, host order).
poke_str() {
	local len=${#3}
	poke "$1" "$2" $(printf '%02x %02x' $((len & 255)) $((len >> 8))) \
		$(printf '%s' "$3" | od -An -tx1)
}

t_snmpd
"$BIN/shmib-fakeseg" --dir "$SHM" --interfaces 2 --vpls 2 --pseudowires 2 \
	--time $(($(date +%s) - 1000)) >"$T/fakeseg.log" 2>&1 || t_die "shmib-fakeseg failed"
# pseudowire k's port is interface ((k-1) mod 2) + 1: 0000:00:00.1 or .2
map "0000:00:00.1 101" "0000:00:00.2 102"
start --state-file "$T/state"
t_wait 20 is $PW.32.4 pw2_2 || t_die "pwTable not served (see $LOG)"

# Up times: 0 while down, counting again when up.
t_match "pwUpTime.1 counts while up" '^[1-9][0-9]*$' "$(value $PW.35.1)"
poke pw1_1 pwOperStatus 02 00 00 00
poke pw1_1 cpwVcOperStatus 02 00 00 00
t_check "pw1_1 down: pwOperStatus" 2 "$(value $PW.38.1)"
t_check "pw1_1 down: pwUpTime is 0" 0 "$(value $PW.35.1)"
t_check "pw1_1 down: cpwVcUpTime is 0" 0 "$(value $CPW.24.1)"
t_match "pw1_2 still up: pwUpTime counts" '^[1-9][0-9]*$' "$(value $PW.35.2)"
poke pw1_1 pwOperStatus 01 00 00 00
t_match "pw1_1 up again: pwUpTime counts" '^[1-9][0-9]*$' "$(value $PW.35.1)"

# The attachment-circuit port through the ifindex map.
t_check "pwEnetPortIfIndex from the map" "101 102 101 102" \
	"$(value $ENET_PORT.1.1) $(value $ENET_PORT.2.1) $(value $ENET_PORT.3.1) $(value $ENET_PORT.4.1)"
t_check "cpwVcEnetPortIfIndex from the map" "101 102" \
	"$(value $CENET_PORT.1.4097) $(value $CENET_PORT.2.4097)"
map "0000:00:00.1 7" "# .2 is gone"
t_wait 10 is $ENET_PORT.1.1 7 || t_fail "map reload not picked up"
t_check "map reloaded: pwEnetPortIfIndex.1" 7 "$(value $ENET_PORT.1.1)"
t_check "port not in the map: pwEnetPortIfIndex 0" 0 "$(value $ENET_PORT.2.1)"
t_check "port not in the map: cpwVcEnetPortIfIndex 0" 0 "$(value $CENET_PORT.2.4097)"
t_wait 10 has_log "port '0000:00:00.2' of _X_pwEnetPortIfIndex is not in the ifindex map"
sleep 2.5   # several check intervals and rebuilds
t_check "unknown port logged once per pseudowire" 1 \
	"$(logged "segment pw1_2: port '0000:00:00.2' of _X_pwEnetPortIfIndex is not in the ifindex map")"
poke_str pw1_1 _X_pwEnetPortIfIndex ""
t_check "empty port: pwEnetPortIfIndex 0" 0 "$(value $ENET_PORT.1.1)"
t_check "empty port: cpwVcEnetPortIfIndex still 7" 7 "$(value $CENET_PORT.1.4097)"

# Bad segments: each is named in the log, the others stay served.
sed -i '5s/.*/garbage line/' "$SHM/pw2_1.index"
truncate -s -1 "$SHM/pw2_2"
# pw1_2: pwType renamed away, and an 18-byte Bits object renamed pwType.
sed -i -e 's/^pwType:4$/_X_was_pwType:4/' -e 's/^pwLocalCapabAdvert:18$/pwType:18/' \
	"$SHM/pw1_2.index"
# Three changes, which one rescan or several may take in.
t_wait 10 has_log "skipping segment pw2_2" || t_fail "truncated segment not logged"
t_wait 10 has_log "pw1_2: pwType has 18 bytes"
t_check "index syntax error logged with file:line" 1 \
	"$(logged "skipping segment pw2_1: $SHM/pw2_1.index:5: no ':' between name and length")"
t_check "size mismatch logged" 1 \
	"$(logged "skipping segment pw2_2: $SHM/pw2_2: data file has")"
t_check "bad segments are not served, the others are" "1 2" "$(rows $PW.32)"
t_match "object of the wrong size: logged" "pw1_2: pwType has 18 bytes" "$(cat "$LOG")"
t_match "object of the wrong size: not served" "No Such Instance" "$(value $PW.2.2)"
t_check "object of the wrong size: the rest of the row served" pw1_2 "$(value $PW.32.2)"
t_check "pwPerfTotalErrorPackets sums the good segments" 3 \
	"$(value .1.3.6.1.2.1.10.246.1.6.0)"
kill -0 "$AGENT" 2>/dev/null
t_check "shmib-pseudowire still runs" 0 $?

# Segments repaired: served again under their old indices.
"$BIN/shmib-fakeseg" --dir "$SHM" --interfaces 2 --vpls 2 --pseudowires 2 \
	>"$T/fakeseg2.log" 2>&1 || t_die "shmib-fakeseg failed"
t_wait 10 is $PW.32.4 pw2_2
t_check "repaired segments served again" "1 2 3 4" "$(rows $PW.32)"
stop

# A corrupt state file: reported by file:line, good lines kept, rewritten.
printf 'pw 1 pw2_2\npw x pw1_1\n\001\002 junk\nvpls 9 vpls2\npw 4 pw1_1\n' >"$T/state"
start --state-file "$T/state"
t_wait 20 is $PW.32.1 pw2_2 || t_fail "corrupt state file: not served (see $LOG)"
t_check "corrupt state file reported with file:line" 1 \
	"$(logged "$T/state:2: index not in 1..4294967295 (2 bad lines dropped, the file is rewritten)")"
t_check "good lines of the state file are kept" "pw2_2 pw1_1" "$(value $PW.32.1) $(value $PW.32.4)"
t_check "vplsIndex kept from the state file" vpls2 "$(value .1.3.6.1.2.1.10.274.1.2.1.2.9)"
t_check "new names get indices above every index seen" "pw1_2 pw2_1" \
	"$(value $PW.32.5) $(value $PW.32.6)"
t_check "the state file is rewritten without the bad lines" \
	"pw 1 pw2_2|pw 4 pw1_1|pw 5 pw1_2|pw 6 pw2_1|vpls 9 vpls2|vpls 10 vpls1" \
	"$(grep -v '^#' "$T/state" | paste -sd'|')"
stop

# State file that cannot be written, or is a directory: logged once,
# and no row is served with an index that a restart could give to
# another name, until a save succeeds (tried at each check interval).
withheld() { [[ $(value $PW.32.1) =~ "No Such Instance" ]]; }
registered() { nonzero .1.3.6.1.2.1.10.246.1.1.0; }     # pwIndexNext
start --state-file "$T/no/such/dir/state"
t_wait 20 has_log "$T/no/such/dir/state: cannot create"
t_wait 20 registered
sleep 2.5       # a few check intervals: tried again, not logged again
t_check "unwritable state file: logged once" 1 \
	"$(logged "$T/no/such/dir/state: cannot create $T/no/such/dir/state.XXXXXX: No such file or directory; rows of new indices are withheld")"
t_check "unwritable state file: rows withheld" yes "$(withheld && echo yes)"
mkdir -p "$T/no/such/dir"
t_wait 10 is $PW.32.4 pw2_2 || t_fail "state file writable again: rows not served"
t_check "state file writable again: saved, said once" 1 \
	"$(logged "$T/no/such/dir/state: saved; the rows withheld are served")"
t_check "state file writable again: the allocations in it" 4 "$(grep -c '^pw ' "$T/no/such/dir/state")"
stop
mkdir "$T/state.d"
start --state-file "$T/state.d"
t_wait 20 has_log "$T/state.d: not a regular file"
t_wait 20 registered
t_match "directory as state file: logged" "$T/state.d: not a regular file" "$(cat "$LOG")"
t_check "directory as state file: rows withheld" yes "$(withheld && echo yes)"
stop
t_check "directory as state file: unsaved allocations said at stop" 1 \
	"$(logged "6 new index allocations were not saved: never served")"

# No ifindex map at all: every port is 0, without a note per pseudowire.
# (A module logs into snmpd's log, which holds the notes of the runs
# above: counted from here; a daemon starts a log of its own.)
rm "$MAP"
notes=0
[ "$SHMIB_LOAD" = module ] && notes=$(logged "is not in the ifindex map")
start --state-file "$T/state"
t_wait 20 is $PW.32.1 pw2_2 || t_fail "without a map: not served"
t_check "without a map: pwEnetPortIfIndex 0" "0 0" \
	"$(value $ENET_PORT.1.1) $(value $ENET_PORT.4.1)"
t_check "without a map: no note per port" "$notes" "$(logged "is not in the ifindex map")"
stop
t_done
