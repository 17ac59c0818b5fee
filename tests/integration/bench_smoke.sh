#!/usr/bin/env bash
# The subagent and exporter benchmarks run end to end in quick mode (small sizes,
# one run each) and write a results table in which every line carries
# a numeric ratio.  Checks the harness, not the speed: no figure is
# compared with a limit here.
source "$(dirname "$0")/../lib.sh"

for b in shmib-interface shmib-fakeseg bench-agentx-floor bench-snmp-latency; do
	[ -x "$BIN/$b" ] || t_skip "$BIN/$b is not built yet"
done
[ "$(id -u)" -eq 0 ] || t_skip "the native snmpd peer needs a network namespace (root)"

BENCH_QUICK=1 BENCH_IDLE_SECONDS=2 "$TOP/bench/run" --out "$T/RESULTS.md" \
	"$TOP"/bench/subagent-*.sh "$TOP"/bench/exporter.sh >"$T/bench.log" 2>&1
rc=$?
t_check "bench/run exit status" 0 "$rc"
[ $rc -eq 0 ] || tail -20 "$T/bench.log"

results=$(cat "$T/RESULTS.md" 2>/dev/null)
t_match "machine description" "CPUs \(nproc\) \| [0-9]+ \|" "$results"
for s in subagent-walk subagent-latency subagent-rescan exporter; do
	t_match "section $s" "## $s" "$results"
done
# Result rows: "| what | figure | peer | peer figure | ratio | target |",
# the rows of the tables headed "| benchmark |".
rows=$(awk '/^\| benchmark / { t = 1; next } !/^\|/ { t = 0 } t && !/^\|---/' "$T/RESULTS.md")
count=$(grep -c . <<<"$rows")
t_check "at least 10 result rows" yes "$([ "$count" -ge 10 ] && echo yes || echo "$count")"
bad=$(awk -F' \\| ' '$5 !~ /^[0-9]+(\.[0-9]+)?$/' <<<"$rows")
t_check "every row has a numeric ratio" "" "$bad"
t_match "floor at mid size" "bulkwalk ifTable\+ifXTable, 50 interfaces .* AgentX floor" "$results"
t_match "native peer" "snmpd native" "$results"
t_match "RSS line" "RSS of shmib-interface" "$results"
t_match "idle CPU line" "idle CPU over 2 s" "$results"
t_match "latency lines" "GETNEXT latency, 100 vs 20 interfaces" "$results"
t_done
