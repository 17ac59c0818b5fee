# Running shmib-dataplane in the L2VPN integration tests (sourced,
# bash, after tests/lib.sh).

DP=$BIN/shmib-dataplane

# dp_start NAME EAL-ARGS...: runs the dataplane on $T/NAME.conf, two
# lcores ($DP_LCORES, default -l 0,1), segments in $T/shm-NAME; sets
# DP_PID.  Waits for its
# segments (the ids files are written once they all exist).
dp_start() {
	local name=$1; shift
	t_bg "dp-$name" "$DP" --no-huge -m 512 --no-pci ${DP_LCORES:--l 0,1} \
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

# snmpd_side NAME: a private snmpd for one side of a test: UDP port
# SIDE_PORT[NAME], AgentX on $T/NAME-agentx.sock.
declare -A SIDE_PORT
snmpd_side() {
	local port
	port=$(t_free_port)
	SIDE_PORT[$1]=$port
	mkdir -p "$T/$1-persist"
	cat >"$T/$1-snmpd.conf" <<EOC
agentaddress udp:127.0.0.1:$port
master agentx
agentXSocket unix:$T/$1-agentx.sock
agentXPerms 0660 0770
rocommunity public 127.0.0.1
EOC
	SNMP_PERSISTENT_DIR=$T/$1-persist t_bg "snmpd-$1" \
		snmpd -f -C -c "$T/$1-snmpd.conf" -Lf "$T/$1-snmpd.log" \
		-I -ifTable,ifXTable,ifNumber -p "$T/$1-snmpd.pid"
	t_wait 10 snmpget -v2c -c public -r 0 -t 1 "127.0.0.1:$port" .1.3.6.1.2.1.1.3.0 ||
		t_die "snmpd $1 did not start"
}

# On exit: processes stopped (tests/lib.sh), then DPDK's runtime
# directories of our file prefixes removed, then $L2VPN_CLEANUP run.
l2vpn_exit() {
	t_cleanup
	rm -rf "${XDG_RUNTIME_DIR:-/var/run}"/dpdk/shmib-l2vpn-$$-*
	${L2VPN_CLEANUP:-:}
}
trap l2vpn_exit EXIT
