#!/usr/bin/env bash
# shmib-exporter on shmib-fakeseg's segments: what a scrape holds
# (values, labels, pwIndex/vplsConfigIndex from the pseudowire agent's
# state file), promtool's check of the text format, OpenMetrics when
# the client prefers it, a malformed segment skipped and counted, the
# ifindex map re-read, and bad input: unknown paths, other methods,
# garbage and unfinished requests, a listen address in use.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/exporter_lib.bash"

command -v promtool >/dev/null || t_skip "promtool (Debian package prometheus) is not installed"

"$BIN/shmib-fakeseg" --dir "$T/shm" --interfaces 4 --vpls 1 --pseudowires 2 \
	>"$T/fakeseg.log" 2>&1 || t_die "shmib-fakeseg failed"
# The indices shmib-pseudowire allocated (its state file, read only).
printf 'pw 7 pw1_1\npw 9 pw1_2\nvpls 5 vpls1\n' >"$T/state"
exporter_start --vpls-ids "$T/shm.vpls-ids" --pseudowire-ids "$T/shm.pseudowire-ids" \
	--state-file "$T/state"

scrape -D "$T/headers" >"$T/m.prom" || t_die "scrape failed"
t_match "text format by default" 'Content-Type: text/plain; version=0.0.4' "$(cat "$T/headers")"
t_check "ifHCInOctets of interface 2 with its labels" 2000000014 \
	"$(sample ifHCInOctets 'ifIndex="2",ifAlias="fake interface 2",ifDescr="0000:00:00.2",ifName="if2"' <"$T/m.prom")"
t_check "ifHCInOctets is a counter" "# TYPE ifHCInOctets counter" "$(grep '^# TYPE ifHCInOctets ' "$T/m.prom")"
t_check "ifOperStatus is a gauge" "# TYPE ifOperStatus gauge" "$(grep '^# TYPE ifOperStatus ' "$T/m.prom")"
t_check "ifInNUcastPkts: multicast + broadcast, as the agent serves it" $((3 * 1009 + 3 * 101)) \
	"$(sample ifInNUcastPkts 'ifIndex="3"' <"$T/m.prom")"
t_check "ifNumber" 4 "$(sample ifNumber '' <"$T/m.prom")"
t_check "pwIndex from the state file" 2000003 \
	"$(sample cpwVcPerfTotalOutHCPackets 'cpwVcIndex="7",pwName="pw1_1"' <"$T/m.prom")"
t_check "vplsConfigIndex from the state file" 2 \
	"$(sample vplsStatusPeerCount 'vplsConfigIndex="5",vplsConfigName="vpls1"' <"$T/m.prom")"
t_check "the fill level of vpls1 (shmib-fakeseg: 1 of 4096)" "1 4096" \
	"$(for f in entries capacity; do sample shmib_vpls_fwd_$f 'vplsConfigIndex="5",vplsConfigName="vpls1"' <"$T/m.prom"; done | xargs)"
t_check "segments served by kind" "4 2 1" \
	"$(for k in interface pseudowire vpls; do sample shmib_segments_served "kind=\"$k\"" <"$T/m.prom"; done | xargs)"

# promtool: the exposition parses; its lint finds only what every
# snmp_exporter if_mib scrape has (camelCase names, counters without
# _total), and nothing at all in the exporter's own metrics.
promtool check metrics <"$T/m.prom" >"$T/promtool.out" 2>&1
rc=$?
t_match "promtool check metrics: no parse error (0 or lint-only 3)" '^(0|3)$' "$rc"
t_check "promtool: only the snmp_exporter naming findings" "" \
	"$(grep -v -E "(label|metric) names should be written in 'snake_case' not 'camelCase'|counter metrics should have \"_total\" suffix" "$T/promtool.out")"
# The fill level (exporter_vpls) has the vpls families' labels.
grep '^shmib_\|^# [A-Z]* shmib_' "$T/m.prom" | grep -v shmib_vpls_fwd_ >"$T/self.prom"
promtool check metrics <"$T/self.prom" >"$T/promtool-self.out" 2>&1
t_check "promtool: the exporter's own metrics are clean" "0 " "$? $(cat "$T/promtool-self.out")"

