#!/usr/bin/env bash
# The ifindex map parser, the dataplane's configuration parser and the
# agents' value conversions survive a fixed number of fuzzed inputs
# each (libFuzzer, ASan, UBSan), starting from the seeds in
# tests/data/ifmap and tests/data/dpconf and those made below: every
# input is refused with a message naming the file, or parsed into
# something that obeys the format, every value read lies in its SMI
# range (the targets abort otherwise).
. "$(dirname "$0")/../lib.sh"

command -v clang >/dev/null || t_skip "clang is not installed (no libFuzzer)"

# fuzz NAME RUNS SEEDS: runs $BUILD/fuzz/fuzz-NAME RUNS times.
fuzz() {
	local fuzzer=$BUILD/fuzz/fuzz-$1
	[ -x "$fuzzer" ] || { t_fail "$fuzzer was not built (make unit-build builds it when clang is there)"; return; }
	mkdir -p "$T/corpus-$1"
	"$fuzzer" -runs="$2" -seed=1 -max_len=4096 -rss_limit_mb=1024 \
		"$T/corpus-$1" "$3" >"$T/fuzz-$1.log" 2>&1
	local rc=$?
	tail -2 "$T/fuzz-$1.log"
	t_check "$1: $2 fuzzed inputs, no crash, leak or rule broken" 0 "$rc"
	t_match "$1: the run reached its end" "Done $2 runs" "$(grep -a 'Done' "$T/fuzz-$1.log")"
}

# Seeds of the value conversions (tests/fuzz/fuzz_values.c lays the
# segment out): zeros, all ones, and 2^63-1 in the TimeAbs of
# ifCounterDiscontinuityTime (bytes 68..75), which once overflowed.
mkdir -p "$T/seeds-values"
head -c 100 /dev/zero >"$T/seeds-values/zeros"
head -c 100 /dev/zero | tr '\0' '\377' >"$T/seeds-values/ones"
{ head -c 68 /dev/zero; printf '\377\377\377\377\377\377\377\177'; head -c 24 /dev/zero; } \
	>"$T/seeds-values/timeabs-max"

fuzz ifmap 200000 "$TOP/tests/data/ifmap"
fuzz values 20000 "$T/seeds-values"
fuzz config 10000 "$TOP/tests/data/dpconf"
t_done
