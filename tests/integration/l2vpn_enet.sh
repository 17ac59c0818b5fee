#!/usr/bin/env bash
# The VLAN objects of PW-ENET-STD-MIB and CISCO-IETF-PW-ENET-MIB for a
# VPWS on a whole port (raw mode: portBased, VLANs "not applicable") and
# for a VPWS on VLAN 100 of a trunk port (the tag comes off into the
# pseudowire: removeVlan, port VLAN 100, pseudowire VLAN "untagged"):
# in the segments, and served by shmib-pseudowire, where the Cisco
# table's second index is cpwVcEnetPwVlan.
. "$(dirname "$0")/../lib.sh"
. "$TOP/tests/data/l2vpn/pcap.sh"
. "$TOP/tests/data/l2vpn/run.sh"

[ -x "$DP" ] || t_die "$DP not built"

# vpws NAME AC VC-ID: a VPWS and its pseudowire NAME over uplink u.
vpws() {
	printf '[vpls %s]\nuplink = u\nac = %s\n\n' "v-$1" "$2"
	printf '[pseudowire %s]\nvpls = v-%s\nvc_id = %s\npeer = 2001:db8::2\n' "$1" "$1" "$3"
	printf 'tunnel = gre\nkey = %s\nheartbeat = 0\n\n' "$3"
}
{
	l2vpn_global en
	i=0
	for p in up trunk plain; do
		printf '[port %s]\ndevice = net_null%d,no-rx=1\n\n' $p $i
		i=$((i + 1))
	done
	printf '[uplink u]\nport = up\naddress = 2001:db8::1\nnext_hop_mac = 02:00:00:00:00:fe\n\n'
	vpws pw-vlan trunk.100 1
	vpws pw-raw plain 2
} >"$T/en.conf"
dp_start en --vdev net_null0,no-rx=1 --vdev net_null1,no-rx=1 --vdev net_null2,no-rx=1

seg() { dump_value "$T/shm-en/$1" "$2"; }
# cpwVcEnetPwVlan is the row's second index (not-accessible, never
# served as a column): the segment carries it, shmib-dump shows it.
#        object              VLAN AC     whole port
while read -r obj vlan raw; do
	t_check "VLAN AC: $obj" "$vlan" "$(seg pw-vlan "$obj")"
	t_check "whole port: $obj" "$raw" "$(seg pw-raw "$obj")"
done <<EOF
pwEnetVlanMode              5           1
pwEnetPortVlan              100         4095
pwEnetPwVlan                0           4095
cpwVcEnetVlanMode           5           1
cpwVcEnetPortVlan           100         4097
cpwVcEnetPwVlan             4096        4097
EOF

[ -x "$BIN/shmib-pseudowire" ] || t_skip "shmib-pseudowire is not built (the segments passed)"
printf 'net_null0 1\nnet_null1 2\nnet_null2 3\n' >"$T/en.ifindex"
snmpd_side en
t_bg pseudowire "$BIN/shmib-pseudowire" -f -x "unix:$T/en-agentx.sock" \
	--shmem-dir "$T/shm-en" --ifindex "$T/en.ifindex" --vpls-ids "$T/en.vpls-ids" \
	--pseudowire-ids "$T/en.pseudowire-ids" --state-file "$T/en.state" --check-interval 1
snmp() { snmpwalk -v2c -c public -On -Oqt -r 1 -t 3 "127.0.0.1:${SIDE_PORT[en]}" "$@" 2>&1; }
PWNAME=.1.3.6.1.2.1.10.246.1.2.1.32
ENET=.1.3.6.1.2.1.180.1.1.1
CENET=.1.3.6.1.4.1.9.10.108.1.1.1
# pwindex NAME: the pwIndex the agent gave pseudowire NAME.
pwindex() { snmp $PWNAME | sed -n "s/^${PWNAME//./\\.}\.\([0-9]*\) \"$1\"$/\1/p"; }
served() { [ -n "$(pwindex pw-vlan)" ] && [ -n "$(pwindex pw-raw)" ]; }
t_wait 20 served || t_die "pw-vlan not served: $(tail -3 "$T/pseudowire.log")"
v=$(pwindex pw-vlan) r=$(pwindex pw-raw)
# Columns: pwEnetPwVlan 2, VlanMode 3, PortVlan 4, PortIfIndex 5;
# cpwVcEnetVlanMode 2, PortVlan 3, PortIfIndex 5.
t_check "pwEnetTable, VLAN AC: PwVlan VlanMode PortVlan PortIfIndex" "0 5 100 2" \
	"$(for c in 2 3 4 5; do snmp $ENET.$c.$v.1 | cut -d' ' -f2; done | xargs)"
t_check "pwEnetTable, whole port" "4095 1 4095 3" \
	"$(for c in 2 3 4 5; do snmp $ENET.$c.$r.1 | cut -d' ' -f2; done | xargs)"
t_check "cpwVcEnetTable, VLAN AC: row .4096, VlanMode PortVlan PortIfIndex" "5 100 2" \
	"$(for c in 2 3 5; do snmp $CENET.$c.$v.4096 | cut -d' ' -f2; done | xargs)"
t_check "cpwVcEnetTable, whole port: row .4097" "1 4097 3" \
	"$(for c in 2 3 5; do snmp $CENET.$c.$r.4097 | cut -d' ' -f2; done | xargs)"

dp_stop "$DP_PID"
t_done
