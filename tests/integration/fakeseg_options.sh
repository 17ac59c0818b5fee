#!/usr/bin/env bash
# shmib-fakeseg's other modes: VPLS and pseudowire segments with their
# id files, Snabb's plain layout (--snabb) carrying the same values,
# explicit file names, and bad command lines refused with a message.
. "$(dirname "$0")/../lib.sh"

FAKE=$BIN/shmib-fakeseg
DUMP=$BIN/shmib-dump
NOW=1600000000

# VPLS: 3 instances with 4 pseudowires each, ports on 5 interfaces.
S=$T/l2vpn
"$FAKE" --dir "$S" --interfaces 5 --vpls 3 --pseudowires 4 --time $NOW 2>/dev/null
t_check "exit status" 0 "$?"
t_check "vpls-ids" "vpls1 vpls2 vpls3" "$(echo $(cat "$S.vpls-ids"))"
t_check "pseudowire-ids" 12 "$(wc -l <"$S.pseudowire-ids")"
t_check "pseudowire-ids order" "pw1_1 pw1_4 pw2_1 pw3_4" \
	"$(sed -n '1p;4p;5p;12p' "$S.pseudowire-ids" | tr '\n' ' ' | sed 's/ $//')"
segs=()
for f in "$S"/vpls* "$S"/pw*; do [[ $f == *.index ]] || segs+=("$f"); done
t_check "VPLS and pseudowire segments" 15 "${#segs[@]}"
"$DUMP" --json "${segs[@]}" >"$T/l2vpn.json"
t_check "dump exit status" 0 "$?"
t_check "pwPerfTotalErrorPackets sum (1..12)" 78 \
	"$(jq -s '[.[].objects.pwPerfTotalErrorPackets // empty] | add' "$T/l2vpn.json")"
t_check "pw2_3: k = 7" "7 7 pw2_3 vpls2 0x20010db8000000000000000000020003 7000000049" \
	"$(jq -r 'select(.segment == "pw2_3") | .objects |
		"\(.pwID) \(.cpwVcID) \(.pwName) \(._X_vplsName) \(.pwPeerAddr) \(.cpwVcPerfTotalInHCBytes)"' "$T/l2vpn.json")"
t_check "pw2_3: pwPsnType, cpwVcPsnType other(6), as Snabb's writer has them" "6 6" \
	"$(jq -r 'select(.segment == "pw2_3") | .objects | "\(.pwPsnType) \(.cpwVcPsnType)"' "$T/l2vpn.json")"
t_check "pw2_3: port is interface ((7-1) mod 5)+1 = 2" \
	"$(awk '$2 == 2 { print $1 }' "$S.ifindex")" \
	"$(jq -r 'select(.segment == "pw2_3") | .objects._X_pwEnetPortIfIndex' "$T/l2vpn.json")"
t_check "pw times" "$NOW $NOW $NOW" \
	"$(jq -r 'select(.segment == "pw1_1") | .objects |
		"\(._X_pwCreateTime_TimeAbs) \(._X_pwUpTime_TicksBase) \(._X_cpwVcCreateTime_TimeAbs)"' "$T/l2vpn.json")"
t_check "vpls2" "vpls2 4 4 2" \
	"$(jq -r 'select(.segment == "vpls2") | .objects |
		"\(.vplsConfigName) \(.vplsStatusPeerCount) \(.cvplsStatusPeerCount) \(.cvplsStatusNotifEnable)"' "$T/l2vpn.json")"

# Without interfaces, pseudowires have no port.
"$FAKE" --dir "$T/noport" --vpls 1 --pseudowires 1 2>/dev/null
t_check "no port" '""' "$("$DUMP" --json "$T/noport/pw1_1" | jq -c .objects._X_cpwVcEnetPortIfIndex)"

# --snabb: plain layout, same values.
"$FAKE" --dir "$T/padded" --interfaces 3 --vpls 1 --pseudowires 1 --time $NOW 2>/dev/null
"$FAKE" --snabb --dir "$T/plain" --interfaces 3 --vpls 1 --pseudowires 1 --time $NOW 2>/dev/null
t_check "plain index: no seqlock, no pads" "" "$(grep -h -E '^_X_(seqlock|pad)' "$T"/plain/*.index)"
t_match "padded index has them" "_X_seqlock" "$(cat "$T/padded/if1.index")"
# The MAC table fill level is shmib's writer's alone.
for seg in if1 if3 vpls1 pw1_1; do
	t_check "$seg: same values in both layouts" \
		"$("$DUMP" --json "$T/padded/$seg" |
			jq -S -c 'del(.objects._X_seqlock, .objects._X_vplsFwdEntries, .objects._X_vplsFwdCapacity)')" \
		"$("$DUMP" --json "$T/plain/$seg" | jq -S -c .)"
done
t_check "the fill level of vpls1: 1 of 4096" "1 4096" \
	"$("$DUMP" --json "$T/padded/vpls1" | jq -r '.objects._X_vplsFwdEntries, .objects._X_vplsFwdCapacity' | xargs)"

# Explicit file names.
"$FAKE" --dir "$T/x" --interfaces 2 --ifindex "$T/map" --vpls 1 --pseudowires 2 \
	--vpls-ids "$T/v" --pseudowire-ids "$T/p" 2>/dev/null
t_check "files where asked" "2 1 2" "$(echo $(wc -l <"$T/map") $(wc -l <"$T/v") $(wc -l <"$T/p"))"
t_check "no default files then" "" "$(ls "$T" | grep '^x\.')"
"$FAKE" --dir "$T/slash/" --interfaces 1 2>/dev/null
t_check "trailing slash: map beside the directory" "0000:00:00.1 1" "$(cat "$T/slash.ifindex")"

# Bad command lines.
bad() {
	local expect=$1; shift
	out=$("$FAKE" "$@" 2>&1)
	rc=$?
	t_check "$*: refused" 1 "$((rc != 0))"
	t_check "$*: message" "$expect" "$(head -1 <<<"$out")"
}
bad 'shmib-fakeseg: --dir is required (see --help)' --interfaces 3
bad 'shmib-fakeseg: --interfaces: "ten" is not a number in 0..65535' --dir "$T/b" --interfaces ten
bad 'shmib-fakeseg: --interfaces: "65536" is not a number in 0..65535' --dir "$T/b" --interfaces 65536
bad 'shmib-fakeseg: --interfaces: "-1" is not a number in 0..65535' --dir "$T/b" --interfaces -1
bad 'shmib-fakeseg: --vpls and --pseudowires go together' --dir "$T/b" --vpls 2
bad 'shmib-fakeseg: unexpected argument "extra" (see --help)' --dir "$T/b" extra
bad "shmib-fakeseg: $T/nodir/sub: No such file or directory" --dir "$T/nodir/sub" --interfaces 1
"$FAKE" --bogus >/dev/null 2>&1
t_check "unknown option: usage status" 2 "$?"
"$FAKE" --help | grep -q 'ifHCInOctets *i \* 1000000007'
t_check "--help documents the formulas" 0 "$?"
t_done
