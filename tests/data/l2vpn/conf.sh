# Sections of shmib-dataplane configurations for the L2VPN tests
# (sourced, bash, after tests/lib.sh; run.sh sources it).  Each function
# prints sections; a test gathers them into its configuration file.
# LINE arguments are printed as they are, one a line ("key = value").

# l2vpn_global NAME: the [global] and [l2vpn] sections.
l2vpn_global() {
	printf '[global]\npublish_interval = 0.2\n\n[l2vpn]\nvpls_ids = %s\npseudowire_ids = %s\n\n' \
		"$T/$1.vpls-ids" "$T/$1.pseudowire-ids"
}

# pcap_ports NAME PORT...: [port] sections on net_pcap devices reading
# $T/NAME-PORT.in.pcap and writing $T/NAME-PORT.out.pcap.
pcap_ports() {
	local name=$1 p i=0; shift
	for p in "$@"; do
		printf '[port %s]\ndevice = net_pcap%d,rx_pcap=%s,tx_pcap=%s\n\n' \
			"$p" $i "$T/$name-$p.in.pcap" "$T/$name-$p.out.pcap"
		i=$((i + 1))
	done
}

# port_section NAME DEVICE [LINE...]: [port NAME] on DEVICE.
port_section() {
	printf '\n[port %s]\ndevice = %s\n' "$1" "$2"
	[ $# -le 2 ] || printf '%s\n' "${@:3}"
}

# uplink_u PORT [ADDRESS [LINE...]]: [uplink u] on PORT with ADDRESS
# (2001:db8::1 if not given), the next hop's MAC given (no ND).
uplink_u() {
	printf '\n[uplink u]\nport = %s\naddress = %s\nnext_hop_mac = 02:00:00:00:00:fe\n' \
		"$1" "${2:-2001:db8::1}"
	[ $# -le 2 ] || printf '%s\n' "${@:3}"
}

# vpls_section NAME ACS [DESCRIPTION [MTU [LINE...]]]: a VPLS on uplink u
# whose attachment circuits are ACS ("a, b"); an empty DESCRIPTION or MTU
# is left out.
vpls_section() {
	printf '\n[vpls %s]\nuplink = u\nac = %s\n' "$1" "$2"
	[ -z "${3:-}" ] || printf 'description = %s\n' "$3"
	[ -z "${4:-}" ] || printf 'mtu = %s\n' "$4"
	[ $# -le 4 ] || printf '%s\n' "${@:5}"
}

# pseudowire_section NAME VPLS VC-ID PEER LINE...: a pseudowire of VPLS
# to PEER; the LINEs give its heartbeat, tunnel and the tunnel's keys.
pseudowire_section() {
	printf '\n[pseudowire %s]\nvpls = %s\nvc_id = %s\npeer = %s\n' "$1" "$2" "$3" "$4"
	printf '%s\n' "${@:5}"
}
