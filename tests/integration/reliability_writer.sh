#!/usr/bin/env bash
# A writer changes the segments while they are read: tests/writer/
# counterwriter stores Counter64s (one aligned store each, by a step
# that carries into the high word every 16 steps) and rewrites ifAlias
# (all "A"s / all "B"s, full length, between shm_writer_begin/end) as
# fast as it can.  Repeated walks through snmpd must show every
# Counter64 a multiple of the step (never torn), never lower than in the
# walk before, every ifAlias one of the two values (never torn), and
# every walk complete.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/reliability_lib.bash"

WRITER=$BUILD/tests/counterwriter
[ -x "$WRITER" ] || t_die "$WRITER was not built (make unit-build builds it)"
N=4 STEP=$((0x10000001))
A=$(printf 'A%.0s' $(seq 64)) B=$(printf 'B%.0s' $(seq 64))
COLS="$IFXMIB.1.1.1.6 $IFXMIB.1.1.1.7 $IFXMIB.1.1.1.10 $IFXMIB.1.1.1.18"

for i in $(seq $N); do echo "cw$i $i"; done >"$T/ifindex"
mkdir "$T/shm"
t_snmpd
t_bg writer "$WRITER" "$T/shm" $N 60
WPID=$!
t_wait 10 grep -q published "$T/writer.log" || t_die "counterwriter: $(cat "$T/writer.log")"
if_start interface "$T/shm" "$T/ifindex"
served() { [ "$(t_walk $IFXMIB.1.1.1.18 | grep -c STRING)" == $N ]; }
t_wait 15 served || t_die "shmib-interface does not serve (see $T/interface.log)"

declare -A prev first
walks=0 torn=0 backwards=0 badalias=0 incomplete=0 seen_a=0 seen_b=0
end=$((SECONDS + 10))
while [ $SECONDS -lt $end ]; do
	rel_walk $COLS >"$T/walk"
	walks=$((walks + 1))
	[ "$(grep -c -E 'Counter64|STRING' "$T/walk")" == $((4 * N)) ] || incomplete=$((incomplete + 1))
	while read -r oid _ type value; do
		case $type in
		Counter64:)
			[ $((value % STEP)) == 0 ] || { torn=$((torn + 1)); t_log "torn: $oid = $value"; }
			[ "${prev[$oid]:-0}" -le "$value" ] ||
				{ backwards=$((backwards + 1)); t_log "backwards: $oid ${prev[$oid]} -> $value"; }
			prev[$oid]=$value
			first[$oid]=${first[$oid]:-$value} ;;
		STRING:)
			case $value in
			"\"$A\"") seen_a=1 ;;
			"\"$B\"") seen_b=1 ;;
			*) badalias=$((badalias + 1)); t_log "torn: $oid = $value" ;;
			esac ;;
		esac
	done <"$T/walk"
done
kill -0 $WPID
t_check "the writer ran all along" 0 $?
t_log "$walks walks"
t_check "every walk complete" 0 "$incomplete"
t_check "no torn Counter64" 0 "$torn"
t_check "no Counter64 going backwards" 0 "$backwards"
t_check "no torn ifAlias" 0 "$badalias"
t_check "both ifAlias values seen" "1 1" "$seen_a $seen_b"
oid=$IFXMIB.1.1.1.6.$N
[ "${prev[$oid]}" -gt "${first[$oid]}" ]
t_check "the counters moved during the walks" 0 $?
t_stop $WPID
rel_clean interface "$IF_AGENT"
t_done
