#!/usr/bin/env bash
# Every frame a customer port receives is forwarded or counted where an
# operator can read it, under load: 65,536 frames from varied MAC
# addresses (unicast to addresses on the same port, to unknown ones,
# broadcast) into a VPLS of one AC and two pseudowires, and as many
# into a VPWS whose pseudowire is down (its control channel has no
# peer).  For each AC: frames received = frames forwarded + its
# ifInDiscards (what the bridge filters and what a down pseudowire
# cannot take).
. "$(dirname "$0")/../lib.sh"
. "$TOP/tests/data/l2vpn/run.sh"
. "$TOP/tests/data/l2vpn/pcap.sh"

[ -x "$DP" ] || t_die "$DP not built"
NAME=acct SHM=$T/shm-acct
COPIES=256                      # of 256 frames: 65,536 per AC
N=$((256 * COPIES))

{
	l2vpn_global $NAME
	pcap_ports $NAME up ac0 ac1
	uplink_u up 2001:db8::1 "next_hop = 2001:db8::fe"
	vpls_section v ac0
	pseudowire_section pw1 v 1 2001:db8::2 "tunnel = gre" "heartbeat = 0"
	pseudowire_section pw2 v 2 2001:db8::3 "tunnel = gre" "heartbeat = 0"
	vpls_section w ac1
	pseudowire_section pw3 w 3 2001:db8::4 "tunnel = gre" "heartbeat = 1"
} >"$T/$NAME.conf"

# 256 frames from 16 source addresses: a quarter broadcast, a quarter
# to unknown addresses (flooded), half to the 16 sources, which the
# bridge learns on the AC itself and then filters.  Repeated by
# doubling the records (the pcap header is 24 bytes).
payload=$(bytes 46)
frames=()
for ((i = 0; i < 256; i++)); do
	printf -v src '0200000001%02x' $((i % 16))
	case $((i % 4)) in
	0) dst=ffffffffffff ;;
	1) printf -v dst '0200000002%02x' "$i" ;;
	*) printf -v dst '0200000001%02x' $(((i * 7 + 3) % 16)) ;;
	esac
	frames+=("$dst$src"0800"$payload")
done
pcap_write "$T/one.pcap" "${frames[@]}"
tail -c +25 "$T/one.pcap" >"$T/records"
for ((c = 1; c < COPIES; c *= 2)); do cat "$T/records" "$T/records" >"$T/records2"; mv "$T/records2" "$T/records"; done
{ head -c 24 "$T/one.pcap"; cat "$T/records"; } >"$T/$NAME-ac0.in.pcap"
cp "$T/$NAME-ac0.in.pcap" "$T/$NAME-ac1.in.pcap"
pcap_write "$T/$NAME-up.in.pcap"

dp_start_vdevs $NAME

received() {
	local s=$SHM/$1
	echo $(($(dump_value "$s" ifHCInUcastPkts) + $(dump_value "$s" ifHCInMulticastPkts) +
		$(dump_value "$s" ifHCInBroadcastPkts)))
}
out() { dump_value "$SHM/$1" cpwVcPerfTotalOutHCPackets; }
discards() { dump_value "$SHM/$1" ifInDiscards; }
# Received all, and forwarded + discarded caught up with it (the
# counters reach the segments on the publish timer).
settled() {
	[ "$(received ac0) $(received ac1)" = "$N $N" ] &&
		[ $(($(out pw1) + $(discards ac0))) -eq $N ] &&
		[ $(($(out pw3) + $(discards ac1))) -eq $N ]
}
t_wait 60 settled
t_log "VPLS: ac0 received $(received ac0), pw1 $(out pw1), pw2 $(out pw2) out, ac0 ifInDiscards $(discards ac0)"
t_log "VPWS: ac1 received $(received ac1), pw3 $(out pw3) out, ac1 ifInDiscards $(discards ac1)"
t_check "VPLS: ac0 received every frame" $N "$(received ac0)"
t_check "VPLS: received = forwarded + ifInDiscards" $N $(($(out pw1) + $(discards ac0)))
t_check "VPLS: every frame forwarded goes to both pseudowires" "$(out pw1)" "$(out pw2)"
t_match "VPLS: the bridge filtered frames, counted" '^[1-9][0-9]*$' "$(discards ac0)"
t_match "VPLS: and forwarded the others" '^[1-9][0-9]*$' "$(out pw1)"
t_check "VPWS: ac1 received every frame" $N "$(received ac1)"
t_check "VPWS, pseudowire down: nothing forwarded" 0 "$(out pw3)"
t_check "VPWS, pseudowire down: every frame in ifInDiscards" $N "$(discards ac1)"
dp_stop "$DP_PID"
t_done
