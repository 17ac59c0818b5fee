#!/usr/bin/env bash
# pwIndex and vplsIndex are allocated per name and kept in the state
# file: a restart of shmib-pseudowire, or of the dataplane (segments
# removed and written again), gives every name its old index; a name
# removed from the id file and listed again gets its old index back; a
# new name gets a new one, never a freed one.  Without --state-file the
# state lives in net-snmp's persistent directory.
# loads: daemon module
source "$(dirname "$0")/../lib.sh"

source "$(dirname "$0")/pseudowire_lib.bash"

PW_NAME=.1.3.6.1.2.1.10.246.1.2.1.32
PW_NEXT=.1.3.6.1.2.1.10.246.1.1.0
VPLS_NAME=.1.3.6.1.2.1.10.274.1.2.1.2
VPLS_NEXT=.1.3.6.1.2.1.10.274.1.1.0
BIND_TYPE=.1.3.6.1.2.1.10.274.1.4.1.2
SHM=$T/shm

# Segments of 3 VPLS with 2 pseudowires each; the id files list only
# the first two VPLS at the start.
segments() {
	"$BIN/shmib-fakeseg" --dir "$SHM" --vpls 3 --pseudowires 2 \
		--vpls-ids "$T/all.vpls-ids" --pseudowire-ids "$T/all.pseudowire-ids" \
		>"$T/fakeseg.log" 2>&1 || t_die "shmib-fakeseg failed"
}
start() {
	pw_start --shmem-dir "$SHM" \
		--vpls-ids "$T/vpls-ids" --pseudowire-ids "$T/pseudowire-ids" "$@"
}

value() { t_get -Oqv "$1" 2>&1 | tr -d '"'; }
names() {
	local i out=()
	for i in "$@"; do out+=("$(value $PW_NAME.$i)"); done
	echo "${out[*]}"
}
is() { [ "$(value "$1")" = "$2" ]; }

t_snmpd
segments
ids "$T/vpls-ids" vpls1 vpls2
ids "$T/pseudowire-ids" pw1_1 pw1_2 pw2_1 pw2_2
start --state-file "$T/state"
t_wait 20 is $PW_NAME.4 pw2_2 || t_die "pwTable not served (see $LOG)"
t_check "first start: indices in id-file order" "pw1_1 pw1_2 pw2_1 pw2_2" "$(names 1 2 3 4)"
t_check "first start: pwIndexNext" 5 "$(value $PW_NEXT)"
t_check "first start: VPLS indices" "vpls1 vpls2" \
	"$(value $VPLS_NAME.1) $(value $VPLS_NAME.2)"
t_check "state file written" \
	"pw 1 pw1_1|pw 2 pw1_2|pw 3 pw2_1|pw 4 pw2_2|vpls 1 vpls1|vpls 2 vpls2" \
	"$(grep -v '^#' "$T/state" | paste -sd'|')"

# Restart with the lists reordered, two pseudowires gone and a new VPLS
# with a new pseudowire.
stop
ids "$T/vpls-ids" vpls3 vpls2 vpls1
ids "$T/pseudowire-ids" pw2_2 pw3_1 pw1_1
start --state-file "$T/state"
t_wait 20 is $PW_NAME.5 pw3_1 || t_die "pw3_1 not served after the restart"
t_check "after restart: old names keep their index, the new one gets 5" \
	"pw1_1 pw2_2 pw3_1" "$(names 1 4 5)"
t_match "after restart: pwIndex 2 (not listed) is not served" "No Such Instance" \
	"$(value $PW_NAME.2)"
t_check "after restart: pwIndexNext" 6 "$(value $PW_NEXT)"
t_check "after restart: VPLS indices kept, vpls3 new" "vpls1 vpls2 vpls3" \
	"$(value $VPLS_NAME.1) $(value $VPLS_NAME.2) $(value $VPLS_NAME.3)"
t_check "after restart: vplsConfigIndexNext" 4 "$(value $VPLS_NEXT)"
t_check "after restart: PwBind of pw3_1 is vplsIndex 3 . pwIndex 5" 1 \
	"$(value $BIND_TYPE.3.5)"

# Listed again while running: its old index, not a new one.
ids "$T/pseudowire-ids" pw2_2 pw3_1 pw1_1 pw1_2
t_wait 10 is $PW_NAME.2 pw1_2
t_check "re-listed pw1_2 gets its old index 2" pw1_2 "$(value $PW_NAME.2)"
t_check "re-listing allocates nothing: pwIndexNext" 6 "$(value $PW_NEXT)"

# A new name while running gets 6, and is in the state file at once.
ids "$T/pseudowire-ids" pw2_2 pw3_1 pw1_1 pw1_2 pw3_2
t_wait 10 is $PW_NAME.6 pw3_2
t_check "new name while running: pwIndex 6" pw3_2 "$(value $PW_NAME.6)"
t_check "state file has it" "pw 6 pw3_2" "$(grep 'pw3_2$' "$T/state")"

# The dataplane restarts: every segment goes, then comes back.
rm -rf "$SHM"
gone() { ! is $PW_NAME.1 pw1_1; }
t_wait 10 gone
t_check "segments gone: no pwName served" 0 "$(t_walk $PW_NAME 2>&1 | grep -c "^$PW_NAME\.")"
segments
t_wait 10 is $PW_NAME.6 pw3_2
t_check "dataplane restart: same indices" "pw1_1 pw1_2 pw2_2 pw3_1 pw3_2" "$(names 1 2 4 5 6)"

# Without --state-file: net-snmp's persistent directory (snmpd's, for
# a module).
stop
persist=$T/persist
[ "$SHMIB_LOAD" = module ] && persist=$T/snmpd-persist
mkdir -p "$persist"
SNMP_PERSISTENT_DIR=$persist start
t_wait 20 is $PW_NAME.5 pw3_2 ||
	t_fail "default state file: pwTable not served (see $LOG)"
t_check "default state file in the persistent directory" "pw 1 pw2_2" \
	"$(grep -m1 '^pw ' "$persist/shmib-pseudowire.state")"
stop
SNMP_PERSISTENT_DIR=$T/persist start
t_wait 20 is $PW_NAME.5 pw3_2
t_check "default state file: restart keeps the indices" "pw2_2 pw3_1 pw1_1 pw1_2 pw3_2" \
	"$(names 1 2 3 4 5)"
stop
t_done
