# Frames and pcap files for the L2VPN integration tests (sourced, bash).
# Frames are hex strings, written field by field from the RFC layouts.

# le32 N: N as 4 little-endian bytes, hex.
le32() { printf '%02x%02x%02x%02x' $(($1 & 255)) $(($1 >> 8 & 255)) $(($1 >> 16 & 255)) $(($1 >> 24 & 255)); }

# pcap_write FILE FRAME...: a pcap file (Ethernet) holding the frames.
pcap_write() {
	local file=$1 hex f len; shift
	hex=d4c3b2a1020004000000000000000000ffff000001000000
	for f in "$@"; do
		len=$((${#f} / 2))
		hex+=$(le32 1)$(le32 0)$(le32 "$len")$(le32 "$len")$f
	done
	printf '%b' "$(sed 's/../\\x&/g' <<<"$hex")" >"$file"
}

# pcap_frames FILE: one line of hex a frame, in file order.
pcap_frames() {
	tcpdump -r "$1" -nn -xx 2>/dev/null | awk '
		/^[^\t ]/ { if (f != "") print f; f = ""; next }
		{ for (i = 2; i <= NF; i++) f = f $i }
		END { if (f != "") print f }'
}

# bytes N: N bytes 00 01 02 ... (mod 256), hex.
bytes() {
	local i b=()
	for ((i = 0; i < $1; i++)); do b+=($((i & 255))); done
	printf '%02x' "${b[@]}"
	echo
}

# eth DST SRC TYPE PAYLOAD: an Ethernet frame; MACs as 12 hex digits.
eth() { echo "$1$2$3$4"; }

# ip6 SRC DST NEXT PAYLOAD: IPv6, hop limit 64, addresses as 32 hex digits.
ip6() { printf '60000000%04x%s40%s%s%s' $((${#4} / 2)) "$3" "$1" "$2" "$4"; }

# gre KEY: GRE header (RFC 2890) with key, protocol 0x6558.
gre() { echo "20006558$1"; }

# l2tpv3 SESSION COOKIE: the L2TPv3 session header (RFC 3931).
l2tpv3() { echo "$1$2"; }

# mac_of SEGMENT: ifPhysAddress of an interface segment as 12 hex digits.
mac_of() {
	"$BIN/shmib-dump" --json "$1" | sed -n 's/.*"ifPhysAddress": *"0x\([0-9a-f]*\)".*/\1/p'
}

# dump_value SEGMENT OBJECT: the value shmib-dump prints.
dump_value() { "$BIN/shmib-dump" "$1" | awk -F'\t' -v o="$2" '$1 == o { print $3 }'; }

# value_is SEGMENT OBJECT VALUE: true when the object has that value
# now (for t_wait, which re-runs it).
value_is() { [ "$(dump_value "$1" "$2")" = "$3" ]; }

# ip4 SRC DST PROTO PAYLOAD: IPv4 (RFC 791), no options, DF, TTL 64,
# ID 0, header checksum computed; addresses as 8 hex digits.
ip4() {
	local h sum=0 i
	h=$(printf '4500%04x00004000%02x%s0000%s%s' $((20 + ${#4} / 2)) 64 "$3" "$1" "$2")
	for ((i = 0; i < 40; i += 4)); do sum=$((sum + 16#${h:i:4})); done
	while ((sum >> 16)); do sum=$(((sum & 0xffff) + (sum >> 16))); done
	printf '%s%04x%s%s\n' "${h:0:20}" $((~sum & 0xffff)) "${h:24}" "$4"
}
