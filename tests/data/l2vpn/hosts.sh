# Hosts for the L2VPN tests that go through the kernel (sourced, bash,
# after tests/lib.sh and run.sh): each host a network namespace whose
# eth0 is one end of a veth pair, the other end left outside for a
# net_af_packet port of the dataplane.  Everything made here is removed
# on exit (as $L2VPN_CLEANUP).  Without root or 'ip netns' the test is
# skipped.

[ "$(id -u)" = 0 ] || t_skip "needs root for network namespaces and veths"
ip netns list >/dev/null 2>&1 || t_skip "no 'ip netns'"
HOST_NETNS=() HOST_LINKS=()

# quiet IF [NETNS]: up, without IPv6 of the kernel's own (no duplicate
# address detection, MLD or router solicitations): the only frames on
# the wire are those the test sends.
quiet() {
	local in_ns=()
	[ $# -gt 1 ] && in_ns=(ip netns exec "$2")
	"${in_ns[@]}" sysctl -qw "net.ipv6.conf.$1.disable_ipv6=1"
	"${in_ns[@]}" ip link set "$1" up
}

# host NETNS IF: the namespace, its eth0 and IF (its peer outside), both
# up and quiet.
host() {
	ip netns add "$1" || t_die "cannot create namespace $1"
	HOST_NETNS+=("$1")
	ip link add "$2" type veth peer name eth0 netns "$1" || t_die "cannot create veth $2"
	HOST_LINKS+=("$2")
	quiet "$2"
	ip -n "$1" link set lo up
	quiet eth0 "$1"
}

# host_mac NETNS: the MAC of its eth0 as 12 hex digits.
host_mac() {
	ip -n "$1" link show eth0 | awk '/link\/ether/ { gsub(":", "", $2); print $2 }'
}

hosts_cleanup() {
	local x
	for x in "${HOST_LINKS[@]}"; do ip link del "$x" 2>/dev/null; done
	for x in "${HOST_NETNS[@]}"; do ip netns del "$x" 2>/dev/null; done
}
L2VPN_CLEANUP=hosts_cleanup
