#!/usr/bin/env bash
# shmib-fakeseg writes 10,000 interface segments and their ifindex map;
# shmib-dump --json reads every one back.  All values are checked
# against the formulas of shmib-fakeseg --help, and the map against
# the ifDescr of each segment.
. "$(dirname "$0")/../lib.sh"

FAKE=$BIN/shmib-fakeseg
DUMP=$BIN/shmib-dump
N=10000
NOW=1700000000
S=$T/shmem

start=$SECONDS
"$FAKE" --dir "$S" --interfaces $N --time $NOW 2>"$T/fakeseg.err"
t_check "fakeseg exit status" 0 "$?"
t_log "fakeseg: $N segments in $((SECONDS - start)) s"
t_check "progress lines" 5 "$(grep -c 'interface segments' "$T/fakeseg.err")"
t_check "segment files" $((2 * N)) "$(find "$S" -type f | wc -l)"
t_check "map lines" $N "$(wc -l <"$S.ifindex")"

args=()
for ((i = 1; i <= N; i++)); do args+=("$S/if$i"); done
"$DUMP" --json "${args[@]}" >"$T/dump.json"
t_check "dump exit status" 0 "$?"
t_check "one JSON object per segment" $N "$(jq -c .segment "$T/dump.json" | wc -l)"

# Every counter of every segment against its formula.
bad=$(jq -c --argjson now $NOW '
	(.segment | ltrimstr("if") | tonumber) as $i | .objects as $o |
	select(
		$o.ifHCInOctets != $i * 1000000007 or
		$o.ifInOctets != ($i * 1000000007) % 4294967296 or
		$o.ifHCOutOctets != $i * 2000000011 or
		$o.ifOutOctets != ($i * 2000000011) % 4294967296 or
		$o.ifHCInUcastPkts != $i * 1000003 or
		$o.ifHCOutUcastPkts != $i * 2000003 or
		$o.ifInMulticastPkts != $i * 1009 or
		$o.ifOutBroadcastPkts != $i * 211 or
		$o.ifInDiscards != $i * 3 or $o.ifOutErrors != $i * 13 or
		$o.ifName != "if\($i)" or $o.ifAlias != "fake interface \($i)" or
		$o._X_ifLastChange_TicksBase != $now or
		$o._X_ifCounterDiscontinuityTime_TimeAbs != $now or
		$o.ifType != 6 or $o.ifOperStatus != 1 or $o.ifHighSpeed != 10000)
	| .segment' "$T/dump.json" | head -5)
t_check "segments whose values break the formulas" "" "$bad"

# The map is "<ifDescr> <i>" with ifDescr taken from each segment.
jq -r '"\(.objects.ifDescr) \(.segment | ltrimstr("if"))"' "$T/dump.json" |
	sort >"$T/from-dump"
t_check "map matches the segments' ifDescr" "" "$(sort "$S.ifindex" | diff - "$T/from-dump" | head -3)"
t_check "ifDescr are distinct" $N "$(cut -d' ' -f1 "$S.ifindex" | sort -u | wc -l)"

# A few segments against the formula computed here, not by jq.
for i in 1 8 255 256 4097 9999 10000; do
	descr=$(printf '0000:%02x:%02x.%x' $((i >> 8)) $(((i >> 3) & 31)) $((i & 7)))
	mac=$(printf '0x02000000%04x' $i)
	t_check "if$i" "$descr $((i * 1000000007)) $(((i * 1000000007) & 0xffffffff)) $mac" \
		"$("$DUMP" "$S/if$i" | awk -F'\t' '
			$1 == "ifDescr" { d = $3 } $1 == "ifHCInOctets" { h = $3 }
			$1 == "ifInOctets" { l = $3 } $1 == "ifPhysAddress" { m = $3 }
			END { print d, h, l, m }')"
done
t_done
