#!/usr/bin/env bash
# The ifindex map parser and the dataplane's configuration parser
# survive a fixed number of fuzzed inputs each (libFuzzer, ASan, UBSan),
# starting from the seeds in tests/data/ifmap and tests/data/dpconf:
# every input is refused with a message naming the file, or parsed into
# something that obeys the format (the targets abort otherwise).
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

fuzz ifmap 200000 "$TOP/tests/data/ifmap"
fuzz config 10000 "$TOP/tests/data/dpconf"
t_done
