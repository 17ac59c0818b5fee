#!/usr/bin/env bash
# The VPLS MAC table fill level through shmib-exporter: the segments'
# auxiliaries _X_vplsFwdEntries and _X_vplsFwdCapacity (no MIB object)
# as the gauges shmib_vpls_fwd_entries and shmib_vpls_fwd_capacity,
# labelled as the vpls families (vplsConfigIndex from the pseudowire
# agent's state file, vplsConfigName), with HELP and TYPE lines:
#  - shmib-fakeseg's values (entries v of 4096), and a value stored in
#    place read by the next scrape;
#  - no sample (not 0) for a VPLS in Snabb's layout, which has no fill
#    level, nor for one whose fill level is no number; no family at
#    all when no VPLS has one;
#  - promtool finds nothing to say of them but the labels' camelCase,
#    which joins them with the vpls families; --snmp-yml stays as
#    shipped (snmpd serves no such object).
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/exporter_lib.bash"
source "$(dirname "$0")/interface_segment.sh"
source "$(dirname "$0")/notify_lib.bash"

command -v promtool >/dev/null || t_skip "promtool (Debian package prometheus) is not installed"

S=$T/shm
"$BIN/shmib-fakeseg" --dir "$S" --interfaces 1 --vpls 2 --pseudowires 1 \
	>"$T/fakeseg.log" 2>&1 || t_die "shmib-fakeseg failed"
"$BIN/shmib-fakeseg" --snabb --dir "$T/snabb" --vpls 3 --pseudowires 1 \
	>>"$T/fakeseg.log" 2>&1 || t_die "shmib-fakeseg --snabb failed"
# vpls3 in Snabb's layout beside them; vpls4 says its fill in strings.
mv "$T/snabb/vpls3" "$T/snabb/vpls3.index" "$S/"
seg_write "$S" vpls4 vplsConfigName:str8:vpls4 vplsStatusPeerCount:u32:0 \
	_X_vplsFwdEntries:str4:12 _X_vplsFwdCapacity:str4:4096
printf 'vpls3\nvpls4\n' >>"$S.vpls-ids"
printf 'vpls 5 vpls1\nvpls 6 vpls2\nvpls 7 vpls3\nvpls 8 vpls4\n' >"$T/state"
exporter_start --vpls-ids "$S.vpls-ids" --pseudowire-ids "$S.pseudowire-ids" \
	--state-file "$T/state"

scrape >"$T/m.prom" || t_die "scrape failed"
t_check "every VPLS is a row" 4 "$(sample shmib_segments_served 'kind="vpls"' <"$T/m.prom")"
t_check "entries of vpls2, labelled as the vpls families" 2 \
	"$(sample shmib_vpls_fwd_entries 'vplsConfigIndex="6",vplsConfigName="vpls2"' <"$T/m.prom")"
t_check "capacity of vpls1" 4096 \
	"$(sample shmib_vpls_fwd_capacity 'vplsConfigIndex="5",vplsConfigName="vpls1"' <"$T/m.prom")"
t_check "labels as vplsStatusPeerCount's" \
	"$(grep -o '^vplsStatusPeerCount{[^}]*}' "$T/m.prom" | sed 's/^[a-zA-Z]*//' | head -2)" \
	"$(grep -o '^shmib_vpls_fwd_entries{[^}]*}' "$T/m.prom" | sed 's/^[a-z_]*//')"
for f in entries capacity; do
	t_check "shmib_vpls_fwd_$f: a gauge" "# TYPE shmib_vpls_fwd_$f gauge" \
		"$(grep "^# TYPE shmib_vpls_fwd_$f " "$T/m.prom")"
	t_match "shmib_vpls_fwd_$f: its help names the auxiliary" \
		"^# HELP shmib_vpls_fwd_$f .*_X_vplsFwd" "$(grep "^# HELP shmib_vpls_fwd_$f " "$T/m.prom")"
	t_check "shmib_vpls_fwd_$f: no sample for vpls3 (Snabb) and vpls4 (strings)" \
		"vpls1 vpls2" \
		"$(grep "^shmib_vpls_fwd_$f{" "$T/m.prom" | sed 's/.*vplsConfigName="\([^"]*\)".*/\1/' | xargs)"
done
grep '^shmib_vpls_\|^# [A-Z]* shmib_vpls_' "$T/m.prom" >"$T/fill.prom"
promtool check metrics <"$T/fill.prom" >"$T/promtool.out" 2>&1
t_match "promtool check metrics: no parse error (0 or lint-only 3)" '^(0|3)$' "$?"
t_check "promtool: only the camelCase labels, the vpls families' (for joins)" "" \
	"$(grep -v "label names should be written in 'snake_case' not 'camelCase'" "$T/promtool.out")"

# The dataplane stores the level in place; a scrape reads it then.
seg_poke "$S/vpls2" _X_vplsFwdEntries 4000
t_check "a level stored in place: the next scrape has it" 4000 \
	"$(scrape | sample shmib_vpls_fwd_entries 'vplsConfigName="vpls2"')"
t_check "OpenMetrics: the same sample" 4000 \
	"$(scrape -H 'Accept: application/openmetrics-text;version=1.0.0' |
		sample shmib_vpls_fwd_entries 'vplsConfigName="vpls2"')"

# Only VPLS without the level: the families are absent, HELP and all.
printf 'vpls3\nvpls4\n' >"$S.vpls-ids.new" && mv "$S.vpls-ids.new" "$S.vpls-ids"
scrape >"$T/m2.prom"
t_check "only vpls3 and vpls4: two rows" 2 "$(sample shmib_segments_served 'kind="vpls"' <"$T/m2.prom")"
t_check "...and no shmib_vpls_fwd_ line at all" 0 "$(grep -c shmib_vpls_fwd_ "$T/m2.prom")"

# Not an SNMP object: snmp_exporter's configuration is as shipped.
t_check "--snmp-yml is config/prometheus/snmp.yml" "" \
	"$("$BIN/shmib-exporter" --snmp-yml | diff - "$TOP/config/prometheus/snmp.yml" | head -5)"
t_check "...and names no fill level" 0 "$("$BIN/shmib-exporter" --snmp-yml | grep -c -i 'fwd_\|FwdEntries\|FwdCapacity')"

exporter_stop
t_done
