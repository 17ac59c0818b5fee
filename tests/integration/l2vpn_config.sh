#!/usr/bin/env bash
# shmib-dataplane refuses bad L2VPN sections: each error names file,
# line, section and key, the exit status is 1 and nothing is created
# (no shm directory, no ids files).
. "$(dirname "$0")/../lib.sh"
. "$TOP/tests/data/l2vpn/run.sh"

[ -x "$DP" ] || t_die "$DP not built"

# A valid configuration; each case appends to it or edits it.
base() {
	cat <<EOC
[port up]
device = net_null0

[port ac]
device = net_null1

[port other]
device = net_null2

[l2vpn]
vpls_ids = $T/vpls-ids
pseudowire_ids = $T/pseudowire-ids

[uplink u]
port = up
address = 2001:db8::1
next_hop = 2001:db8::fe

[vpls v]
uplink = u
ac = ac

[pseudowire p]
vpls = v
vc_id = 1
peer = 2001:db8::2
tunnel = gre
EOC
}

# mk NAME: stdin to $T/NAME.conf.
mk() { cat >"$T/$1.conf"; }

# refused NAME EXPECTED: runs on $T/NAME.conf.
refused() {
	local name=$1 msg=$2 out rc
	out=$("$DP" --no-huge -m 256 --no-pci --file-prefix "shmib-l2vpn-$$-$name" \
		-- --config "$T/$name.conf" --shmem-dir "$T/shm-$name" -f 2>&1)
	rc=$?
	t_check "$name: exit status" 1 "$rc"
	t_check "$name: message" "shmib-dataplane: error: $T/$name.conf:$msg" \
		"$(grep 'error:' <<<"$out" | head -1)"
	t_check "$name: nothing created" no \
		"$([ -e "$T/shm-$name" ] || [ -e "$T/vpls-ids" ] && echo yes || echo no)"
}

