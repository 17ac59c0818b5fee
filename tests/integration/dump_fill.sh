#!/usr/bin/env bash
# shmib-dump prints a VPLS's MAC table fill level (the auxiliaries
# _X_vplsFwdEntries and _X_vplsFwdCapacity) as numbers of the type the
# VPLS profile gives them (Unsigned32), as text and as JSON: in
# shmib-fakeseg's segments, and in a hand-built one with the fill at
# odd offsets.  One of the wrong size is shown raw, with a message
# naming it, and exit status 1.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/interface_segment.sh"

DUMP=$BIN/shmib-dump
[ -x "$DUMP" ] || t_die "$DUMP not built"
[ -x "$BIN/shmib-fakeseg" ] || t_die "$BIN/shmib-fakeseg not built"
[ "$(printf '\x01\x00' | od -An -tu2 | tr -d ' ')" = 1 ] ||
	t_skip "seg_write's bytes are little-endian; this host is not"

S=$T/shm
"$BIN/shmib-fakeseg" --dir "$S" --vpls 2 --pseudowires 1 2>/dev/null ||
	t_die "shmib-fakeseg failed"
t_check "text: the fill level of vpls2, typed" "$(printf '%s\n' \
	"_X_vplsFwdEntries	Unsigned32	2" "_X_vplsFwdCapacity	Unsigned32	4096")" \
	"$("$DUMP" "$S/vpls2" | grep '^_X_vplsFwd')"
t_check "JSON: numbers" '{"_X_vplsFwdCapacity":4096,"_X_vplsFwdEntries":2}' \
	"$("$DUMP" --json "$S/vpls2" | jq -S -c '.objects | with_entries(select(.key | startswith("_X_vplsFwd")))')"

# Snabb's plain layout, the fill at offsets 10 and 14.
seg_write "$S" plain vplsConfigName:str8:plain _X_vplsFwdEntries:u32:4000000000 \
	_X_vplsFwdCapacity:u32:4294967295
out=$("$DUMP" "$S/plain")
t_check "odd offsets: exit status" 0 "$?"
t_check "odd offsets: text" "$(printf '%s\n' "vplsConfigName	OctetStr	plain" \
	"_X_vplsFwdEntries	Unsigned32	4000000000" "_X_vplsFwdCapacity	Unsigned32	4294967295")" "$out"
t_check "odd offsets: JSON" '{"_X_vplsFwdCapacity":4294967295,"_X_vplsFwdEntries":4000000000,"vplsConfigName":"plain"}' \
	"$("$DUMP" --json "$S/plain" | jq -S -c .objects)"

# The wrong size: raw, said on stderr.
seg_write "$S" wide vplsConfigName:str8:wide _X_vplsFwdEntries:u64:7 _X_vplsFwdCapacity:u32:16
out=$("$DUMP" "$S/wide" 2>"$T/err")
t_check "8-byte entries: exit status 1" 1 "$?"
t_check "8-byte entries: the message" \
	"shmib-dump: $S/wide: _X_vplsFwdEntries has 8 bytes, too many for Unsigned32: shown raw" \
	"$(cat "$T/err")"
t_check "8-byte entries: raw, the capacity still a number" "$(printf '%s\n' \
	"_X_vplsFwdEntries	raw	0x0700000000000000" "_X_vplsFwdCapacity	Unsigned32	16")" \
	"$(grep '^_X_vplsFwd' <<<"$out")"
t_done
