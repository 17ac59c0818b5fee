#!/usr/bin/env bash
# shmib-dataplane on two net_pcap ports, cross-connected: every frame
# read from one port's rx pcap is written, unchanged and in order, to
# the other's tx pcap, and the interface segments count exactly what
# was sent, split into unicast, multicast and broadcast.  A clean
# shutdown returns every mbuf and removes the segments.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/dataplane_lib.bash"

UCAST=020000000001 MCAST=01005e000001 BCAST=ffffffffffff

# in_a: 5 unicast of 60..100 bytes, 3 multicast of 128, 2 broadcast of 64.
pcap_new "$T/in_a.pcap"
seq=1 bytes_a=0
for len in 60 70 80 90 100; do pcap_frame "$T/in_a.pcap" $UCAST $len $seq; seq=$((seq + 1)); bytes_a=$((bytes_a + len)); done
for _ in 1 2 3; do pcap_frame "$T/in_a.pcap" $MCAST 128 $seq; seq=$((seq + 1)); bytes_a=$((bytes_a + 128)); done
for _ in 1 2; do pcap_frame "$T/in_a.pcap" $BCAST 64 $seq; seq=$((seq + 1)); bytes_a=$((bytes_a + 64)); done
# in_b, the other way: 1 broadcast, 2 unicast, interleaved with 1 multicast.
pcap_new "$T/in_b.pcap"
pcap_frame "$T/in_b.pcap" $BCAST 342 100
pcap_frame "$T/in_b.pcap" $UCAST 1514 101
pcap_frame "$T/in_b.pcap" $MCAST 60 102
pcap_frame "$T/in_b.pcap" $UCAST 60 103
bytes_b=$((342 + 1514 + 60 + 60))

# Port a comes from EAL's --vdev, port b is probed from its device spec.
cat >"$T/dp.conf" <<EOC
[global]
publish_interval = 0.1
[port a]
device = net_pcap0
alias = pcap side A
xconnect = b
[port b]
device = net_pcap1,rx_pcap=$T/in_b.pcap,tx_pcap=$T/b_tx.pcap
name = pcapB
EOC
dp_start pcap "$T/dp.conf" --vdev "net_pcap0,rx_pcap=$T/in_a.pcap,tx_pcap=$T/a_tx.pcap"
t_log "$(grep ifDescr "$DP_LOG")"

A=$T/shm/a B=$T/shm/b
t_wait 10 seg_is "$B" ifHCOutUcastPkts 5 && t_wait 10 seg_is "$A" ifHCOutUcastPkts 2 ||
	t_fail "segments never showed the frames"

t_check "a ifDescr" '"net_pcap0"' "$(seg_get "$A" ifDescr)"
t_check "b ifDescr" '"net_pcap1"' "$(seg_get "$B" ifDescr)"
t_check "a ifName" '"a"' "$(seg_get "$A" ifName)"
t_check "b ifName" '"pcapB"' "$(seg_get "$B" ifName)"
t_check "a ifAlias" '"pcap side A"' "$(seg_get "$A" ifAlias)"
t_check "a ifType" 6 "$(seg_get "$A" ifType)"
t_check "a ifMtu" 1500 "$(seg_get "$A" ifMtu)"
t_check "a ifAdminStatus" 1 "$(seg_get "$A" ifAdminStatus)"
t_check "a ifConnectorPresent (virtual)" 2 "$(seg_get "$A" ifConnectorPresent)"

# name expected-in-a expected-in-b
while read -r obj va vb; do
	t_check "a $obj" "$va" "$(seg_get "$A" "$obj")"
	t_check "b $obj" "$vb" "$(seg_get "$B" "$obj")"
done <<EOC
ifHCInOctets $bytes_a $bytes_b
ifInOctets $bytes_a $bytes_b
ifHCInUcastPkts 5 2
ifInUcastPkts 5 2
ifHCInMulticastPkts 3 1
ifInMulticastPkts 3 1
ifHCInBroadcastPkts 2 1
ifInBroadcastPkts 2 1
ifHCOutOctets $bytes_b $bytes_a
ifOutOctets $bytes_b $bytes_a
ifHCOutUcastPkts 2 5
ifOutUcastPkts 2 5
ifHCOutMulticastPkts 1 3
ifOutMulticastPkts 1 3
ifHCOutBroadcastPkts 1 2
ifOutBroadcastPkts 1 2
ifInDiscards 0 0
ifOutDiscards 0 0
ifInErrors 0 0
ifOutErrors 0 0
EOC

dp_stop
t_check "exit status after SIGTERM" 0 "$DP_STATUS"
t_match "every mbuf back in the pool" "mbufs: all [0-9]+ returned" "$(cat "$DP_LOG")"
t_check "segments removed" "" "$(ls "$T/shm")"
t_check "frames sent by b" 10 "$(pcap_hex "$T/b_tx.pcap" | grep -c "length")"
t_check "a -> b: frames unchanged and in order" "$(pcap_hex "$T/in_a.pcap")" "$(pcap_hex "$T/b_tx.pcap")"
t_check "b -> a: frames unchanged and in order" "$(pcap_hex "$T/in_b.pcap")" "$(pcap_hex "$T/a_tx.pcap")"
t_done
