#!/usr/bin/env bash
# The dataplane's ports on kernel interfaces take their link state from
# the kernel: the demo (config/examples/demo.conf) in a namespace of the
# test's own, its uplink veth upa set down, and the net_af_packet port
# on it goes ifOperStatus down(2) within a publish interval, linkDown
# for its row reaches snmptrapd; upa up again: up(1), linkUp.  The
# agent in the same namespace serves upa and upb beside the ports.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/kernel_lib.bash"
. "$(dirname "$0")/notify_lib.bash"

[ -x "$BIN/shmib-dataplane" ] || t_skip "shmib-dataplane not built"
IF=.1.3.6.1.2.1.2.2.1
DOWN=1.3.6.1.6.3.1.1.5.3 UP=1.3.6.1.6.3.1.1.5.4
veth upa upb
printf 'net_null0 1001\nnet_null1 1002\nnet_af_packet0 1003\nnet_af_packet1 1004\n' >"$T/ifindex"
DP_LOG=$T/dataplane.log
t_bg dataplane ip netns exec "$KNS" "$BIN/shmib-dataplane" -l 0,1 --no-huge -m 1024 --no-pci \
	--vdev net_null0 --vdev net_null1 --file-prefix "shmib-kernlink-$$" \
	-- --config "$TOP/config/examples/demo.conf" --shmem-dir "$T/shm" -f
t_wait 30 grep -q "forwarding on" "$DP_LOG" || t_die "dataplane did not start: $(cat "$DP_LOG")"
t_match "the uplink port follows upa" "port a-uplink: link state of kernel interface upa \\(up\\)" \
	"$(cat "$DP_LOG")"
trapd_start
t_snmpd
k_agent agent --ifindex "$T/ifindex"
t_wait 15 served 1004 || t_die "ports not served (see $AGENT_LOG)"
t_check "net_af_packet0 up" 1 "$(k_value $IF.8.1003)"
upa=$(ifindex_of upa)
t_check "upa served beside the ports" '"upa"' "$(k_value $IF.2.$upa)"

# within_2s CMD...: CMD succeeds within two seconds (publish interval 1 s).
within_2s() {
	local end=$(($(date +%s%N) + 2000000000))
	while [ "$(date +%s%N)" -le $end ]; do "$@" && return 0; sleep 0.05; done
	return 1
}
oper_is() { [ "$(k_value $IF.8.$1)" = "$2" ]; }
port_traps() { traps "$@" | grep " ${IF#.}.1.1003=1003 " ; }
has_trap() { port_traps "$@" | grep -q .; }

in_ns ip link set upa down
t_check "upa down: net_af_packet0 down(2) within a publish interval" 0 \
	"$(within_2s oper_is 1003 2; echo $?)"
t_wait 10 has_trap $DOWN
t_check "linkDown for net_af_packet0" "$DOWN ${IF#.}.1.1003=1003 ${IF#.}.7.1003=1 ${IF#.}.8.1003=2" \
	"$(port_traps $DOWN)"
t_check "the kernel row of upa is down too" 2 "$(k_value $IF.8.$upa)"
in_ns ip link set upa up
t_check "upa up: net_af_packet0 up(1) again" 0 "$(within_2s oper_is 1003 1; echo $?)"
t_wait 10 has_trap $UP
t_check "linkUp for net_af_packet0" "$UP ${IF#.}.1.1003=1003 ${IF#.}.7.1003=1 ${IF#.}.8.1003=1" \
	"$(port_traps $UP)"
t_match "the dataplane logged the change once each way" "link down.*link up" \
	"$(grep 'port a-uplink (' "$DP_LOG" | grep -o 'link [a-z]*' | tr '\n' ' ')"
t_done
