# The reload tests (sourced, bash, after tests/lib.sh): the L2VPN
# helpers, hosts in network namespaces, the binaries they need, and
# what a reload test does: SIGHUP and wait for the outcome, ping across
# it, read SNMP columns, write configuration sections.
. "$TOP/tests/data/l2vpn/pcap.sh"
. "$TOP/tests/data/l2vpn/run.sh"
. "$TOP/tests/data/l2vpn/hosts.sh"

[ -x "$DP" ] || t_die "$DP not built"
[ -x "$BIN/shmib-pseudowire" ] || t_die "shmib-pseudowire not built"

# snmp_rows NAME OID: a column served by snmpd_side NAME as "INDEX
# VALUE" lines; rows_are NAME OID LINES: true when it is LINES now.
snmp_rows() {
	snmpwalk -v2c -c public -On -Oqs -r 1 -t 3 "127.0.0.1:${SIDE_PORT[$1]}" "$2" 2>/dev/null |
		sed -n 's/^.*\.\([0-9]*\) "\{0,1\}\([^"]*\)"\{0,1\}$/\1 \2/p'
}
rows_are() { [ "$(snmp_rows "$1" "$2")" = "$3" ]; }
PWNAME=.1.3.6.1.2.1.10.246.1.2.1.32
VPLSNAME=.1.3.6.1.2.1.10.274.1.2.1.2 VPLSDESCR=.1.3.6.1.2.1.10.274.1.2.1.3
VPLSMTU=.1.3.6.1.2.1.10.274.1.2.1.13

# ping_during NETNS ADDR N CMD...: N pings, one every 10 ms, from NETNS
# to ADDR, CMD run once they flow; PING_SAID: ping's summary.  A reply
# is waited for as long as it takes (-w): on a loaded machine a late
# one is late, not lost (-W gives up after twice the round trip).
ping_during() {
	local ns=$1 addr=$2 n=$3 pid
	shift 3
	ip netns exec "$ns" ping -c "$n" -i 0.01 -w 60 "$addr" >"$T/ping-$ns.out" 2>&1 &
	pid=$!
	T_PIDS+=($pid)
	sleep 0.5
	"$@"
	wait $pid
	PING_SAID=$(grep 'packets transmitted' "$T/ping-$ns.out")
}

# pw_section NAME VPLS N HEARTBEAT: a GRE pseudowire of VC ID and key N
# to 2001:db8::N0.  The other sections (uplink_u, vpls_section) are
# conf.sh's.
pw_section() {
	pseudowire_section "$1" "$2" "$3" "2001:db8::${3}0" "heartbeat = $4" "tunnel = gre" "key = $3"
}

# sanitizer_reports NAME: what the sanitizers reported in dataplane
# NAME's log (a SANITIZE=1 build), for a check that it is nothing.
sanitizer_reports() { grep -E 'Sanitizer|runtime error' "$T/dp-$1.log"; }
