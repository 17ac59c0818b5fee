#!/usr/bin/env bash
# shmib-dump on malformed segments: every bad index of the corpus in
# tests/data/shm, data files of the wrong size or over 1 MB, symlinks,
# a FIFO and a directory in place of segment files, and objects too
# short for their type.  Each gets its "FILE[:LINE]: what" on stderr and exit status 1,
# and the good segment named after it is still printed.
. "$(dirname "$0")/../lib.sh"

DUMP=$BIN/shmib-dump
DATA=$TOP/tests/data/shm
[ -x "$DUMP" ] || t_die "$DUMP not built"
S=$T/shm
mkdir -p "$S"
printf 'MIB:1\nifMtu:4\n' >"$S/good.index"
printf '\xdc\x05\x00\x00' >"$S/good"

# dump_bad NAME EXPECTED-STDERR: dumps NAME and the good segment.
dump_bad() {
	local out err rc
	out=$(timeout 10 "$DUMP" "$S/$1" "$S/good" 2>"$T/err")
	rc=$?
	err=$(cat "$T/err")
	t_check "$1: exit status" 1 "$rc"
	t_check "$1: error" "$2" "$err"
	t_check "$1: the next segment is still dumped" "ifMtu	Integer32	1500" "$out"
}

while IFS=$'\t' read -r file msg; do
	cp "$DATA/$file" "$S/seg.index"
	printf '1234' >"$S/seg"
	dump_bad seg "shmib-dump: $S/seg.index:$msg"
done <"$DATA/expected-errors"

printf 'MIB:1\nifMtu:4\nifHCInOctets:8\n' >"$S/short.index"
printf '1234' >"$S/short"
dump_bad short "shmib-dump: $S/short: data file has 4 bytes, $S/short.index says 12"
# Valid, but more than a reader maps (SHM_DATA_MAX, 1 MB): 17 objects
# of 65537 bytes, a sparse data file.
{ echo MIB:1; for i in $(seq 17); do echo "_X_blob$i:65537"; done; } >"$S/big.index"
truncate -s $((17 * 65537)) "$S/big"
dump_bad big "shmib-dump: $S/big.index: data of $((17 * 65537)) bytes, more than the 1048576 a reader maps"
cp "$S/short.index" "$S/long.index"
printf '1234567890123' >"$S/long"
dump_bad long "shmib-dump: $S/long: data file has 13 bytes, $S/long.index says 12"
: >"$S/empty.index"
: >"$S/empty"
dump_bad empty "shmib-dump: $S/empty.index:1: empty index (expected header \"MIB:1\")"
dump_bad missing "shmib-dump: $S/missing.index: No such file or directory"

ln -s good.index "$S/link.index"
cp "$S/good" "$S/link"
dump_bad link "shmib-dump: $S/link.index: is a symbolic link"
cp "$S/good.index" "$S/link2.index"
ln -s good "$S/link2"
dump_bad link2 "shmib-dump: $S/link2: is a symbolic link"
mkfifo "$S/fifo.index"
cp "$S/good" "$S/fifo"
dump_bad fifo "shmib-dump: $S/fifo.index: not a regular file"
cp "$S/good.index" "$S/dir.index"
mkdir "$S/dir"
dump_bad dir "shmib-dump: $S/dir: not a regular file"

# Known objects whose size does not fit their type: shown raw.
printf 'MIB:1\nifMtu:8\nifHCInOctets:4\nifDescr:1\n' >"$S/sizes.index"
printf '\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d' >"$S/sizes"
out=$("$DUMP" "$S/sizes" 2>"$T/err"); rc=$?
t_check "wrong sizes: exit status" 1 "$rc"
t_check "wrong sizes: shown raw" \
	"$(printf 'ifMtu\traw\t0x0102030405060708\nifHCInOctets\traw\t0x090a0b0c\nifDescr\traw\t0x0d')" "$out"
t_check "wrong sizes: one line each on stderr" \
	"shmib-dump: $S/sizes: ifMtu has 8 bytes, too many for Integer32: shown raw
shmib-dump: $S/sizes: ifHCInOctets has 4 bytes, too few for Counter64: shown raw
shmib-dump: $S/sizes: ifDescr has 1 bytes, too few for OctetStr: shown raw" "$(cat "$T/err")"

"$DUMP" >/dev/null 2>&1
t_check "no arguments: usage error" 2 "$?"
t_done
