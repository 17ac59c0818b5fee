#!/usr/bin/env bash
# shmib-interface serves every ifTable/ifXTable column with the values
# of the segments and the conversion rules of DESIGN.md, read through
# a real snmpd with the net-snmp tools.
# loads: daemon module
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/interface_segment.sh"

IF=.1.3.6.1.2.1.2.2.1
IFX=.1.3.6.1.2.1.31.1.1.1
SNMPD_EXTRA_CONF="rwcommunity private 127.0.0.1"
t_snmpd
ticks() { t_get -Oqvt "$1" 2>&1; }

up_before=$(ticks .1.3.6.1.2.1.1.3.0)
now=$(date +%s)
"$BIN/shmib-fakeseg" --dir "$T/shm" --interfaces 3 --time "$now" >/dev/null || t_die "fakeseg"
up_after=$(ticks .1.3.6.1.2.1.1.3.0)
echo "odd0 7" >>"$T/shm.ifindex"
seg_write "$T/shm" odd0 ifDescr:str16:odd0 ifType:i32:6 ifMtu:u64:9000 \
	ifSpeed:u64:$((5 << 32)) ifInOctets:u64:$(((0x12345 << 32) + 7)) \
	ifInMulticastPkts:u32:4294967295 ifInBroadcastPkts:u32:2 \
	ifLastChange:u32:12345 _X_ifLastChange_TicksBase:u64:$((now - 3600)) \
	ifCounterDiscontinuityTime:u32:999 _X_ifCounterDiscontinuityTime_TimeAbs:u64:0 \
	ifHCInOctets:u32:77 ifAlias:str0: noSuchThing:u32:1 _X_other:u64:1
seg_write "$T/shm" stray ifDescr:str16:notmapped ifType:i32:6

t_agent agent interface --kernel-interfaces no --shmem-dir "$T/shm" --ifindex "$T/shm.ifindex" --check-interval 1
wait_for 7 t_value $IF.1.7 || t_die "agent does not serve (see $AGENT_LOG)"

# Every numeric column of every fake interface, as shmib-dump reads it.
for i in 1 2 3; do
	while IFS=$'\t' read -r obj type val; do
		line=$(awk -v o="$obj" '$1 == o && ($6 == "ifTable" || $6 == "ifXTable")' "$TOP/mibs/catalogue.txt")
		[ "$line" ] || continue
		case $type in Counter32|Counter64|Gauge32|Integer32) ;; *) continue ;; esac
		oid=.$(awk '{ print $2 }' <<<"$line").$i
		t_check "if$i $obj" "$val" "$(t_get -Oqv "$oid" 2>&1)"
	done < <("$BIN/shmib-dump" "$T/shm/if$i")
done

t_check "ifIndex" "2" "$(t_value $IF.1.2)"
t_check "ifDescr" '"0000:00:00.2"' "$(t_value $IF.2.2)"
t_check "ifPhysAddress" "$IF.6.1 = Hex-STRING: 02 00 00 00 00 01" "$(t_get $IF.6.1 | sed 's/ *$//')"
t_check "ifName" '"if3"' "$(t_value $IFX.1.3)"
t_check "ifAlias" '"fake interface 1"' "$(t_value $IFX.18.1)"
t_check "ifSpecific is 0.0" "$IF.22.1 = OID: .0.0" "$(t_get $IF.22.1)"
t_check "ifOutQLen synthesised" "$IF.21.1 = Gauge32: 0" "$(t_get $IF.21.1)"
t_check "ifInNUcastPkts = multicast + broadcast" "$((1009 + 101))" "$(t_value $IF.12.1)"
t_check "ifOutNUcastPkts = multicast + broadcast" "$((2 * (2003 + 211)))" "$(t_value $IF.18.2)"
t_check "ifNumber = rows served" "4" "$(t_value .1.3.6.1.2.1.2.1.0)"
t_check "ifTableLastChange: no change since start" "0" "$(ticks .1.3.6.1.2.1.31.1.5.0)"

# _X_ifLastChange_TicksBase is the time of the change: ifLastChange is
# the master's sysUpTime then (whole seconds, hence the slack).
lc=$(ticks $IF.9.1)
[ "$lc" -ge $((up_before - 100)) ] && [ "$lc" -le $((up_after + 100)) ]
t_check "ifLastChange = sysUpTime at the change ($up_before <= $lc <= $up_after)" 0 $?
t_check "ifCounterDiscontinuityTime from _TimeAbs" "$lc" "$(ticks $IFX.19.1)"

# The hand-built segment.
t_check "Integer32 stored in 8 bytes" "9000" "$(t_value $IF.4.7)"
t_check "Gauge32 saturates" "4294967295" "$(t_value $IF.5.7)"
t_check "Counter32 = low 32 bits of 8 bytes" "7" "$(t_value $IF.10.7)"
t_check "Counter32 sum wraps" "1" "$(t_value $IF.12.7)"
t_check "Counter64 stored in 4 bytes" "77" "$(t_value $IFX.6.7)"
t_check "empty OctetStr" '""' "$(t_value $IFX.18.7)"
t_check "ifLastChange before the master started is 0" "0" "$(ticks $IF.9.7)"
t_check "TimeAbs 0 is 0" "0" "$(ticks $IFX.19.7)"
t_match "absent column: noSuchInstance" "No Such Instance" "$(t_get $IFX.1.7)"
t_match "unmapped row: noSuchInstance" "No Such Instance" "$(t_get $IF.1.8)"
t_match "unknown column: noSuchObject" "No Such Object" "$(t_get $IF.23.1)"
t_match "ifNumber.1: noSuchInstance" "No Such Instance" "$(t_get .1.3.6.1.2.1.2.1.1)"

# Walks: columns in order, rows by ifIndex, odd0's absent ones skipped.
walk=$(t_bulkwalk .1.3.6.1.2.1.2)
t_check "ifIndex column" "1 2 3 7" "$(grep "^$IF.1\." <<<"$walk" | awk '{ print $4 }' | tr '\n' ' ' | sed 's/ $//')"
t_check "ifTable rows of if1: every column" "22" "$(grep -c "^$IF\.[0-9]*\.1 " <<<"$walk")"
xwalk=$(t_bulkwalk .1.3.6.1.2.1.31)
t_check "ifXTable rows of if1: every column" "19" "$(grep -c "^$IFX\.[0-9]*\.1 " <<<"$xwalk")"
t_check "bulkwalk = walk" "$(t_walk .1.3.6.1.2.1.31)" "$xwalk"
t_check "last of ifMIB is ifTableLastChange" ".1.3.6.1.2.1.31.1.5.0" "$(tail -1 <<<"$xwalk" | awk '{ print $1 }')"
t_match "getnext past the end" "No more variables|End of MIB|\.1\.3\.6\.1\.2\.1\.(3[2-9]|[4-9][0-9])" \
	"$(snmpgetnext -v2c -c public -On 127.0.0.1:$SNMP_PORT .1.3.6.1.2.1.31.1.5.0 2>&1)"

t_match "SET: notWritable" "notWritable" \
	"$(snmpset -v2c -c private -On -r 0 -t 3 127.0.0.1:$SNMP_PORT $IF.7.1 i 2 2>&1)"
t_check "the segment is untouched" "1" "$(t_value $IF.7.1)"

t_check "unmapped ifDescr logged once" "1" "$(grep -c "'notmapped' is not in the ifindex map" "$AGENT_LOG")"
t_done
