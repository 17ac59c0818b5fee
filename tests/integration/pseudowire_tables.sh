#!/usr/bin/env bash
# shmib-pseudowire behind a real snmpd serves every table and scalar of
# the PW, PW-ENET and VPLS modules from shmib-fakeseg's segments (2 VPLS
# with 2 pseudowires each, 4 interfaces): each walk is compared value by
# value with what the segments hold, the time objects against the
# TimeAbs/TicksBase rules, and snmptable shows the rows an operator sees.
# loads: daemon module
source "$(dirname "$0")/../lib.sh"

[ -x "$BIN/shmib-pseudowire" ] || t_skip "shmib-pseudowire is not built"
[ -x "$BIN/shmib-fakeseg" ] || t_skip "shmib-fakeseg is not built"

PW=.1.3.6.1.2.1.10.246
CPW=.1.3.6.1.4.1.9.10.106
ENET=.1.3.6.1.2.1.180
CENET=.1.3.6.1.4.1.9.10.108
VPLS=.1.3.6.1.2.1.10.274
CVPLS=.1.3.6.1.4.1.9.10.138
AGO=100000                      # the segments' events: this long ago (s)

t_snmpd
"$BIN/shmib-fakeseg" --dir "$T/shm" --interfaces 4 --vpls 2 --pseudowires 2 \
	--time $(($(date +%s) - AGO)) >"$T/fakeseg.log" 2>&1 || t_die "shmib-fakeseg failed"
t_agent pseudowire pseudowire --shmem-dir "$T/shm" \
	--ifindex "$T/shm.ifindex" --vpls-ids "$T/shm.vpls-ids" \
	--pseudowire-ids "$T/shm.pseudowire-ids" --state-file "$T/state" --check-interval 1
AGENT=$AGENT_PID
served() { t_get -Oqv $PW.1.2.1.32.4 2>&1 | grep -q pw2_2; }
t_wait 20 served || t_die "pwTable not served (see $AGENT_LOG)"

# column ENTRY INDEX: "column value" lines on stdin become expected
# walk lines "ENTRY.column.INDEX = value", with @K@ replaced by INDEX.
column() {
	local c val
	while read -r c val; do
		echo "$1.$c.$2 = ${val//@K@/$2}"
	done
}

# Expected lines of pseudowire K (VPLS V, number P in it).  fakeseg:
# counters are k times a multiplier, strings from v and p.
pw_rows() {
	local k=$1 v=$2 p=$3
	local peer="20 01 0D B8 00 00 00 00 00 00 00 00 00 0$v 00 0$p "
	column $PW.1.2.1 "$k" <<EOF
2 INTEGER: 5
3 INTEGER: 1
4 INTEGER: 6
5 INTEGER: 0
6 INTEGER: 0
8 INTEGER: 2
9 Hex-STRING: $peer
10 Gauge32: 0
11 INTEGER: 0
12 Gauge32: @K@
13 Gauge32: 0
14 ""
15 ""
16 ""
17 INTEGER: 2
18 Gauge32: 1500
19 INTEGER: 1
20 STRING: "@"
21 Gauge32: 0
22 INTEGER: 6
23 Gauge32: 0
24 ""
25 STRING: "@"
26 Gauge32: 0
27 Hex-STRING: 80 
28 INTEGER: 1
29 Hex-STRING: 10 
30 Gauge32: @K@
31 Gauge32: @K@
32 STRING: "pw${v}_$p"
33 STRING: "fake pseudowire $v/$p"
37 INTEGER: 1
38 INTEGER: 1
39 Hex-STRING: 00 
40 INTEGER: 3
41 Hex-STRING: 00 
44 INTEGER: 1
45 INTEGER: 2
46 INTEGER: 2
47 Gauge32: 0
48 Gauge32: 0
49 Gauge32: 0
EOF
}

