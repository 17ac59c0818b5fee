#!/usr/bin/env bash
# A real Prometheus server (Debian's prometheus: 127.0.0.1, a free port,
# its database in the test directory, scrape interval 1 s) scrapes
# shmib-exporter; the test reads counters back through Prometheus's
# query API, under snmp_exporter's series names and labels (and a
# VPLS's MAC table fill level under the exporter's own), and sees
# the scrapes succeed (up 1) in the format Prometheus negotiates
# (OpenMetrics).
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/exporter_lib.bash"

command -v prometheus >/dev/null || t_skip "prometheus is not installed"

"$BIN/shmib-fakeseg" --dir "$T/shm" --interfaces 3 --vpls 2 --pseudowires 1 \
	>"$T/fakeseg.log" 2>&1 || t_die "shmib-fakeseg failed"
printf 'vpls 5 vpls1\nvpls 6 vpls2\n' >"$T/state"
exporter_start --vpls-ids "$T/shm.vpls-ids" --pseudowire-ids "$T/shm.pseudowire-ids" \
	--state-file "$T/state"

PROM_PORT=$(t_free_tcp_port)
cat >"$T/prometheus.yml" <<EOC
global:
  scrape_interval: 1s
  scrape_timeout: 1s
scrape_configs:
  - job_name: shmib
    static_configs:
      - targets: ['127.0.0.1:$EXPORTER_PORT']
EOC
t_bg prometheus prometheus --config.file="$T/prometheus.yml" \
	--web.listen-address="127.0.0.1:$PROM_PORT" --storage.tsdb.path="$T/tsdb" \
	--web.enable-lifecycle
PROM=$!

# query EXPR: the value of the one result of an instant query.
query() {
	curl -sf --max-time 10 "http://127.0.0.1:$PROM_PORT/api/v1/query" \
		--data-urlencode "query=$1" |
		sed -n 's/.*"value":\[[0-9.]*,"\([^"]*\)"\].*/\1/p'
}
have() { [ -n "$(query "$1")" ]; }
t_wait 60 have 'ifHCInOctets{ifName="if2"}' ||
	t_die "Prometheus has no ifHCInOctets (see $T/prometheus.log, $T/exporter.log)"

t_check "up of the shmib job" 1 "$(query 'up{job="shmib"}')"
t_check "ifHCInOctets of if2 through Prometheus, snmp_exporter's labels" 2000000014 \
	"$(query 'ifHCInOctets{ifIndex="2",ifName="if2",ifDescr="0000:00:00.2",ifAlias="fake interface 2"}')"
t_check "ifOperStatus of if3" 1 "$(query 'ifOperStatus{ifName="if3"}')"
t_check "the exporter's own metrics are stored" 3 \
	"$(query 'shmib_segments_served{kind="interface"}')"
t_check "the fill level of vpls2, by the vpls families' labels" "2 4096" \
	"$(query 'shmib_vpls_fwd_entries{vplsConfigIndex="6",vplsConfigName="vpls2"}') $(query 'shmib_vpls_fwd_capacity{vplsConfigName="vpls2"}')"
t_check "...in percent, joined with the high watermark as the man page says" 0.048828125 \
	"$(query '100 * shmib_vpls_fwd_entries{vplsConfigName="vpls2"} / shmib_vpls_fwd_capacity < vplsConfigFwdFullHighWatermark')"

# OpenMetrics names a counter family without _total: the metadata
# Prometheus keeps says which format it parsed.
meta() { curl -sf --max-time 10 "http://127.0.0.1:$PROM_PORT/api/v1/metadata?metric=$1" |
	 sed -n 's/.*"type":"\([a-z]*\)".*/\1/p'; }
t_check "Prometheus parsed OpenMetrics (counter family shmib_scrapes)" counter "$(meta shmib_scrapes)"

t_stop "$PROM"
exporter_stop
t_done