{ base; echo "colour = red"; } | mk unknown-key
refused unknown-key "28: [pseudowire p] colour: unknown key"
base | sed 's/^address = .*/address = 2001:db8::zz/' | mk bad-address
refused bad-address "16: [uplink u] address: '2001:db8::zz' is not an IPv6 or IPv4 address"
base | sed 's/^tunnel = gre/tunnel = vxlan/' | mk bad-tunnel
refused bad-tunnel "27: [pseudowire p] tunnel: 'vxlan' is not gre or l2tpv3"
base | sed 's/^pseudowire_ids = .*/&\npw_perf_table = maybe/' | mk bad-perf-table
refused bad-perf-table "13: [l2vpn] pw_perf_table: 'maybe' is not yes or no"
{ base; echo "key = 0xfffffffe"; } | mk reserved-key
refused reserved-key "23: [pseudowire p] key: 0xfffffffe is reserved for the control channel"
{ base; echo "key = 0x1ffffffff"; } | mk key-too-big
refused key-too-big "28: [pseudowire p] key: '0x1ffffffff' is not a number in 0..4294967295"
base | sed 's/^tunnel = gre/tunnel = l2tpv3\nlocal_session = 1\nremote_session = 2\nlocal_cookie = 0x0011223344556677/' | mk missing-cookie
refused missing-cookie "23: [pseudowire p] remote_cookie: missing"
base | sed 's/^tunnel = gre/tunnel = l2tpv3\nlocal_cookie = 0x00112233/' | mk short-cookie
refused short-cookie "28: [pseudowire p] local_cookie: '0x00112233' is not a 64-bit cookie (0x and 16 hex digits)"
base | sed 's/^tunnel = gre/tunnel = l2tpv3\nlocal_session = 0xfffffffe/' | mk reserved-session
refused reserved-session "23: [pseudowire p] local_session: missing, 0 or the reserved 0xfffffffe"
base | sed 's/^tunnel = gre/tunnel = l2tpv3\nlocal_session = 1/' | mk missing-session
refused missing-session "23: [pseudowire p] remote_session: missing, 0 or the reserved 0xfffffffe"
{ base; echo "local_session = 1"; } | mk other-tunnel-key
refused other-tunnel-key "28: [pseudowire p] local_session: not a key of tunnel gre"
base | sed 's/^uplink = u/uplink = nowhere/' | mk no-uplink
refused no-uplink "19: [vpls v] uplink: no such [uplink]"
base | sed 's/^ac = ac/ac = ac, up/' | mk ac-is-uplink
refused ac-is-uplink "19: [vpls v] ac: 'up': the port is an uplink"
base | sed 's/^ac = ac/ac = ac.5000/' | mk bad-vlan
refused bad-vlan "19: [vpls v] ac: 'ac.5000': not PORT or PORT.VLAN (VLAN 1..4094)"
base | sed 's/^ac = ac/ac = ac.5, other, ac.5/' | mk vlan-twice
refused vlan-twice "19: [vpls v] ac: 'ac.5': already an attachment circuit"
base | sed 's/^ac = ac/ac = ac, missing/' | mk ac-missing
refused ac-missing "19: [vpls v] ac: 'missing': no such [port]"
base | sed 's/^device = net_null2/device = net_null2\nxconnect = ac/' | mk ac-xconnected
refused ac-xconnected "20: [vpls v] ac: 'ac': the port is cross-connected"
base | sed 's/^peer = .*/peer = 192.0.2.2/' | mk peer-family
refused peer-family "23: [pseudowire p] peer: not of the uplink address's family"
{ base; printf '\n[pseudowire q]\nvpls = v\nvc_id = 2\npeer = 2001:db8::2\ntunnel = gre\n'; } | mk same-receiver
refused same-receiver "29: [pseudowire q] peer: frames from this peer with this key/session would also match [pseudowire p] (line 23)"
{ base; printf '\n[pseudowire q]\nvpls = v\nvc_id = 1\npeer = 2001:db8::2\ntunnel = gre\nkey = 5\n'; } | mk same-vc-id
refused same-vc-id "29: [pseudowire q] vc_id: 1 is already [pseudowire p] (line 23) to the same peer"
base | sed 's/^vc_id = 1/vc_id = 0/' | mk vc-id-zero
refused vc-id-zero "25: [pseudowire p] vc_id: '0' is not a number in 1..4294967295"
{ base; echo "[vpls v]"; } | mk vpls-twice
refused vpls-twice "28: [vpls v]: given twice"
base | sed 's/^\[pseudowire p\]/[pseudowire v]/' | mk name-clash
refused name-clash "23: [pseudowire v] name: also the name of a [vpls]"
base | sed 's/^next_hop = .*//' | mk no-next-hop
refused no-next-hop "14: [uplink u] next_hop: missing (or give next_hop_mac)"
base | sed 's/^next_hop = .*/next_hop_mac = 03:00:00:00:00:01/' | mk multicast-mac
refused multicast-mac "17: [uplink u] next_hop_mac: '03:00:00:00:00:01' is not a unicast MAC address"
{ base | sed 's/^ac = ac/ac = ac\nmtu = 67/'; } | mk bad-mtu
refused bad-mtu "22: [vpls v] mtu: '67' is not an MTU (68..9600)"
base | sed 's/^ac = ac/ac = ac\nfwd_full_high = 101/' | mk bad-high
refused bad-high "22: [vpls v] fwd_full_high: '101' is not a number in 1..100"
base | sed 's/^ac = ac/ac = ac\nfwd_full_high = 60\nfwd_full_low = 60/' | mk low-not-below-high
refused low-not-below-high "19: [vpls v] fwd_full_low: 60 is not below fwd_full_high (60)"
base | sed 's/^ac = ac/ac = ac\nfwd_full_low = 95/' | mk low-over-default-high
refused low-over-default-high "19: [vpls v] fwd_full_low: 95 is not below fwd_full_high (95)"
base | sed 's|^vpls_ids = .*|vpls_ids = relative/ids|' | mk relative-ids
refused relative-ids "11: [l2vpn] vpls_ids: 'relative/ids' is not an absolute path"
base | sed "s|^vpls_ids = .*|vpls_ids = $T/pseudowire-ids|" | mk same-ids
refused same-ids "10: [l2vpn] pseudowire_ids: $T/pseudowire-ids is also vpls_ids"
base | sed "s|^pseudowire_ids = .*|pseudowire_ids = $T/nowhere/pseudowire-ids|" | mk unwritable-ids
refused unwritable-ids "10: [l2vpn] pseudowire_ids: $T/nowhere/pseudowire-ids cannot be written: No such file or directory"
base | sed 's/^address = .*/address = ::/' | mk unspecified-address
refused unspecified-address "16: [uplink u] address: '::' is the unspecified address, not a unicast address"
base | sed 's/^address = .*/address = ff02::1/' | mk multicast-address
refused multicast-address "16: [uplink u] address: 'ff02::1' is a multicast address, not a unicast address"
base | sed 's/^peer = .*/peer = ::1/' | mk loopback-peer
refused loopback-peer "26: [pseudowire p] peer: '::1' is the loopback address, not a unicast address"
base | sed 's/^peer = .*/peer = 2001:db8::1/' | mk own-peer
refused own-peer "23: [pseudowire p] peer: the address of its own uplink [uplink u]"
base | sed 's/^next_hop = .*/next_hop = 2001:db8::1/' | mk own-next-hop
refused own-next-hop "14: [uplink u] next_hop: the uplink's own address"
base | sed 's/^\[pseudowire p\]/[pseudowire p:1]/' | mk colon-name
refused colon-name "23: [pseudowire p:1]: bad name 'p:1': ':' or '/' in name"
# The rule of the ids files, whose readers refuse the same names.
base | sed 's/^\[vpls v\]/[vpls .v]/; s/^vpls = v/vpls = .v/' | mk hidden-vpls-name
refused hidden-vpls-name "19: [vpls .v]: bad name '.v': name starts with '.'"

# The base itself is accepted: the refusals above are the edits'.
base | mk accepted
out=$(timeout 20 "$DP" --no-huge -m 256 --no-pci -l 0,1 --file-prefix "shmib-l2vpn-$$-accepted" \
	-- --config "$T/accepted.conf" --shmem-dir "$T/shm-accepted" -f 2>&1 & pid=$!
	t_wait 15 test -s "$T/pseudowire-ids"; kill $pid; wait $pid)
t_match "the base configuration starts" "forwarding on" "$out"
t_check "its ids files list its segments" "v p" "$(cat "$T/vpls-ids" "$T/pseudowire-ids" | xargs)"

t_done
