#!/usr/bin/env bash
# Index objects are no columns.  Hand-built segments hold, next to a
# few columns, an object of the name of every not-accessible index
# object of the tables served (pwIndex, cpwVcIndex, pwEnetPwInstance,
# cpwVcEnetPwVlan, vplsConfigIndex, cvplsConfigIndex, cvplsPwBindIndex):
# shmib-pseudowire serves the columns, never those objects (a GET of
# one is noSuchObject), and each table's instances have as many arcs
# as its INDEX in the catalogue has objects: pwIndex and vplsIndex as
# allocated (1, not the 99 and 77 the segments hold), pwEnetPwInstance
# and cpwVcEnetPwVlan as the segment holds them.
source "$(dirname "$0")/../lib.sh"

source "$(dirname "$0")/pseudowire_lib.bash"
. "$(dirname "$0")/interface_segment.sh"       # seg_write

PW=.1.3.6.1.2.1.10.246.1.2.1
CPW=.1.3.6.1.4.1.9.10.106.1.2.1
CPERF=.1.3.6.1.4.1.9.10.106.1.5.1
ENET=.1.3.6.1.2.1.180.1.1.1
CENET=.1.3.6.1.4.1.9.10.108.1.1.1
VPLS=.1.3.6.1.2.1.10.274.1
CVPLS=.1.3.6.1.4.1.9.10.138.1
SHM=$T/shm

seg_write "$SHM" v1 vplsConfigIndex:u32:77 cvplsConfigIndex:u32:77 \
	vplsConfigName:str16:v1 vplsConfigMtu:u32:1500 vplsStatusOperStatus:i32:1 \
	cvplsConfigName:str16:v1 cvplsStatusOperStatus:i32:1
seg_write "$SHM" p1 pwIndex:u32:99 cpwVcIndex:u32:99 pwName:str16:p1 \
	pwOperStatus:i32:1 cpwVcName:str16:p1 cpwVcPerfTotalInHCPackets:u64:5 \
	pwEnetPwInstance:u32:3 pwEnetVlanMode:i32:1 \
	cpwVcEnetPwVlan:i32:4097 cpwVcEnetVlanMode:i32:1 \
	_X_vplsName:str16:v1 vplsPwBindType:i32:2 \
	cvplsPwBindIndex:u32:99 cvplsPwBindType:i32:2
ids "$SHM.vpls-ids" v1
ids "$SHM.pseudowire-ids" p1

t_snmpd
pw_start --shmem-dir "$SHM" --vpls-ids "$SHM.vpls-ids" \
	--pseudowire-ids "$SHM.pseudowire-ids" --state-file "$T/state"
served() { t_get -Oqv $PW.32.1 2>&1 | grep -q p1; }
t_wait 20 served || t_die "pwTable not served (see $T/pseudowire.log)"

# rows ENTRY (pseudowire_lib.bash): the instances as column.index arcs.
while read -r entry want desc; do
	t_check "$desc" "$want" "$(rows "$entry" | tr ' ' ,)"
done <<EOF
$PW        32.1,38.1 pwTable: pwName, pwOperStatus at pwIndex 1, no pwIndex column
$CPW       21.1      cpwVcTable: cpwVcName at cpwVcIndex 1, no cpwVcIndex column
$CPERF     1.1       cpwVcPerfTotalTable: at cpwVcIndex 1
$ENET      3.1.3     pwEnetTable: VlanMode at pwIndex.pwEnetPwInstance 1.3
$CENET     2.1.4097  cpwVcEnetTable: VlanMode at cpwVcIndex.cpwVcEnetPwVlan 1.4097
$VPLS.2.1  2.1,13.1  vplsConfigTable: Name, Mtu at vplsConfigIndex 1
$VPLS.3.1  1.1       vplsStatusTable (AUGMENTS vplsConfigEntry): at vplsConfigIndex 1
$VPLS.4.1  2.1.1     vplsPwBindTable: at vplsConfigIndex.pwIndex 1.1
$CVPLS.2.1 2.1       cvplsConfigTable: Name at cvplsConfigIndex 1
$CVPLS.3.1 1.1       cvplsStatusTable: at cvplsConfigIndex 1
$CVPLS.4.1 3.1.1     cvplsPwBindTable: at cvplsConfigIndex.cvplsPwBindIndex 1.1
EOF

# A GET of an index object's instance: it is no object of the table.
while read -r name oid; do
	t_match "GET $name: not served" "No Such Object" "$(t_get "$oid" 2>&1)"
done <<EOF
pwIndex          $PW.1.1
cpwVcIndex       $CPW.1.1
pwEnetPwInstance $ENET.1.1.3
cpwVcEnetPwVlan  $CENET.1.1.4097
vplsConfigIndex  $VPLS.2.1.1.1
cvplsConfigIndex $CVPLS.2.1.1.1
cvplsPwBindIndex $CVPLS.4.1.1.1.1
EOF
t_check "pwName.1 is served" '"p1"' "$(t_value $PW.32.1)"

stop
t_done
