#!/usr/bin/env bash
# Link state of kernel interfaces: a veth set down and up again changes
# its row's ifOperStatus and ifLastChange within a second (rtnetlink
# events, no polling), and linkDown/linkUp reach a real snmptrapd
# through the master, for the veth and for its peer (which loses its
# carrier); a new veth pair adds two rows and moves ifTableLastChange;
# with ifLinkUpDownTrapEnable false in interface.conf, the
# rows change and nothing is sent.
# loads: daemon module
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/kernel_lib.bash"
. "$(dirname "$0")/notify_lib.bash"

IF=.1.3.6.1.2.1.2.2.1
DOWN=1.3.6.1.6.3.1.1.5.3 UP=1.3.6.1.6.3.1.1.5.4
veth kl0 kl1
L0=$(ifindex_of kl0) L1=$(ifindex_of kl1)
trapd_start
t_snmpd
: >"$T/ifindex"
k_agent agent --ifindex "$T/ifindex"
t_wait 15 served "$L0" || t_die "kl0 not served (see $AGENT_LOG)"
t_check "kl0 up at the start" 1 "$(k_value $IF.8.$L0)"
t_check "ifLastChange 0: up since before the agent started" 0 "$(k_value $IF.9.$L0)"

# within_1s CMD...: CMD succeeds within one second of now.
within_1s() {
	local end=$(($(date +%s%N) + 1000000000))
	while [ "$(date +%s%N)" -le $end ]; do "$@" && return 0; sleep 0.05; done
	return 1
}
oper_is() { [ "$(k_value $IF.8.$1)" = "$2" ]; }
vbs() { echo "${IF#.}.1.$1=$1 ${IF#.}.7.$1=$2 ${IF#.}.8.$1=$3"; }

in_ns ip link set kl0 down
t_check "kl0 set down: ifOperStatus down(2) within 1 s" 0 "$(within_1s oper_is "$L0" 2; echo $?)"
up=$(k_value .1.3.6.1.2.1.1.3.0) last=$(k_value $IF.9.$L0)
t_match "ifLastChange is the sysUpTime of the change ($last, now $up)" yes \
	"$([ "$last" -gt 0 ] && [ "$last" -le "$up" ] && [ $((up - last)) -le 300 ] && echo yes)"
t_wait 10 got 2 $DOWN
t_check "linkDown for kl0 (admin down) and kl1 (no carrier)" \
	"$(printf '%s\n' "$DOWN $(vbs "$L0" 2 2)" "$DOWN $(vbs "$L1" 1 2)" | sort)" "$(traps $DOWN | sort)"

in_ns ip link set kl0 up
t_check "kl0 set up: ifOperStatus up(1) within 1 s" 0 "$(within_1s oper_is "$L0" 1; echo $?)"
t_match "ifLastChange moved on" yes "$([ "$(k_value $IF.9.$L0)" -ge "$last" ] && echo yes)"
t_wait 10 got 2 $UP
t_check "linkUp for both" "$(printf '%s\n' "$UP $(vbs "$L0" 1 1)" "$UP $(vbs "$L1" 1 1)" | sort)" \
	"$(traps $UP | sort)"

# Disabled in interface.conf: the rows change, nothing is sent.
k_agent_stop
echo "ifLinkUpDownTrapEnable false" >"$T/snmpconf/interface.conf"
k_agent agent2 --ifindex "$T/ifindex"
t_wait 15 served "$L0" || t_die "kl0 not served again (see $AGENT_LOG)"
in_ns ip link set kl0 down
t_check "disabled: kl0 still goes down(2)" 0 "$(within_1s oper_is "$L0" 2; echo $?)"
in_ns ip link set kl0 up
t_check "disabled: and up(1)" 0 "$(within_1s oper_is "$L0" 1; echo $?)"
sleep 1
t_check "disabled: no further notification" 4 "$(ntraps $DOWN $UP)"

# A veth pair created: two rows more, ifTableLastChange moves.
n=$(k_value .1.3.6.1.2.1.2.1.0)
t_check "ifTableLastChange 0: no row came or went" 0 "$(k_value .1.3.6.1.2.1.31.1.5.0)"
veth kn0 kn1
t_wait 10 served "$(ifindex_of kn1)" || t_fail "kn1 never served"
t_check "ifNumber counts the new pair" $((n + 2)) "$(k_value .1.3.6.1.2.1.2.1.0)"
t_match "ifTableLastChange moved" '^[1-9][0-9]*$' "$(k_value .1.3.6.1.2.1.31.1.5.0)"
t_check "disabled: nothing for the new pair either" 4 "$(sleep 1; ntraps $DOWN $UP)"
k_agent_stop
t_done