cpw_rows() {
	local k=$1 v=$2 p=$3
	local peer="20 01 0D B8 00 00 00 00 00 00 00 00 00 0$v 00 0$p "
	column $CPW.1.2.1 "$k" <<EOF
2 INTEGER: 5
3 INTEGER: 1
4 INTEGER: 6
5 INTEGER: 0
6 INTEGER: 0
7 INTEGER: 2
8 INTEGER: 2
9 Hex-STRING: $peer
10 Gauge32: @K@
11 Gauge32: 0
12 INTEGER: 2
13 Gauge32: 1500
14 INTEGER: 1
15 Gauge32: 0
16 INTEGER: 1
17 Gauge32: 0
18 ""
19 Gauge32: @K@
20 Gauge32: @K@
21 STRING: "pw${v}_$p"
22 STRING: "fake pseudowire $v/$p"
25 INTEGER: 1
26 INTEGER: 1
27 INTEGER: 1
28 INTEGER: 1
31 INTEGER: 1
32 INTEGER: 2
EOF
	echo "$CPW.1.5.1.1.$k = Counter64: $((k * 1000003))"
	echo "$CPW.1.5.1.2.$k = Counter64: $((k * 1000000007))"
	echo "$CPW.1.5.1.3.$k = Counter64: $((k * 2000003))"
	echo "$CPW.1.5.1.4.$k = Counter64: $((k * 2000000011))"
	echo "$CPW.1.5.1.5.$k = Timeticks: (0) 0:00:00.00"
}

# The Enet rows: pwIndex.pwEnetPwInstance (1), cpwVcIndex.cpwVcEnetPwVlan
# (4097); the port of pseudowire k is interface k, whose ifIndex is k.
enet_rows() {
	local k=$1
	echo "$ENET.1.1.1.2.$k.1 = INTEGER: 4095"
	echo "$ENET.1.1.1.3.$k.1 = INTEGER: 1"
	echo "$ENET.1.1.1.4.$k.1 = INTEGER: 4095"
	echo "$ENET.1.1.1.5.$k.1 = INTEGER: $k"
	echo "$ENET.1.1.1.6.$k.1 = INTEGER: 0"
	echo "$ENET.1.1.1.7.$k.1 = INTEGER: 1"
	echo "$ENET.1.1.1.8.$k.1 = INTEGER: 2"
	echo "$CENET.1.1.1.2.$k.4097 = INTEGER: 1"
	echo "$CENET.1.1.1.3.$k.4097 = INTEGER: 4097"
	echo "$CENET.1.1.1.4.$k.4097 = INTEGER: 0"
	echo "$CENET.1.1.1.5.$k.4097 = INTEGER: $k"
	echo "$CENET.1.1.1.6.$k.4097 = INTEGER: 1"
	echo "$CENET.1.1.1.7.$k.4097 = INTEGER: 2"
}

# vplsConfigTable (columns 2..16) of VPLS V; the Cisco table has
# ServiceType (2) where the IETF one has SignalingType (3).
vpls_rows() {
	local m=$1 v=$2 last=$3
	column "$m.1.2.1" "$v" <<EOF
2 STRING: "vpls$v"
3 STRING: "fake VPLS $v"
4 INTEGER: 1
6 INTEGER: 1
7 INTEGER: 2
8 INTEGER: 1
10 Gauge32: 95
11 Gauge32: 90
12 INTEGER: 1
13 Gauge32: 1500
14 ""
15 INTEGER: 2
16 INTEGER: $last
EOF
}

# Both sides sorted, without the blank snmpwalk puts after hex strings.
sorted_walk() { t_walk "$@" | sed 's/ *$//' | LC_ALL=C sort; }
expect() { sed 's/ *$//' | LC_ALL=C sort >"$T/expected"; }

# Walks ROOT, leaves out lines matching SKIP (time objects, checked
# below), and compares with $T/expected.
compare() {
	local what=$1 root=$2 skip=${3:-^$}
	sorted_walk "$root" | grep -Ev "$skip" >"$T/got"
	if diff -u "$T/expected" "$T/got" >"$T/diff"; then
		t_check "$what: $(wc -l <"$T/got") values" "" ""
	else
		t_fail "$what differs from the segments:"
		cat "$T/diff"
	fi
}

