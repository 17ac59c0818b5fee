#!/usr/bin/env bash
# L2VPN forwarding rate, one worker lcore, 64-byte frames: the
# encapsulation path (AC -> GRE/IPv6 pseudowire) and the decapsulation
# path (pseudowire -> AC), each against dpdk-testpmd --forward-mode=io
# moving the same frames between the same virtual ports in the same
# run.  Frames come from a net_pcap port replaying one frame forever
# (infinite_rx) and leave on a net_null port that receives nothing
# (no-rx).  The VPLS has one AC and one pseudowire (a VPWS), the
# control channel is off and the next-hop MAC static, so every frame
# takes the data path.
#
# Rates are frames forwarded per second of CPU time of the worker
# lcore's thread; medians over BENCH_RUNS runs of BENCH_SECONDS.
source "$(dirname "$0")/../tests/lib.sh"
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/dataplane.bash"
source "$TOP/tests/data/l2vpn/pcap.sh"

DP=$BIN/shmib-dataplane
[ -x "$DP" ] || t_skip "$DP is not built"
command -v dpdk-testpmd >/dev/null || t_skip "dpdk-testpmd is not installed (Debian package dpdk)"
[ "$(nproc)" -ge 2 ] || t_skip "needs two CPUs: a main and a worker lcore"
SECS=${BENCH_SECONDS:-$([ "$BENCH_QUICK" ] && echo 3 || echo 10)}
TARGET_MPPS=10
LOCAL=20010db8000000000000000000000001
PEER=20010db8000000000000000000000002
INNER=$(eth 02000000000b 02000000000a 0800 "$(bytes 46)")
pcap_write "$T/ac.pcap" "$INNER"
pcap_write "$T/pw.pcap" "$(eth 020000000001 0200000000fe 86dd "$(ip6 $PEER $LOCAL 2f "$(gre 00000007)$INNER")")"

# eal IN-PCAP: the two ports, net_pcap source first.
eal() {
	echo "-l 0,1 --no-huge -m 512 --no-pci --vdev net_pcap0,rx_pcap=$1,infinite_rx=1"
	echo "--vdev net_null0,no-rx=1"
}

testpmd() { testpmd_io $(eal "$1"); }

# dataplane IN-PCAP UPLINK AC: prints "FRAMES CPU_NS".
dataplane() {
	cat >"$T/dp.conf" <<EOC
[global]
publish_interval = 1
[l2vpn]
vpls_ids = $T/vpls-ids
pseudowire_ids = $T/pseudowire-ids
[port pcap]
device = net_pcap0
[port null]
device = net_null0
[uplink u]
port = $2
address = 2001:db8::1
next_hop_mac = 02:00:00:00:00:fe
[vpls bench]
uplink = u
ac = $3
[pseudowire bench-pw]
vpls = bench
vc_id = 7
peer = 2001:db8::2
tunnel = gre
key = 7
heartbeat = 0
EOC
	dataplane_run "$T/dp.conf" $(eal "$1")
}

tp_enc=() tp_dec=() enc=() dec=()
for r in $(seq "$BENCH_RUNS"); do
	bench_progress "run $r of $BENCH_RUNS: testpmd io and the dataplane, encapsulation and decapsulation ($SECS s each)"
	tp_enc+=("$(per_cpu "$(testpmd "$T/ac.pcap")")")
	enc+=("$(per_cpu "$(dataplane "$T/ac.pcap" null pcap)")")
	tp_dec+=("$(per_cpu "$(testpmd "$T/pw.pcap")")")
	dec+=("$(per_cpu "$(dataplane "$T/pw.pcap" pcap null)")")
	bench_progress "  Mpps per worker CPU-second: encap ${enc[-1]:-?} (testpmd ${tp_enc[-1]:-?}), decap ${dec[-1]:-?} (testpmd ${tp_dec[-1]:-?})"
	[ "${tp_enc[-1]}" ] && [ "${enc[-1]}" ] && [ "${tp_dec[-1]}" ] && [ "${dec[-1]}" ] ||
		t_die "a run gave no rate (logs: $T/testpmd.log, $T/dp.log)"
done

for path in enc dec; do
	tp=tp_$path[@] dp=$path[@]
	TP=$(bench_median "${!tp}") DPR=$(bench_median "${!dp}")
	what=$([ $path = enc ] && echo "AC -> pseudowire (GRE/IPv6 encapsulation)" ||
		echo "pseudowire -> AC (decapsulation)")
	bench_line "L2VPN $what, 64-byte frames, 1 worker (Mpps per worker CPU-s)" \
		"$DPR" "dpdk-testpmd --forward-mode=io" "$TP" "$(bench_ratio "$DPR" "$TP")" \
		"$(floor "$DPR" $TARGET_MPPS) (Mpps)"
done
