#!/usr/bin/env bash
# BITS columns in the length of their definition (RFC 3417 §8: as many
# octets as the named bits need; every BITS column of PW-STD-MIB has
# at most 8, so one octet), whatever length the segment stores: 16
# octets as Snabb's writer stores them, none for an empty set as
# earlier writers did, one as shmib's writers do now.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/pseudowire_lib.bash"

PW=.1.3.6.1.2.1.10.246.1.2.1
SHM=$T/shm

# poke SEG OBJ BYTE...: overwrites object OBJ of segment SEG in place.
poke() {
	local seg=$1 obj=$2 off; shift 2
	off=$(awk -F: -v o="$obj" 'NR > 1 { if ($1 == o) { print s; exit } s += $2 }' \
		"$SHM/$seg.index")
	[ "$off" ] || t_die "segment $seg has no $obj"
	printf "$(printf '\\x%s' "$@")" |
		dd of="$SHM/$seg" bs=1 seek="$off" conv=notrunc status=none
}
hex() { t_get -Oqvx "$1" 2>&1 | tr -d '"' | xargs; }

t_snmpd
"$BIN/shmib-fakeseg" --dir "$SHM" --vpls 1 --pseudowires 3 >"$T/fakeseg.log" 2>&1 ||
	t_die "shmib-fakeseg failed"
t_check "shmib-fakeseg writes pwLocalStatus in one octet" \
	"pwLocalStatus	Bits	0x00" "$("$BIN/shmib-dump" "$SHM/pw1_1" | grep '^pwLocalStatus')"
# pw1_2 as Snabb writes it: 16 octets, pwStatusIndication-like bit 1
# set; pw1_3 as an empty set of no octets.
poke pw1_2 pwLocalStatus 10 00 40 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
poke pw1_2 pwRemoteStatus 10 00 c0 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
poke pw1_3 pwLocalStatus 00 00
pw_start --shmem-dir "$SHM" --vpls-ids "$SHM.vpls-ids" --pseudowire-ids "$SHM.pseudowire-ids" \
	--state-file "$T/state"
is() { [ "$(t_value "$1" | tr -d '"')" = "$2" ]; }
t_wait 20 is $PW.32.3 pw1_3 || t_die "pwTable not served (see $T/pseudowire.log)"

t_check "pwLocalStatus written in one octet: served as is" 00 "$(hex $PW.39.1)"
t_check "pwLocalStatus stored in 16 octets: served in one" 40 "$(hex $PW.39.2)"
t_check "pwRemoteStatus stored in 16 octets: served in one" C0 "$(hex $PW.41.2)"
t_check "pwLocalStatus stored empty: served as one zero octet" 00 "$(hex $PW.39.3)"
t_check "every BITS column of a row in one octet" "40 40 80 10 00 00" \
	"$(for c in 20 25 27 29 39 41; do hex $PW.$c.1; done | xargs)"
stop
t_done