{
	echo "$PW.1.1.0 = Gauge32: 5"
	echo "$PW.1.6.0 = Counter32: 10"
	echo "$PW.1.9.0 = INTEGER: 1"         # pwUpDownNotifEnable: default true
	echo "$PW.1.11.0 = Gauge32: 0"        # pwNotifRate: default, no limit
	for k in 1 2 3 4; do pw_rows $k $(((k + 1) / 2)) $(((k + 1) % 2 + 1)); done
} | expect
compare "pwStdMIB: pwIndexNext, pwTable, pwPerfTotalErrorPackets (sum 1+2+3+4)" \
	$PW "^$PW\.1\.2\.1\.3[456]\."

{
	echo "$CPW.1.1.0 = Gauge32: 5"
	echo "$CPW.1.6.0 = Counter64: 10"
	echo "$CPW.1.9.0 = INTEGER: 1"        # cpwVcUpDownNotifEnable
	echo "$CPW.1.10.0 = Gauge32: 0"       # cpwVcNotifRate
	for k in 1 2 3 4; do cpw_rows $k $(((k + 1) / 2)) $(((k + 1) % 2 + 1)); done
} | expect
compare "cpwVcMIB: cpwVcIndexNext, cpwVcTable, cpwVcPerfTotalTable, error sum" \
	$CPW "^$CPW\.1\.2\.1\.2[34]\."

for k in 1 2 3 4; do enet_rows $k; done | grep "^$ENET" | expect
compare "pwEnetTable by pwIndex.pwEnetPwInstance, port ifIndex from the map" $ENET
for k in 1 2 3 4; do enet_rows $k; done | grep "^$CENET" | expect
compare "cpwVcEnetTable by cpwVcIndex.cpwVcEnetPwVlan, port ifIndex from the map" $CENET

{
	echo "$VPLS.1.1.0 = Gauge32: 3"
	for v in 1 2; do
		vpls_rows $VPLS $v 3
		echo "$VPLS.1.3.1.1.$v = INTEGER: 1"
		echo "$VPLS.1.3.1.2.$v = Counter32: 2"
	done
	for k in 1 2 3 4; do
		b="$(((k + 1) / 2)).$k"
		echo "$VPLS.1.4.1.1.$b = INTEGER: 1"
		echo "$VPLS.1.4.1.2.$b = INTEGER: 1"
		echo "$VPLS.1.4.1.3.$b = INTEGER: 1"
		echo "$VPLS.1.4.1.4.$b = INTEGER: 2"
	done
	echo "$VPLS.1.7.0 = INTEGER: 1"       # vplsStatusNotifEnable: default true
	echo "$VPLS.1.8.0 = Gauge32: 0"       # vplsNotificationMaxRate: no limit
} | expect
compare "vplsGenericMIB: config, status, PwBind by vplsIndex.pwIndex, IndexNext, NotifEnable, MaxRate" $VPLS

{
	echo "$CVPLS.1.1.0 = Gauge32: 3"
	echo "$CVPLS.1.5.0 = INTEGER: 2"
	echo "$CVPLS.1.6.0 = Gauge32: 0"
	for v in 1 2; do
		vpls_rows $CVPLS $v 2
		echo "$CVPLS.1.3.1.1.$v = INTEGER: 1"
		echo "$CVPLS.1.3.1.2.$v = Counter32: 2"
	done
	for k in 1 2 3 4; do
		b="$(((k + 1) / 2)).$k"
		echo "$CVPLS.1.4.1.2.$b = INTEGER: 1"
		echo "$CVPLS.1.4.1.3.$b = INTEGER: 1"
		echo "$CVPLS.1.4.1.4.$b = INTEGER: 1"
		echo "$CVPLS.1.4.1.5.$b = INTEGER: 2"
	done
} | expect
compare "cvplsGenericMIB: config, status, PwBind, IndexNext, NotifEnable, MaxRate" $CVPLS

# Time objects.  The events are AGO seconds old, before the master
# started: the TimeStamps (create time, last change) are 0 and the up
# times 100 * (now - TicksBase), which is at least AGO * 100.
ticks() { t_get -Oqvt "$1" 2>&1; }
for k in 1 4; do
	t_check "pwCreateTime.$k predates the master" 0 "$(ticks $PW.1.2.1.34.$k)"
	t_check "pwLastChange.$k predates the master" 0 "$(ticks $PW.1.2.1.36.$k)"
	t_check "cpwVcCreateTime.$k predates the master" 0 "$(ticks $CPW.1.2.1.23.$k)"
	for o in $PW.1.2.1.35.$k $CPW.1.2.1.24.$k; do
		up=$(ticks "$o")
		t_match "up time $o counts from TicksBase" '^[0-9]+$' "$up"
		t_check "up time $o is 100 * (now - TicksBase), within a minute" 1 \
			"$(((${up:-0} >= AGO * 100) && (${up:-0} < (AGO + 60) * 100)))"
	done
