#!/usr/bin/env bash
# make run as a newcomer uses it: with RUN_FOR it prints the tables
# with a row per virtual port, pseudowire and VPLS of the demo L2VPN
# and stops by itself; without, it runs until Ctrl-C, the snmpwalk
# command it prints works meanwhile, the pseudowires are up and the
# counters move; either way it stops every process it started and
# removes its run directory.  Also without MIB modules (the tables then
# come from numeric walks).
. "$(dirname "$0")/../lib.sh"

for b in shmib-dataplane shmib-interface; do
	[ -x "$BIN/$b" ] || t_skip "$b is not built yet"
done
PORTS=(net_pcap0 net_pcap1 net_af_packet0 net_af_packet1)
# ... and the kernel interfaces of the demo's namespace: lo upa upb.

make_run() { make -C "$TOP" --no-print-directory BUILD="$BUILD" run "$@"; }

# What a run left behind: its run directory and any process it named.
check_stopped() {
	local out=$1 dir pid
	dir=$(sed -n 's/^run: run directory //p' "$out")
	t_match "$2: says where its run directory is" "^/" "$dir"
	t_check "$2: run directory removed" no "$([ -e "$dir" ] && echo yes || echo no)"
	ns=$(sed -n 's/^run: network namespace //p' "$out")
	t_match "$2: says which network namespace it made" "^shmib-run-" "$ns"
	t_check "$2: network namespace removed" "" "$(ip netns list | grep -w "$ns")"
	for pid in $(sed -n 's/.*(pid \([0-9]*\)).*/\1/p' "$out"); do
		t_check "$2: process $pid stopped" no "$(kill -0 "$pid" 2>/dev/null && echo yes || echo no)"
	done
}

# The tables in output $1 (of the run called $2): ifTable, from its
# title to ifXTable's, has a row for each port.
check_rows() {
	local out=$1 what=$2 port iftable
	iftable=$(sed -n '/ifTable/,/ifXTable/p' "$out")
	for port in "${PORTS[@]}" lo upa upb; do
		t_match "$what: ifTable has a row for $port" " $port( |$)" "$iftable"
	done
	t_match "$what: ifXTable has the ports' ifName" "a-cust.*b-cust.*a-up.*b-up" "$(sed -n '/ifXTable/,/pwTable/p' "$out" | tr '\n' ' ')"
	t_match "$what: pwTable has both pseudowires" " a-to-b .* b-to-a" "$(sed -n '/pwTable/,/vplsConfigTable/p' "$out" | tr '\n' ' ')"
	t_match "$what: vplsConfigTable has both VPLS" " site-a .* site-b " "$(sed -n '/vplsConfigTable/,$p' "$out" | tr '\n' ' ')"
	t_match "$what: prints an snmpwalk command" "Try: +snmpwalk " "$(cat "$out")"
	t_match "$what: says where the logs are" "Logs: " "$(cat "$out")"
}

# 1. RUN_FOR: stops by itself.
make_run RUN_FOR=3 >"$T/run1.out" 2>&1
t_check "RUN_FOR=3: exit status" 0 "$?"
# With the reference MIB modules beside the tree, snmptable prints the
# tables; without them (a clone elsewhere) the numeric walks do.
if [ -d "$SHARED_MIBS" ]; then
	t_match "RUN_FOR=3: ifTable by snmptable" "SNMP table: IF-MIB::ifTable" "$(cat "$T/run1.out")"
else
	t_match "RUN_FOR=3: no MIB modules, says so" "no MIB modules" "$(cat "$T/run1.out")"
fi
check_rows "$T/run1.out" "RUN_FOR=3"
check_stopped "$T/run1.out" "RUN_FOR=3"

# 2. No MIB modules at hand, as in a fresh clone.
SHMIB_MIBDIR='' make_run RUN_FOR=1 >"$T/run2.out" 2>&1
t_check "without MIBs: exit status" 0 "$?"
t_match "without MIBs: says so" "no MIB modules" "$(cat "$T/run2.out")"
check_rows "$T/run2.out" "without MIBs"
check_stopped "$T/run2.out" "without MIBs"

# 3. Until Ctrl-C: SIGINT to make's whole process group, as a terminal
# sends it (job control gives the background job a group of its own).
set -m
t_bg run3 make -C "$TOP" --no-print-directory BUILD="$BUILD" run
RUN_PID=$!
set +m
out=$T/run3.log
t_wait 60 grep -q '^Try: ' "$out" || t_die "make run printed no tables: $(tail "$out")"
walk=$(sed -n 's/^Try: *//p' "$out" | head -1)
t_log "$walk"
read -ra walk_cmd <<<"$walk"
walked=$("${walk_cmd[@]}" 2>&1)
for port in "${PORTS[@]}"; do
	t_match "the printed snmpwalk shows $port" "$port" "$walked"
done
if [ -x "$BIN/shmib-exporter" ]; then
	scrape=$(sed -n 's/^Try: *\(.*curl .*\)/\1/p' "$out" | head -1)
	t_match "prints a curl command for shmib-exporter (in the demo's namespace)" \
		'^ip netns exec [^ ]+ curl -s http://127\.0\.0\.1:[0-9]+/metrics' "$scrape"
	scraped=$(bash -c "$scrape" 2>&1)
	t_match "...which shows ifHCInOctets of net_pcap0" 'ifHCInOctets\{ifIndex="1001",[^}]*ifDescr="net_pcap0"' "$scraped"
	scraped=$(bash -c "${scrape%%|*}" 2>&1)
	t_match "the exporter serves pwOperStatus of a-to-b" 'pwOperStatus\{pwIndex="[0-9]+",pwName="a-to-b"\}' "$scraped"
	t_match "...and the namespace's veth upa at its kernel ifindex" 'ifOperStatus\{ifIndex="[0-9]+",[^}]*ifDescr="upa"' "$scraped"
fi
port=$(sed -n 's/.*snmpd on udp:\(127.0.0.1:[0-9]*\).*/\1/p' "$out")
pw_up=$(snmpwalk -v2c -c public -Oqv "$port" .1.3.6.1.2.1.10.246.1.2.1.38 2>&1 | xargs)
t_check "both pseudowires up (pwOperStatus)" "1 1" "$pw_up"
in_octets() { snmpget -v2c -c public -Oqv "$port" .1.3.6.1.2.1.31.1.1.1.6.1001 2>/dev/null; }
first=$(in_octets)
t_match "ifHCInOctets.1001 (net_pcap0) served" '^[0-9]+$' "$first"
t_wait 15 eval '[ "$(in_octets)" -gt "${first:-0}" ]'
t_check "traffic flows: ifHCInOctets.1001 grows" yes "$([ "$(in_octets)" -gt "${first:-0}" ] && echo yes)"
kill -INT -- "-$RUN_PID"
t_wait 30 eval "! kill -0 $RUN_PID 2>/dev/null"
t_check "Ctrl-C: make run ends" no "$(kill -0 "$RUN_PID" 2>/dev/null && echo yes || echo no)"
check_stopped "$out" "Ctrl-C"
t_done
