# Running shmib-dataplane in the L2VPN integration tests (sourced,
# bash, after tests/lib.sh).

DP=$BIN/shmib-dataplane

# dp_start NAME EAL-ARGS...: runs the dataplane on $T/NAME.conf, two
# lcores, segments in $T/shm-NAME; sets DP_PID.  Waits for its
# segments (the ids files are written once they all exist).
dp_start() {
	local name=$1; shift
	t_bg "dp-$name" "$DP" --no-huge -m 512 --no-pci -l 0,1 \
		--file-prefix "shmib-l2vpn-$$-$name" "$@" \
		-- --config "$T/$name.conf" --shmem-dir "$T/shm-$name" -f
	DP_PID=$!
	t_wait 20 test -s "$T/$name.pseudowire-ids" ||
		t_die "$name: dataplane did not start: $(tail -5 "$T/dp-$name.log")"
}

# dp_stop PID: SIGTERM, and waits (bounded) for a clean exit.
dp_stop() {
	kill "$1"
	for _ in $(seq 100); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
	t_fail "dataplane $1 did not stop"
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

# l2vpn_global NAME: the [global] and [l2vpn] sections.
l2vpn_global() {
	printf '[global]\npublish_interval = 0.2\n\n[l2vpn]\nvpls_ids = %s\npseudowire_ids = %s\n\n' \
		"$T/$1.vpls-ids" "$T/$1.pseudowire-ids"
}
