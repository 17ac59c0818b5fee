#!/usr/bin/env bash
# Dataplane restarts: every segment disappears and comes back as new
# files (new inodes).  The rows go away with the segments and come back
# under the same indices: ifIndex for shmib-dataplane's own segments (on
# net_null ports, config/examples/virtual.conf) served by
# shmib-interface, pwIndex and vplsIndex for shmib-fakeseg's pseudowire
# and VPLS segments served by shmib-pseudowire.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/dataplane_lib.bash"
. "$(dirname "$0")/pseudowire_lib.bash"
. "$(dirname "$0")/reliability_lib.bash"

SHM=$T/shm PWSHM=$T/pwshm
IFCOLS="$IFMIB.2.1.1 $IFMIB.2.1.2 $IFXMIB.1.1.1.1 $IFXMIB.1.1.1.18"
PWCOLS="$PWMIB.1.2.1.32 $VPLSMIB.1.2.1.2 $VPLSMIB.1.4.1.2"
# The virtual ports get indices that are not their order.
printf 'net_null0 17\nnet_null1 4\n' >"$T/ifindex"
pwsegs() { "$BIN/shmib-fakeseg" --dir "$PWSHM" --vpls 2 --pseudowires 2 >/dev/null || t_die "fakeseg"; }
served() { t_get "$1" >/dev/null 2>&1 && ! t_value "$1" | grep -q 'No Such'; }
same() { rel_walk "${@:2}" | cmp -s "$1" -; }
inode() { stat -c %i "$1"; }
rows() { rel_walk "$@" | grep -v -c -E 'No Such|No more'; }
no_rows() { [ "$(rows "$@")" == 0 ]; }

t_snmpd
dp_start dp1 "$TOP/config/examples/virtual.conf"
pwsegs
if_start interface "$SHM" "$T/ifindex"
pw_start --shmem-dir "$PWSHM" --vpls-ids "$PWSHM.vpls-ids" \
	--pseudowire-ids "$PWSHM.pseudowire-ids" --state-file "$T/pw.state"
t_wait 15 served $IFMIB.2.1.2.17 || t_die "shmib-interface does not serve (see $T/interface.log)"
t_wait 15 served $PWMIB.1.2.1.32.4 || t_die "shmib-pseudowire does not serve (see $T/pseudowire.log)"
rel_walk $IFCOLS >"$T/if.ref"
rel_walk $PWCOLS >"$T/pw.ref"
t_check "ifDescr by ifIndex" "$IFMIB.2.1.2.4 = STRING: \"net_null1\"
$IFMIB.2.1.2.17 = STRING: \"net_null0\"" "$(grep "^$IFMIB\.2\.1\.2\." "$T/if.ref")"
t_check "4 pwTable rows" 4 "$(grep -c "^$PWMIB\.1\.2\.1\.32\." "$T/pw.ref")"

for round in 1 2; do
	# Old files stay linked here, so the new ones cannot reuse their inodes.
	mkdir "$T/old$round"
	ln "$SHM/null0" "$T/old$round/null0" && ln "$PWSHM/pw1_1" "$T/old$round/pw1_1" || t_die "ln"
	dp_stop
	t_check "round $round: dataplane exit status" 0 "$DP_STATUS"
	rm -f "$PWSHM"/*
	t_wait 10 no_rows $IFCOLS || t_fail "round $round: interface rows stay without segments"
	t_wait 10 no_rows $PWMIB.1.2.1.32 || t_fail "round $round: pseudowire rows stay without segments"

	dp_start dp$((round + 1)) "$TOP/config/examples/virtual.conf"
	pwsegs
	t_wait 15 same "$T/if.ref" $IFCOLS
	t_wait 15 same "$T/pw.ref" $PWCOLS
	[ "$(inode "$SHM/null0")" != "$(inode "$T/old$round/null0")" ] &&
		[ "$(inode "$PWSHM/pw1_1")" != "$(inode "$T/old$round/pw1_1")" ]
	t_check "round $round: segments are new files" 0 $?
	t_check "round $round: same ifIndex for each interface" "" "$(rel_walk $IFCOLS | diff "$T/if.ref" - | head -5)"
	t_check "round $round: same pwIndex and vplsIndex for each name" "" "$(rel_walk $PWCOLS | diff "$T/pw.ref" - | head -5)"
done
dp_stop
rel_clean interface "$IF_AGENT"
rel_clean pseudowire "$AGENT"
t_done
