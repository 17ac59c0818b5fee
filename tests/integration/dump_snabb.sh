#!/usr/bin/env bash
# A segment in Snabb's plain layout (no seqlock, no padding, counters at
# odd offsets), written here byte by byte with printf, is dumped with
# the right types and values, as text and as JSON.
. "$(dirname "$0")/../lib.sh"

DUMP=$BIN/shmib-dump
[ -x "$DUMP" ] || t_die "$DUMP not built"
[ "$(printf '\x01\x00' | od -An -tu2 | tr -d ' ')" = 1 ] ||
	t_skip "the bytes below are little-endian; this host is not"

S=$T/shmem
mkdir -p "$S"
cat >"$S/0000:01:00.0.index" <<'EOI'
MIB:1
ifDescr:14
ifType:4
ifHCInOctets:8
ifInOctets:4
ifMtu:4
ifAlias:6
ifPhysAddress:8
pwLocalStatus:18
_X_ifLastChange_TicksBase:8
_X_custom:3
ifName:10
EOI
{
	printf '\x0c\x000000:01:00.0'                      # ifDescr, 12 of 12
	printf '\x06\x00\x00\x00'                          # ifType 6
	printf '\xcb\x04\xfb\x71\x1f\x01\x00\x00'          # 1234567890123 at offset 18
	printf '\xff\xff\xff\xff'                          # ifInOctets 2^32-1
	printf '\xff\xff\xff\xff'                          # ifMtu -1
	printf '\x03\x00\x01\x02\xff\x00'                  # ifAlias: 3 binary bytes
	printf '\x06\x00\x02\x00\x00\x00\x00\x01'          # MAC
	printf '\x01\x00\xc0'; printf '\x00%.0s' {1..15}   # Bits: 1 byte
	printf '\x00\xf1\x53\x65\x00\x00\x00\x00'          # 1700000000
	printf '\xde\xad\xbe'                              # unknown: raw
	printf '\x08\x00p\xc3\xa9r "1"'                    # UTF-8 with quotes
} >"$S/0000:01:00.0"

out=$("$DUMP" "$S/0000:01:00.0")
t_check "exit status" 0 "$?"
t_check "text dump" "$(cat <<'EOX'
ifDescr	OctetStr	0000:01:00.0
ifType	Integer32	6
ifHCInOctets	Counter64	1234567890123
ifInOctets	Counter32	4294967295
ifMtu	Integer32	-1
ifAlias	OctetStr	0x0102ff
ifPhysAddress	OctetStr	0x020000000001
pwLocalStatus	Bits	0xc0
_X_ifLastChange_TicksBase	Counter64	1700000000
_X_custom	raw	0xdeadbe
ifName	OctetStr	pér "1"
EOX
)" "$out"

json=$("$DUMP" --json "$S/0000:01:00.0.index")
t_check "one JSON line" 1 "$(wc -l <<<"$json")"
t_check "JSON dump" \
	'{"objects":{"_X_custom":"0xdeadbe","_X_ifLastChange_TicksBase":1700000000,"ifAlias":"0x0102ff","ifDescr":"0000:01:00.0","ifHCInOctets":1234567890123,"ifInOctets":4294967295,"ifMtu":-1,"ifName":"pér \"1\"","ifPhysAddress":"0x020000000001","ifType":6,"pwLocalStatus":"0xc0"},"segment":"0000:01:00.0"}' \
	"$(jq -S -c . <<<"$json")"
t_done
