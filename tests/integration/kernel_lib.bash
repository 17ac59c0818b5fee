# Helpers of the kernel-interface tests (sourced after tests/lib.sh): a
# network namespace of the test's own, where snmpd, shmib-interface and
# the snmp tools run, so the kernel interfaces are the test's veths
# and its lo.  Everything made here goes at exit.

[ "$(id -u)" = 0 ] || t_skip "needs root for network namespaces and veths"
ip netns list >/dev/null 2>&1 || t_skip "no 'ip netns'"
KNS=shmib-k$$
KNS_ALL=()

# kns_add NAME: a namespace with lo up, removed at exit.
kns_add() {
	ip netns add "$1" || t_die "cannot create namespace $1"
	KNS_ALL+=("$1")
	ip -n "$1" link set lo up
}
kns_cleanup() {
	local ns
	t_cleanup
	for ns in "${KNS_ALL[@]}"; do ip netns del "$ns" 2>/dev/null; done
}
trap kns_cleanup EXIT
kns_add "$KNS"
SNMPD_NETNS=$KNS

# in_ns CMD...: CMD inside the test's namespace.
in_ns() { ip netns exec "$KNS" "$@"; }

# veth A B: a veth pair in the namespace, both ends up.
veth() {
	in_ns ip link add "$1" type veth peer name "$2" || t_die "cannot create veth $1"
	in_ns ip link set "$1" up && in_ns ip link set "$2" up
}

# ifindex_of IF: its ifindex in the namespace.
ifindex_of() { in_ns cat "/sys/class/net/$1/ifindex"; }

# The snmp tools against the private snmpd, from inside the namespace.
k_get()  { in_ns snmpget -v2c -c public -On -Oe -Ot -r 1 -t 3 "127.0.0.1:$SNMP_PORT" "$@"; }
k_value() { k_get -Oqv "$1" 2>&1; }
k_walk() { in_ns snmpbulkwalk -v2c -c public -On -Oe -Oq -r 1 -t 5 "127.0.0.1:${2:-$SNMP_PORT}" "$1"; }

# k_agent NAME ARGS...: shmib-interface in the namespace, logging to
# $T/NAME.log; sets AGENT_PID and AGENT_LOG.
k_agent() {
	local name=$1; shift
	if [ "$SHMIB_LOAD" = module ]; then     # inside snmpd, in the namespace
		t_agent "$name" interface --kernel-interfaces yes --shmem-dir "$T/shm" \
			--check-interval 1 "$@"
		return
	fi
	AGENT_LOG=$T/$name.log
	t_bg "$name" ip netns exec "$KNS" "$BIN/shmib-interface" -f -x "unix:$AGENTX" \
		--shmem-dir "$T/shm" --check-interval 1 "$@"
	AGENT_PID=$!
}

# served IFINDEX: whether ifDescr.IFINDEX is served.
served() { k_value ".1.3.6.1.2.1.2.2.1.2.$1" | grep -qv "No Such"; }

# k_agent_stop: stops the agent; under the sanitizers (make SANITIZE=1)
# its log must hold no report (a use after free or leak shows there).
k_agent_stop() {
	if [ "$SHMIB_LOAD" = module ]; then
		t_agent_stop interface
		t_check "snmpd lives on" 0 "$(kill -0 "$SNMPD_PID"; echo $?)"
		t_check "snmpd: no sanitizer report in its log" "" \
			"$(grep -a -E 'Sanitizer|runtime error' "$T/snmpd.log" | head -3)"
		return
	fi
	t_stop "$AGENT_PID"
	t_check "agent: no sanitizer report in its log" "" \
		"$(grep -a -E 'Sanitizer|runtime error' "$AGENT_LOG" | head -3)"
}
