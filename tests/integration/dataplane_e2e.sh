#!/usr/bin/env bash
# End to end: shmib-dataplane forwards frames between two net_pcap
# ports, shmib-interface serves its segments through a real snmpd, and
# snmpget reads the octets and packets the test sent.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/dataplane_lib.bash"

AGENT=$BIN/shmib-interface
[ -x "$AGENT" ] || t_skip "$AGENT not built"
IF=.1.3.6.1.2.1.2.2.1
IFX=.1.3.6.1.2.1.31.1.1.1

# 20 unicast frames of 100..290 bytes, 3 broadcast of 60.
pcap_new "$T/in.pcap"
bytes=0
for i in $(seq 20); do pcap_frame "$T/in.pcap" 020000000001 $((90 + 10 * i)) "$i"; bytes=$((bytes + 90 + 10 * i)); done
for i in 21 22 23; do pcap_frame "$T/in.pcap" ffffffffffff 60 "$i"; bytes=$((bytes + 60)); done
pcap_new "$T/empty.pcap"

cat >"$T/dp.conf" <<EOC
[global]
publish_interval = 0.2
[port access]
device = net_pcap0,rx_pcap=$T/in.pcap,tx_pcap=$T/access_tx.pcap
alias = customer 1
xconnect = core
[port core]
device = net_pcap1,rx_pcap=$T/empty.pcap,tx_pcap=$T/core_tx.pcap
EOC
printf 'net_pcap0 1\nnet_pcap1 2\n' >"$T/ifindex"

dp_start e2e "$T/dp.conf"
t_snmpd
t_bg agent "$AGENT" --kernel-interfaces no -f -x "unix:$AGENTX" --shmem-dir "$T/shm" \
	--ifindex "$T/ifindex" --check-interval 1
# snmpget exits 0 on "No Such Object" too: wait for the value itself.
serving() { [ "$(t_value $IF.2.2)" == '"net_pcap1"' ]; }
t_wait 30 serving || t_die "agent does not serve (see $T/agent.log)"
# The counters reach the segments within a publish interval.
t_wait 10 seg_is "$T/shm/core" ifHCOutOctets "$bytes" || t_fail "segment never counted $bytes octets"

t_check "ifDescr.1" '"net_pcap0"' "$(t_value $IF.2.1)"
t_check "ifDescr.2" '"net_pcap1"' "$(t_value $IF.2.2)"
t_check "ifAlias.1" '"customer 1"' "$(t_value $IFX.18.1)"
t_check "ifOperStatus.1" 1 "$(t_value $IF.8.1)"
t_check "ifHCInOctets.1 = octets sent" "$bytes" "$(t_value $IFX.6.1)"
t_check "ifInOctets.1" "$bytes" "$(t_value $IF.10.1)"
t_check "ifHCInUcastPkts.1" 20 "$(t_value $IFX.7.1)"
t_check "ifHCInBroadcastPkts.1" 3 "$(t_value $IFX.9.1)"
t_check "ifHCOutOctets.2 = octets forwarded" "$bytes" "$(t_value $IFX.10.2)"
t_check "ifHCOutUcastPkts.2" 20 "$(t_value $IFX.11.2)"
t_check "ifHCOutBroadcastPkts.2" 3 "$(t_value $IFX.13.2)"
t_check "ifOutDiscards.2" 0 "$(t_value $IF.19.2)"

dp_stop
t_check "dataplane exit status" 0 "$DP_STATUS"
t_done
