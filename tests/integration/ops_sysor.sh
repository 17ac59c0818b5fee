#!/usr/bin/env bash
# sysORTable (RFC 3418) names the MIB modules the subagents implement:
# IF-MIB from shmib-interface; PW-STD-MIB, PW-ENET-STD-MIB and
# VPLS-GENERIC-MIB from shmib-pseudowire, each with its description;
# and again after snmpd restarts (the subagents reconnect), once each.
. "$(dirname "$0")/../lib.sh"

for b in shmib-interface shmib-pseudowire shmib-fakeseg; do
	[ -x "$BIN/$b" ] || t_skip "$b is not built"
done
SYSOR=.1.3.6.1.2.1.1.9.1
IF_MIB=.1.3.6.1.2.1.31 PW_MIB=.1.3.6.1.2.1.10.246
ENET_MIB=.1.3.6.1.2.1.180 VPLS_MIB=.1.3.6.1.2.1.10.274
SHM=$T/shm

"$BIN/shmib-fakeseg" --dir "$SHM" --interfaces 2 --vpls 1 --pseudowires 2 \
	>"$T/fakeseg.log" 2>&1 || t_die "shmib-fakeseg failed"
t_snmpd
t_bg interface "$BIN/shmib-interface" -f -x "unix:$AGENTX" --shmem-dir "$SHM" \
	--ifindex "$SHM.ifindex" --check-interval 1
t_bg pseudowire "$BIN/shmib-pseudowire" -f -x "unix:$AGENTX" --shmem-dir "$SHM" \
	--vpls-ids "$SHM.vpls-ids" --pseudowire-ids "$SHM.pseudowire-ids" \
	--state-file "$T/state" --check-interval 1

# "OID descr" for each of ours, sorted by OID.
entries() {
	local -A id descr
	local line i
	while read -r line; do
		i=${line%% *}; i=${i##*.}
		case $line in
		$SYSOR.2.*) id[$i]=${line#*= OID: } ;;
		$SYSOR.3.*) descr[$i]=$(sed 's/^[^"]*"//; s/"$//' <<<"$line") ;;
		esac
	done < <(t_walk $SYSOR 2>/dev/null)
	for i in "${!id[@]}"; do
		case ${id[$i]} in
		$IF_MIB|$PW_MIB|$ENET_MIB|$VPLS_MIB) echo "${id[$i]} ${descr[$i]}" ;;
		esac
	done | sort
}
want="$PW_MIB The PW-STD-MIB module: pseudowires
$VPLS_MIB The VPLS-GENERIC-MIB module: VPLS instances
$ENET_MIB The PW-ENET-STD-MIB module: Ethernet pseudowires
$IF_MIB The IF-MIB module: ifTable and ifXTable of the dataplane's ports"
want=$(sort <<<"$want")
four() { [ "$(entries | wc -l)" -eq 4 ]; }
t_wait 15 four || t_fail "not four entries in sysORTable after 15 s"
t_check "sysORTable: IF-MIB, PW-STD-MIB, PW-ENET-STD-MIB, VPLS-GENERIC-MIB" "$want" "$(entries)"

t_snmpd_stop
t_snmpd                 # same port, same socket: the subagents reconnect
t_wait 30 four || t_fail "not four entries in sysORTable 30 s after snmpd restarted"
t_check "after snmpd restarted: the same entries, once each" "$want" "$(entries)"
t_done
