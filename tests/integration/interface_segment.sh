#!/usr/bin/env bash
# Hand-built segments for the interface tests: seg_write writes a
# segment in Snabb's plain layout (no padding, no seqlock) with exactly
# the objects and sizes given, so tests can build what shmib-fakeseg
# never writes (8-byte Counter32, odd auxiliaries, broken indexes).
# wait_for polls for a value.  Sourced by the interface_*.sh tests; run on its own it checks that
# shmib-dump reads back what seg_write wrote.
#
#   seg_write DIR NAME OBJECT:KIND:VALUE...
#   KIND: u32 | i32 | u64 (host order, little-endian here) | str<N>
#   (OctetStr of maximum length N)

# VALUE as N little-endian bytes, as printf escapes.
seg_le() {
	local n=$1 v=$2 i out=
	for ((i = 0; i < n; i++)); do
		out+=$(printf '\\x%02x' $(((v >> (8 * i)) & 255)))
	done
	printf '%s' "$out"
}

seg_write() {
	local dir=$1 name=$2 spec obj kind val len idx data
	shift 2
	mkdir -p "$dir"
	idx="MIB:1"$'\n'
	: >"$dir/.$name.tmp"
	for spec in "$@"; do
		obj=${spec%%:*} spec=${spec#*:}
		kind=${spec%%:*} val=${spec#*:}
		case $kind in
		u32 | i32) len=4; printf "$(seg_le 4 "$val")" ;;
		u64) len=8; printf "$(seg_le 8 "$val")" ;;
		str*)
			len=$((${kind#str} + 2))
			printf "$(seg_le 2 ${#val})"
			printf '%s' "$val"
			head -c $((len - 2 - ${#val})) /dev/zero ;;
		esac >>"$dir/.$name.tmp"
		idx+="$obj:$len"$'\n'
	done
	printf '%s' "$idx" >"$dir/.$name.index.tmp"
	mv "$dir/.$name.tmp" "$dir/$name"
	mv "$dir/.$name.index.tmp" "$dir/$name.index"
}

# wait_for WANT CMD...: runs CMD every 0.1 s until it prints WANT
# (at most 15 s); returns whether it did.
wait_for() {
	local want=$1 end=$((SECONDS + 15))
	shift
	until [ "$("$@" 2>&1)" == "$want" ]; do
		[ $SECONDS -le $end ] || return 1
		sleep 0.1
	done
}

[ "${BASH_SOURCE[0]}" != "$0" ] && return 0

. "$(dirname "$0")/../lib.sh"
seg_write "$T/shm" s1 ifDescr:str8:eth0 ifHCInOctets:u64:4294967301 ifType:i32:-3 ifMtu:u32:1500
out=$("$BIN/shmib-dump" "$T/shm/s1")
t_check "seg_write: string" "eth0" "$(awk -F'\t' '$1 == "ifDescr" { print $3 }' <<<"$out")"
t_check "seg_write: 8 bytes" "4294967301" "$(awk -F'\t' '$1 == "ifHCInOctets" { print $3 }' <<<"$out")"
t_check "seg_write: negative" "-3" "$(awk -F'\t' '$1 == "ifType" { print $3 }' <<<"$out")"
t_check "seg_write: index" "MIB:1 ifDescr:10 ifHCInOctets:8 ifType:4 ifMtu:4" "$(tr '\n' ' ' <"$T/shm/s1.index" | sed 's/ $//')"
t_done
