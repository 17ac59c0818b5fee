# Helpers of the notification tests (sourced after tests/lib.sh): a real
# snmptrapd on a private port that writes every notification it
# receives to a file, a master snmpd whose trap2sink points at it, and
# in-place writes of a segment's status objects.

# trapd_start: snmptrapd on 127.0.0.1:$TRAP_PORT writing one line a
# notification, "TRAP <varbind>|<varbind>|...", numeric OIDs, to
# $TRAPS; then the master's SNMPD_EXTRA_CONF to send it everything.
# In the network namespace SNMPD_NETNS, if set, as the master.
trapd_start() {
	local in_ns=()
	[ "${SNMPD_NETNS:-}" ] && in_ns=(ip netns exec "$SNMPD_NETNS")
	command -v snmptrapd >/dev/null || t_skip "snmptrapd is not installed (tools/install-deps)"
	TRAP_PORT=$(t_free_port)
	TRAPS=$T/traps.log
	printf 'disableAuthorization yes\n' >"$T/snmptrapd.conf"
	t_bg snmptrapd "${in_ns[@]}" snmptrapd -f -n -On -C -c "$T/snmptrapd.conf" -Lf "$TRAPS" \
		-F 'TRAP %V|%v\n' "udp:127.0.0.1:$TRAP_PORT"
	t_wait 10 sh -c "${in_ns[*]} ss -Hlun 'sport = :$TRAP_PORT' | grep -q ." ||
		t_die "snmptrapd did not start ($(cat "$T/snmptrapd.log"))"
	SNMPD_EXTRA_CONF="trap2sink 127.0.0.1:$TRAP_PORT public
${SNMPD_EXTRA_CONF:-}"
}

# traps OID...: the notifications received whose snmpTrapOID is one of
# OID (numeric, without the leading dot), one a line as
# "<trap OID> <varbind OID>=<value> ...", sysUpTime.0 left out.
traps() {
	local want=" $* "
	grep -a '^TRAP ' "$TRAPS" 2>/dev/null | awk -F'|' -v want="$want" '{
		trap = $2; sub(/.* = OID: \./, "", trap)
		if (index(want, " " trap " ") == 0) next
		line = trap
		for (i = 3; i <= NF; i++) {
			vb = $i; sub(/^\./, "", vb); sub(/ = [A-Za-z0-9-]+: /, "=", vb)
			line = line " " vb
		}
		print line
	}'
}

# trap_uptimes OID: the sysUpTime.0 (ticks) of each notification
# received whose snmpTrapOID is OID, one a line.
trap_uptimes() {
	grep -a '^TRAP ' "$TRAPS" 2>/dev/null | awk -F'|' -v want="$1" '{
		trap = $2; sub(/.* = OID: \./, "", trap)
		if (trap != want) next
		up = $1; sub(/.*Timeticks: \(/, "", up); sub(/\).*/, "", up)
		print up
	}'
}

# expect DESC LINE...: waits (EXPECT_WAIT seconds, default 10) for as
# many more notifications of $ALL (the test's OIDs) as LINEs (as traps
# prints them) and checks that these, in any order, were the ones
# received; $seen counts them all.
seen=0
expect() {
	local desc=$1; shift
	local want
	want=$(printf '%s\n' "$@" | sort)
	seen=$((seen + $#))
	t_wait "${EXPECT_WAIT:-10}" got $seen $ALL
	t_check "$desc" "$want" "$(traps $ALL | tail -n +$((seen - $# + 1)) | sort)"
}

# ntraps OID...: how many of those were received.
ntraps() { traps "$@" | wc -l; }

# got N OID...: whether at least N of those were received (for t_wait).
got() { local n=$1; shift; [ "$(ntraps "$@")" -ge "$n" ]; }

# seg_poke SEGMENT OBJECT VALUE: stores the 4-byte integer VALUE
# (little-endian, as this host) over OBJECT in the data file in place,
# at its offset from the .index, as the dataplane would.
seg_poke() {
	local seg=$1 obj=$2 val=$3 off
	off=$(awk -F: -v o="$obj" 'NR > 1 { if ($1 == o) { print sum + 0; exit } sum += $2 }' "$seg.index")
	[ -n "$off" ] || t_die "$seg has no $obj"
	printf "$(seg_le 4 $((val & 0xffffffff)))" |
		dd of="$seg" bs=1 seek="$off" conv=notrunc status=none
}
