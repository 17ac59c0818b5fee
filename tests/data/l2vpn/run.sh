# Running shmib-dataplane in the L2VPN integration tests (sourced,
# bash, after tests/lib.sh); conf.sh writes their configurations.
. "$TOP/tests/data/l2vpn/conf.sh"

DP=$BIN/shmib-dataplane

# dp_start NAME EAL-ARGS...: runs the dataplane on $T/NAME.conf, two
# lcores ($DP_LCORES, default -l 0,1), memory $DP_MEMORY (default 512 MB
# without hugepages), segments in $T/shm-NAME; sets DP_PID.  Waits for
# its segments (the ids files are written once they all exist).
# DPDK 22.11's af_packet PMD joins the fanout group getpid() ^ ifindex:
# two dataplanes on different interfaces can draw the same group, and
# the kernel refuses the second (EINVAL, "could not set PACKET_FANOUT").
# A new process draws another group: the start is tried again then.
dp_start() {
	local name=$1 try; shift
	for try in 1 2 3; do
		t_bg "dp-$name" "$DP" ${DP_MEMORY:---no-huge -m 512} --no-pci ${DP_LCORES:--l 0,1} \
			--file-prefix "shmib-l2vpn-$$-$name" "$@" \
			-- --config "$T/$name.conf" --shmem-dir "$T/shm-$name" -f
		DP_PID=$!
		t_wait 20 dp_up "$name" "$DP_PID"
		[ -s "$T/$name.pseudowire-ids" ] && return 0
		grep -q "could not set PACKET_FANOUT" "$T/dp-$name.log" || break
		t_log "$name: af_packet fanout group taken (try $try): starting again"
	done
	t_die "$name: dataplane did not start: $(tail -5 "$T/dp-$name.log")"
}
# Up (its ids files written), or gone.
dp_up() { [ -s "$T/$1.pseudowire-ids" ] || ! kill -0 "$2" 2>/dev/null; }

# dp_start_vdevs NAME [EAL-ARGS...]: dp_start with a --vdev for each
# device of $T/NAME.conf, in the order of the file.
dp_start_vdevs() {
	local name=$1 dev vdevs=(); shift
	while read -r dev; do
		vdevs+=(--vdev "$dev")
	done < <(sed -n 's/^device = //p' "$T/$name.conf")
	dp_start "$name" "${vdevs[@]}" "$@"
}

# dp_stop PID: SIGTERM, and waits (bounded) for a clean exit.
dp_stop() {
	kill "$1"
	for _ in $(seq 100); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
	t_fail "dataplane $1 did not stop"
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

# The telemetry socket of dataplane NAME, in DPDK's runtime directory
# of its file prefix; PY, the system's python3 (a version manager's
# shim takes seconds a start).
PY=$(command -v /usr/bin/python3 || command -v python3)
tel_socket() {
	local run=/var/run/dpdk
	[ "$(id -u)" = 0 ] || run=${XDG_RUNTIME_DIR:-/tmp}/dpdk
	echo "$run/shmib-l2vpn-$$-$1/dpdk_telemetry.v2"
}
# tel NAME CMD...: the replies (JSON, one a line); tel NAME --macs VPLS
# [MAC...]: see tests/data/telemetry.py.
tel() { local name=$1; shift; "$PY" "$TOP/tests/data/telemetry.py" "$(tel_socket "$name")" "$@"; }
# field JSON KEY...: a value inside a reply, as JSON.
field() { "$PY" -c 'import json,sys
v = json.loads(sys.argv[1])
for k in sys.argv[2:]: v = v[k]
print(json.dumps(v))' "$@"; }
# fields JSON KEY... -- NAME...: the values of several NAMEs inside the
# object at KEY..., as JSON, on one line.
fields() { "$PY" -c 'import json,sys
v, a = json.loads(sys.argv[1]), sys.argv[2:]
for k in a[:a.index("--")]: v = v[k]
print(" ".join(json.dumps(v[n]) for n in a[a.index("--") + 1:]))' "$@"; }
# tel_answers NAME CMD: true when dataplane NAME's telemetry answers CMD
# with a value, not null (it registers its commands after dp_start has
# seen its segments: for t_wait).
tel_answers() { tel "$1" "$2" 2>/dev/null | grep -qv '^{"[^"]*":null}$'; }
# capture_filter NAME PW: pseudowire PW's capture filter as dataplane
# NAME's telemetry gives it (/shmib/capture_filter), without quotes;
# waits 10 s at most for the answer.
capture_filter() {
	t_wait 10 tel_answers "$1" "/shmib/capture_filter,$2"
	field "$(tel "$1" "/shmib/capture_filter,$2")" /shmib/capture_filter | tr -d '"'
}

# pw_agent NAME: shmib-pseudowire on $T/shm-NAME and NAME's ids files,
# into snmpd_side NAME.
pw_agent() {
	t_bg "pseudowire-$1" "$BIN/shmib-pseudowire" -f -x "unix:$T/$1-agentx.sock" \
		--shmem-dir "$T/shm-$1" --vpls-ids "$T/$1.vpls-ids" \
		--pseudowire-ids "$T/$1.pseudowire-ids" --state-file "$T/$1.state" --check-interval 1
}

# hup NAME: SIGHUP to dataplane NAME (DP_PID), then waits until it has
# logged what it made of it; RELOAD_SAID: that line.
RELOAD_OUTCOME='reloaded |reload refused|in force stays'
reload_outcomes() { grep -cE "$RELOAD_OUTCOME" "$T/dp-$1.log"; }
outcomes_above() { [ "$(reload_outcomes "$1")" -gt "$2" ]; }
hup() {
	local n
	n=$(reload_outcomes "$1")
	kill -HUP "$DP_PID"
	t_wait 20 outcomes_above "$1" "$n" || t_fail "$1: nothing logged after SIGHUP"
	RELOAD_SAID=$(grep -E "$RELOAD_OUTCOME" "$T/dp-$1.log" | tail -1)
}
