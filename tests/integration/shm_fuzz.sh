#!/usr/bin/env bash
# The index parser survives a fixed number of fuzzed inputs (libFuzzer,
# ASan, UBSan), starting from the corpus in tests/data/shm.  The fuzz
# target itself aborts on any result that breaks the format's rules.
. "$(dirname "$0")/../lib.sh"

FUZZER=$BUILD/fuzz/fuzz-index
command -v clang >/dev/null || t_skip "clang is not installed (no libFuzzer)"
[ -x "$FUZZER" ] || t_die "$FUZZER was not built (make unit-build builds it when clang is there)"

mkdir -p "$T/corpus"
"$FUZZER" -runs=50000 -seed=1 -max_len=8192 -rss_limit_mb=1024 \
	"$T/corpus" "$TOP/tests/data/shm" >"$T/fuzz.log" 2>&1
rc=$?
tail -3 "$T/fuzz.log"
t_check "50000 fuzzed indexes, no crash, leak or rule broken" 0 "$rc"
t_match "the run reached its end" "Done 50000 runs" "$(grep -a 'Done' "$T/fuzz.log")"
t_done