# OpenMetrics when the client prefers it (Prometheus's Accept header).
OM='application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1'
scrape -H "Accept: $OM" -D "$T/om-headers" >"$T/m.om" || t_die "OpenMetrics scrape failed"
t_match "OpenMetrics when preferred" 'Content-Type: application/openmetrics-text; version=1.0.0' "$(cat "$T/om-headers")"
t_check "OpenMetrics ends with # EOF" "# EOF" "$(tail -n 1 "$T/m.om")"
t_check "OpenMetrics: series keep snmp_exporter's names" 2000000014 \
	"$(sample ifHCInOctets 'ifIndex="2"' <"$T/m.om")"
t_check "OpenMetrics: the exporter's counter is named by family" \
	"# TYPE shmib_scrapes counter" "$(grep '^# TYPE shmib_scrapes' "$T/m.om")"
scrape -H 'Accept: text/plain;q=0.9,application/openmetrics-text;q=0.5' -D "$T/h2" >/dev/null
t_match "text format when the client prefers it" 'Content-Type: text/plain' "$(cat "$T/h2")"

# A malformed segment: skipped, counted, logged once; the rest served.
head -c 20 /dev/zero >"$T/shm/bad"
printf 'MIB:1\nifDescr:18\nifInOctets:4\n' >"$T/bad.index" && mv "$T/bad.index" "$T/shm/bad.index"
scrape >"$T/m2.prom"; scrape >"$T/m2.prom"
t_check "malformed segment counted in shmib_segments_bad" 1 "$(sample shmib_segments_bad '' <"$T/m2.prom")"
t_check "...and the others still served" 4 "$(sample ifNumber '' <"$T/m2.prom")"
t_check "...and logged once, naming the file" 1 "$(grep -c 'skipping segment bad: .*bad' "$T/exporter.log")"

# The ifindex map is re-read when it changes.
sed 's/ 1$/ 101/' "$T/shm.ifindex" >"$T/map.tmp" && mv "$T/map.tmp" "$T/shm.ifindex"
t_check "new map: interface 1 is ifIndex 101" 1000000007 \
	"$(scrape | sample ifHCInOctets 'ifIndex="101"')"

# Bad input.
status() { curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$@"; }
t_check "unknown path: 404" 404 "$(status "http://127.0.0.1:$EXPORTER_PORT/")"
t_check "unknown path: 404" 404 "$(status "http://127.0.0.1:$EXPORTER_PORT/metrics/x")"
t_check "POST /metrics: 405" 405 "$(status -X POST -d x=y "http://127.0.0.1:$EXPORTER_PORT/metrics")"
garbage=$(printf 'BLAH\x01\x02 nonsense\r\n\r\n' | timeout 10 bash -c \
	"exec 3<>/dev/tcp/127.0.0.1/$EXPORTER_PORT; cat >&3; cat <&3" | head -n 1)
t_match "garbage request: 400" '^HTTP/1\.[01] 400' "$garbage"
# Clients that never finish their request hold up no scrape ...
for i in 1 2 3; do
	exec {fd}<>"/dev/tcp/127.0.0.1/$EXPORTER_PORT"
	printf 'GET /metrics HTTP/1.1\r\nHost: x\r\n' >&$fd
	SLOW+=($fd)
done
t_check "scrape while three requests stay unfinished" 4 "$(scrape | sample ifNumber '')"
# ... and are closed after the connection timeout.
closed=$(timeout 60 cat <&"${SLOW[0]}"; echo "rc $?")
t_check "an unfinished request is closed by the server" "rc 0" "$closed"
for fd in "${SLOW[@]}"; do exec {fd}>&-; done

# A listen address in use: one clear error, exit 1.
"$BIN/shmib-exporter" -f --listen "127.0.0.1:$EXPORTER_PORT" --shmem-dir "$T/shm" \
	--ifindex "$T/shm.ifindex" >"$T/second.log" 2>&1
rc=$?
t_check "listen address in use: exit 1" 1 "$rc"
t_check "...with one message naming it" "1 1" \
	"$(wc -l <"$T/second.log") $(grep -c "127.0.0.1:$EXPORTER_PORT: Address already in use" "$T/second.log")"
"$BIN/shmib-exporter" -f --listen nonsense --ifindex "$T/shm.ifindex" >"$T/third.log" 2>&1
t_check "bad --listen: exit 1, one message" "1 1" "$? $(wc -l <"$T/third.log")"
t_check "the first exporter still serves" 4 "$(scrape | sample ifNumber '')"

exporter_stop
t_done
