#!/usr/bin/env bash
# Prometheus scrape of LARGE interfaces (10,000; quick 100): the time
# shmib-exporter takes to answer GET /metrics, against Debian's
# prometheus-snmp-exporter with the shipped if_mib module walking the
# same segments through snmpd and shmib-interface, in the same run,
# scrapes taking turns.  Both must return the same number of
# ifHCInOctets series.  Also: shmib-exporter's CPU per scrape (its
# scheduler run time), its RSS after the scrapes and its peak.
# Figures are medians of BENCH_RUNS scrapes each.
source "$(dirname "$0")/subagent.bash"
sub_need
for b in shmib-exporter; do [ -x "$BIN/$b" ] || t_skip "$BIN/$b is not built yet"; done
command -v prometheus-snmp-exporter >/dev/null || t_skip "prometheus-snmp-exporter is not installed"
command -v curl >/dev/null || t_skip "curl is not installed"

N=$SIZE_L
sub_segments "$N"
sub_master snmp && sub_use snmp
sub_start_interface "$SEG_DIR" "$SEG_MAP" "$N"

SE_PORT=$(t_free_tcp_port)
t_bg snmp_exporter prometheus-snmp-exporter --config.file="$TOP/config/prometheus/snmp.yml" \
	--web.listen-address="127.0.0.1:$SE_PORT"
EX_PORT=$(t_free_tcp_port)
t_bg exporter "$BIN/shmib-exporter" -f --listen "127.0.0.1:$EX_PORT" \
	--shmem-dir "$SEG_DIR" --ifindex "$SEG_MAP" --kernel-interfaces no
EX_PID=$!
t_wait 20 curl -sf "http://127.0.0.1:$SE_PORT/metrics" || t_die "prometheus-snmp-exporter did not start"
t_wait 20 curl -sf -o /dev/null "http://127.0.0.1:$EX_PORT/metrics" || t_die "shmib-exporter did not start"

# CPU time of every thread of process $1 (HTTP runs in its own), µs.
cpu_us() { cat "/proc/$1"/task/*/schedstat | awk '{ s += $1 } END { printf "%d", s / 1000 }'; }

# scrape URL OUT: one scrape into OUT; US: its time from connect to
# the last byte as curl measures it (not curl's own start-up).
scrape() {
	local s
	s=$(curl -sf --max-time 900 -H 'X-Prometheus-Scrape-Timeout-Seconds: 900' \
		-w '%{time_total}' "$1" -o "$2") || t_die "scrape of $1 failed"
	US=$(awk -v s="$s" 'BEGIN { printf "%d", s * 1e6 }')
}
series() { grep -c '^ifHCInOctets{' "$1"; }

NATIVE=() SNMP=() CPU=()
for i in $(seq "$BENCH_RUNS"); do
	c0=$(cpu_us "$EX_PID")
	scrape "http://127.0.0.1:$EX_PORT/metrics" "$T/native.prom"
	CPU+=($(($(cpu_us "$EX_PID") - c0)))
	NATIVE+=("$US")
	bench_progress "shmib-exporter: $(series "$T/native.prom") interfaces in $(bench_calc "$US / 1e6") s"
	scrape "http://127.0.0.1:$SE_PORT/snmp?module=if_mib&target=127.0.0.1:$SNMP_PORT" "$T/snmp.prom"
	SNMP+=("$US")
	bench_progress "snmp_exporter if_mib: $(series "$T/snmp.prom") interfaces in $(bench_calc "$US / 1e6") s"
done
[ "$(series "$T/native.prom")" = "$N" ] && [ "$(series "$T/snmp.prom")" = "$N" ] ||
	t_die "not $N ifHCInOctets series in both scrapes"

native=$(bench_median "${NATIVE[@]}") snmp=$(bench_median "${SNMP[@]}")
bench_line "Prometheus scrape of $N interfaces, shmib-exporter (s)" "$(bench_calc "$native / 1e6")" \
	"snmp_exporter if_mib via snmpd + shmib-interface (s)" "$(bench_calc "$snmp / 1e6")" \
	"$(bench_ratio "$native" "$snmp")" "<= 0.01"
bench_line "shmib-exporter CPU per scrape of $N interfaces (ms)" \
	"$(bench_calc "$(bench_median "${CPU[@]}") / 1e3")" "its wall time (ms)" \
	"$(bench_calc "$native / 1e3")" "$(bench_ratio "$(bench_median "${CPU[@]}")" "$native")" "-"
bench_line "shmib-exporter RSS after the scrapes, $N interfaces (MB)" \
	"$(bench_calc "$(bench_rss_kb "$EX_PID") / 1024")" "its peak (MB)" \
	"$(bench_calc "$(bench_rss_peak_kb "$EX_PID") / 1024")" \
	"$(bench_ratio "$(bench_rss_kb "$EX_PID")" "$(bench_rss_peak_kb "$EX_PID")")" \
	"$(bench_rss_split "$EX_PID"); body $(bench_calc "$(stat -c %s "$T/native.prom") / 1048576") MB"
