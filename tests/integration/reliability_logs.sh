#!/usr/bin/env bash
# What comes from files is logged escaped, one line each: a segment
# file name with a newline forges no log line, an ifDescr with ESC and
# a newline and a bad ifindex-map line with terminal escapes reach the
# log as C escapes, never raw.  A segment republished atomically (data
# renamed first, index last, as shm.h prescribes) under the agent's
# scans is never a warning: a segment that went away between listing
# and opening logs nothing.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/reliability_lib.bash"
. "$(dirname "$0")/interface_segment.sh"

IFDESCR=$IFMIB.2.1.2
SHM=$T/shm
"$BIN/shmib-fakeseg" --dir "$SHM" --interfaces 100 --ifindex "$T/ifindex" >/dev/null || t_die "fakeseg"
t_snmpd
if_start interface "$SHM" "$T/ifindex"
LOG=$T/interface.log
t_wait 30 sh -c "[ \"\$(snmpget -v2c -c public -Oqv 127.0.0.1:$SNMP_PORT .1.3.6.1.2.1.2.1.0)\" = 100 ]" ||
	t_die "shmib-interface does not serve (see $LOG)"

# Republished again and again while the agent rescans at each burst.
for _ in $(seq 40); do
	"$BIN/shmib-fakeseg" --dir "$SHM" --interfaces 100 --ifindex "$T/ifindex" >/dev/null
done
sleep 1
t_check "atomic republishes under scans: no segment skipped" 0 \
	"$(grep -a -c 'skipping\|No such file' "$LOG")"

cp "$SHM/if1" "$SHM/evil"$'\n'"FORGED LINE"
cp "$SHM/if1.index" "$SHM/evil"$'\n'"FORGED LINE.index"
seg_write "$SHM" esc ifDescr:str32:$'esc\e[31mred\nX' ifType:i32:6
printf '0000:00:00.1 1\n0000:00:00.9 9\e]0;title\a\n' >"$T/ifindex.new"
mv "$T/ifindex.new" "$T/ifindex"
t_wait 10 grep -q 'keeping the previous map' "$LOG"
t_wait 10 grep -q 'segment esc' "$LOG"
t_check "no forged line" 0 "$(grep -a -c '^FORGED' "$LOG")"
t_match "the file name, escaped" 'skipping segment evil\\nFORGED LINE: .*bad segment name' \
	"$(grep -a 'evil' "$LOG")"
t_check "no raw ESC or BEL in the log" 0 "$(grep -a -c $'[\e\a]' "$LOG")"
t_match "the ifDescr, escaped" "segment esc: ifDescr 'esc\\\\033\\[31mred\\\\nX' is not in the ifindex map" \
	"$(grep -a 'segment esc' "$LOG")"
t_match "the map line, escaped" "ifindex:2: ifIndex '9\\\\033\\]0;title\\\\a' is not in" \
	"$(grep -a 'keeping the previous map' "$LOG")"
rel_clean interface "$IF_AGENT"
t_done
