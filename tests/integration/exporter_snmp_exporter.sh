#!/usr/bin/env bash
# Both doors to Prometheus serve the same series.  snmpd with
# shmib-interface and shmib-pseudowire on shmib-fakeseg's segments
# (6 interfaces, 2 VPLS of 2 pseudowires) is scraped by Debian's
# prometheus-snmp-exporter with the shipped config/prometheus/snmp.yml
# (modules if_mib, pw, vpls): values and labels are checked against
# what fakeseg wrote, then every series is compared with what
# shmib-exporter serves from the same segments: same names, labels,
# types and values (time objects aside: the two count from different
# starts).  The shipped snmp.yml must be what --snmp-yml prints.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/exporter_lib.bash"

[ -x "$BIN/shmib-interface" ] && [ -x "$BIN/shmib-pseudowire" ] || t_skip "the subagents are not built"
command -v prometheus-snmp-exporter >/dev/null || t_skip "prometheus-snmp-exporter is not installed"

YML=$TOP/config/prometheus/snmp.yml
t_check "config/prometheus/snmp.yml is what shmib-exporter --snmp-yml prints" "" \
	"$("$BIN/shmib-exporter" --snmp-yml | diff - "$YML" | head -5)"

AGO=100000                      # the segments' events: this long ago (s)
t_snmpd
"$BIN/shmib-fakeseg" --dir "$T/shm" --interfaces 6 --vpls 2 --pseudowires 2 \
	--time $(($(date +%s) - AGO)) >"$T/fakeseg.log" 2>&1 || t_die "shmib-fakeseg failed"
IDS=(--vpls-ids "$T/shm.vpls-ids" --pseudowire-ids "$T/shm.pseudowire-ids" --state-file "$T/state")
t_bg interface "$BIN/shmib-interface" --kernel-interfaces no -f -x "unix:$AGENTX" --shmem-dir "$T/shm" \
	--ifindex "$T/shm.ifindex" --check-interval 1
t_bg pseudowire "$BIN/shmib-pseudowire" -f -x "unix:$AGENTX" --shmem-dir "$T/shm" \
	--ifindex "$T/shm.ifindex" "${IDS[@]}" --check-interval 1
served() { t_get -Oqv .1.3.6.1.2.1.10.246.1.2.1.32.4 2>&1 | grep -q pw2_2 &&
	   t_get -Oqv .1.3.6.1.2.1.31.1.1.1.1.6 2>&1 | grep -q if6; }
t_wait 20 served || t_die "the agents do not serve (see $T/interface.log, $T/pseudowire.log)"

SE_PORT=$(t_free_tcp_port)
t_bg snmp_exporter prometheus-snmp-exporter --config.file="$YML" \
	--web.listen-address="127.0.0.1:$SE_PORT"
t_wait 10 curl -sf "http://127.0.0.1:$SE_PORT/metrics" ||
	t_die "prometheus-snmp-exporter did not start (see $T/snmp_exporter.log)"
exporter_start "${IDS[@]}"

for m in if_mib pw vpls; do
	curl -sf --max-time 30 "http://127.0.0.1:$SE_PORT/snmp?module=$m&target=127.0.0.1:$SNMP_PORT" \
		>"$T/snmp-$m.prom" || t_die "snmp_exporter scrape of $m failed"
done
scrape >"$T/native.prom" || t_die "shmib-exporter scrape failed"
t_check "snmp_exporter reports no SNMP error" "" \
	"$(grep -h '^snmp_error\|^snmp_unexpected_pdu_type_total [1-9]' "$T"/snmp-*.prom)"

# Values and labels as fakeseg wrote them (interface 4, pseudowire
# k=3 = pw2_1, VPLS 2).
L4='ifAlias="fake interface 4",ifDescr="0000:00:00.4",ifIndex="4",ifName="if4"'
t_check "snmp_exporter: ifHCInOctets of interface 4, all labels" "4.000000028e+09" \
	"$(grep -F "ifHCInOctets{$L4}" "$T/snmp-if_mib.prom" | awk '{print $NF}')"
t_check "snmp_exporter: ifOutDiscards of interface 4" 44 \
	"$(sample ifOutDiscards 'ifIndex="4"' <"$T/snmp-if_mib.prom")"
t_check "snmp_exporter: ifType_info of interface 4" 1 \
	"$(sample ifType_info 'ifIndex="4".*ifType="ethernetCsmacd"' <"$T/snmp-if_mib.prom")"
t_match "snmp_exporter: ifPhysAddress of interface 4" 'ifPhysAddress="02:00:00:00:00:04"' \
	"$(grep '^ifPhysAddress{.*ifIndex="4"' "$T/snmp-if_mib.prom")"
t_check "snmp_exporter: ifNumber" 6 "$(sample ifNumber '' <"$T/snmp-if_mib.prom")"
t_check "snmp_exporter: cpwVcPerfTotalInHCPackets of pw2_1" 3.000009e+06 \
	"$(sample cpwVcPerfTotalInHCPackets 'pwName="pw2_1"' <"$T/snmp-pw.prom")"
t_match "snmp_exporter: pwOperStatus of pw2_1 labelled pwIndex and pwName" \
	'^pwOperStatus\{pwIndex="3",pwName="pw2_1"\} [0-9]' \
	"$(grep '^pwOperStatus{.*pw2_1' "$T/snmp-pw.prom")"
t_check "snmp_exporter: vplsStatusPeerCount of vpls2" 2 \
	"$(sample vplsStatusPeerCount 'vplsConfigName="vpls2"' <"$T/snmp-vpls.prom")"

# The same from shmib-exporter.
t_check "shmib-exporter: ifHCInOctets of interface 4" 4000000028 \
	"$(sample ifHCInOctets 'ifIndex="4"' <"$T/native.prom")"
t_check "shmib-exporter: cpwVcPerfTotalInHCPackets of pw2_1" 3000009 \
	"$(sample cpwVcPerfTotalInHCPackets 'pwName="pw2_1"' <"$T/native.prom")"

# Every series of both, time objects and self-metrics aside.
TIMES='^(sysUpTime|ifLastChange|ifCounterDiscontinuityTime|pwCreateTime|pwLastChange|pwUpTime|pwTimeElapsed|cpwVcPerfTotalDiscontinuityTime)[{ ]'
series() { normalised | grep -Ev "$TIMES|^(snmp|shmib)_"; }
cat "$T"/snmp-*.prom | series >"$T/snmp.series"
series <"$T/native.prom" >"$T/native.series"
t_check "series of both doors (snmp.series vs native.series)" "" \
	"$(diff "$T/snmp.series" "$T/native.series" | head -10)"
t_match "...and there are many" '^[0-9]{3,}$' "$(wc -l <"$T/native.series")"
types() { grep -h '^# TYPE' "$@" | grep -Ev ' (sysUpTime|snmp_[a-z_]*|shmib_[a-z_]*) ' | sort -u; }
t_check "metric types of both doors" "" \
	"$(diff <(types "$T"/snmp-*.prom) <(types "$T/native.prom") | head -5)"

exporter_stop
t_done