done

# What snmptable shows (needs the reference MIB modules): the column
# named COL of TABLE, one value a row.
st_col() {
	snmptable -v2c -c public -M "$SHARED_MIBS" -m ALL -Cf , -Cb \
		"127.0.0.1:$SNMP_PORT" "$1" 2>"$T/snmptable.err" |
		awk -F, -v col="$2" 'NR == 3 { for (i = 1; i <= NF; i++) if ($i == col) c = i }
			NR > 3 && c { print $c }' | xargs
}
if [ -n "$SHARED_MIBS" ]; then
	t_check "snmptable pwTable: Name of each pseudowire" "pw1_1 pw1_2 pw2_1 pw2_2" \
		"$(st_col PW-STD-MIB::pwTable Name)"
	t_check "snmptable pwTable: OperStatus" "up up up up" \
		"$(st_col PW-STD-MIB::pwTable OperStatus)"
	t_check "snmptable cpwVcTable: Descr" \
		"fake pseudowire 1/1 fake pseudowire 1/2 fake pseudowire 2/1 fake pseudowire 2/2" \
		"$(st_col CISCO-IETF-PW-MIB::cpwVcTable Descr)"
	t_check "snmptable cpwVcPerfTotalTable: InHCPackets" "1000003 2000006 3000009 4000012" \
		"$(st_col CISCO-IETF-PW-MIB::cpwVcPerfTotalTable InHCPackets)"
	t_check "snmptable pwEnetTable: PortIfIndex" "1 2 3 4" \
		"$(st_col PW-ENET-STD-MIB::pwEnetTable PortIfIndex)"
	t_check "snmptable cpwVcEnetTable: PortIfIndex" "1 2 3 4" \
		"$(st_col CISCO-IETF-PW-ENET-MIB::cpwVcEnetTable PortIfIndex)"
	t_check "snmptable vplsConfigTable: Name" "vpls1 vpls2" \
		"$(st_col VPLS-GENERIC-MIB::vplsConfigTable Name)"
	t_check "snmptable vplsStatusTable: PeerCount" "2 2" \
		"$(st_col VPLS-GENERIC-MIB::vplsStatusTable PeerCount)"
	t_check "snmptable vplsPwBindTable: Type" "mesh mesh mesh mesh" \
		"$(st_col VPLS-GENERIC-MIB::vplsPwBindTable Type)"
	t_check "snmptable cvplsConfigTable: Descr" "fake VPLS 1 fake VPLS 2" \
		"$(st_col CISCO-IETF-VPLS-GENERIC-MIB::cvplsConfigTable Descr)"
	t_check "snmptable cvplsStatusTable: OperStatus" "up up" \
		"$(st_col CISCO-IETF-VPLS-GENERIC-MIB::cvplsStatusTable OperStatus)"
	t_check "snmptable cvplsPwBindTable: ConfigType" "manual manual manual manual" \
		"$(st_col CISCO-IETF-VPLS-GENERIC-MIB::cvplsPwBindTable ConfigType)"
else
	t_log "no reference MIB modules: snmptable checks left out"
fi

# Read-only: a SET is refused.
out=$(snmpset -v2c -c public -r 0 -t 3 "127.0.0.1:$SNMP_PORT" $PW.1.2.1.37.1 i 2 2>&1)
t_match "SET pwAdminStatus is refused" "notWritable|noAccess|noCreation" "$out"
t_check "pwAdminStatus unchanged" 1 "$(t_value $PW.1.2.1.37.1)"

kill -0 "$AGENT" 2>/dev/null
t_check "shmib-pseudowire still runs" 0 $?
t_agent_stop pseudowire
t_check "no sanitizer report from shmib-pseudowire" 0 \
	"$(grep -c -E 'Sanitizer|runtime error' "$AGENT_LOG")"
t_done
