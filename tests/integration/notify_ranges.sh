#!/usr/bin/env bash
# Pseudowires that change together go as one notification for their
# range, every time: segments of shmib's writer signal each change
# (the data file's mtime, inotify IN_ATTRIB) one segment after the
# other, as the dataplane's publish does, and the signals may reach
# the agent in separate reads.  Here the two status changes are
# signalled 20 ms apart, five times down and up: always one pwDown
# (cpwVcDown) for pwIndex 1..2 and one pwUp (cpwVcUp), never one per
# pseudowire.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/interface_segment.sh"     # seg_le
. "$(dirname "$0")/notify_lib.bash"
. "$(dirname "$0")/pseudowire_lib.bash"

PW=1.3.6.1.2.1.10.246.1.2.1.38 CPW=1.3.6.1.4.1.9.10.106.1.2.1.26
PW_DOWN=1.3.6.1.2.1.10.246.0.1 PW_UP=1.3.6.1.2.1.10.246.0.2
CPW_DOWN=1.3.6.1.4.1.9.10.106.2.1 CPW_UP=1.3.6.1.4.1.9.10.106.2.2
ALL="$PW_DOWN $PW_UP $CPW_DOWN $CPW_UP"
SHM=$T/shm

"$BIN/shmib-fakeseg" --dir "$SHM" --vpls 1 --pseudowires 3 >"$T/fakeseg.log" 2>&1 ||
	t_die "shmib-fakeseg failed"
trapd_start
t_snmpd
pw_start --shmem-dir "$SHM" --vpls-ids "$SHM.vpls-ids" --pseudowire-ids "$SHM.pseudowire-ids" \
	--state-file "$T/state"
served() { [ "$(t_value .$PW.3)" = 1 ]; }
t_wait 20 served || t_die "pwTable not served (see $T/pseudowire.log)"

# set STATUS SEG...: the two status objects of each segment, then the
# signals (utime(2), as the writer's futimens), 20 ms apart.
set_status() {
	local s=$1 seg; shift
	for seg in "$@"; do
		seg_poke "$SHM/$seg" pwOperStatus "$s"
		seg_poke "$SHM/$seg" cpwVcOperStatus "$s"
	done
	perl -e 'for (@ARGV) { select(undef, undef, undef, 0.02) if $n++;
		utime(undef, undef, $_) or die "$_: $!\n" }' "${@/#/$SHM/}"
}
line() { echo "$1 $2.1=$3 $2.2=$3"; }
want_down="$(line $PW_DOWN $PW 2)
$(line $CPW_DOWN $CPW 2)"
want_up="$(line $PW_UP $PW 1)
$(line $CPW_UP $CPW 1)"
seen=0
for round in 1 2 3 4 5; do
	for s in 2 1; do
		set_status $s pw1_1 pw1_2
		seen=$((seen + 2))
		t_wait 10 got $seen $ALL
		sleep 0.3       # room for a wrong, second notification
		want=$([ $s = 2 ] && echo "$want_down" || echo "$want_up")
		t_check "round $round, pseudowires 1 and 2 $([ $s = 2 ] && echo down || echo up): one notification of each module for the range" \
			"$(sort <<<"$want")" "$(traps $ALL | tail -n +$((seen - 1)) | sort)"
		[ "$(ntraps $ALL)" -eq $seen ] || seen=$(ntraps $ALL)
	done
done

stop
t_done
