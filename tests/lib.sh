# Shared helpers for the integration tests (sourced, bash).
#
# Every test runs in its own directory ($T), uses free ports on
# 127.0.0.1 only, records every process it starts (t_bg) and kills them
# by pid on exit, then removes $T.  Exit codes: 0 pass, 77 skip, else
# fail.  SHMIB_BUILD (set by tests/run) names the build directory.

set -u
TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${SHMIB_BUILD:-build}
case $BUILD in /*) ;; *) BUILD=$TOP/$BUILD ;; esac
BIN=$BUILD/bin
SHARED_MIBS=$(cd "$TOP/../shared/mibs" 2>/dev/null && pwd || true)
T=$(mktemp -d "${TMPDIR:-/tmp}/${T_NAME:-shmib-test}.XXXXXX")
T_PIDS=()
T_FAILS=0
T_CHECKS=0
# The net-snmp tools read no system or user config and load no MIBs.
export SNMPCONFPATH=$T/snmpconf MIBS= MIBDIRS=
# Leaks inside linked libraries are suppressed (see the file); ours not.
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$TOP/tests/lsan.supp:print_suppressions=0}
# Full stacks through libraries built without frame pointers, so the
# suppressions can name their functions.
export ASAN_OPTIONS=${ASAN_OPTIONS:-fast_unwind_on_malloc=0}
mkdir -p "$T/snmpconf"

t_cleanup() {
	local pid
	for pid in "${T_PIDS[@]}"; do
		kill "$pid" 2>/dev/null
	done
	for pid in "${T_PIDS[@]}"; do
		for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
		kill -9 "$pid" 2>/dev/null
	done
	if [ "${T_KEEP:-}" ]; then echo "kept $T"; else rm -rf "$T"; fi
	t_dpdk_cleanup
}
trap t_cleanup EXIT

# EAL leaves a runtime directory per file prefix (a few MB on the
# /run tmpfs).  The tests' prefixes are shmib-NAME-$$ or
# shmib-NAME-$$-MORE: once their processes are gone, those go too.
t_dpdk_cleanup() {
	local run=${XDG_RUNTIME_DIR:-/var/run}/dpdk
	[ "$(id -u)" -eq 0 ] && run=/var/run/dpdk
	rm -rf "$run"/shmib-*-"$$" "$run"/shmib-*-"$$"-*
}

t_log()  { echo "  $*"; }
t_skip() { echo "SKIP: $*"; exit 77; }
t_fail() { echo "FAIL: $*"; T_FAILS=$((T_FAILS + 1)); }
t_die()  { echo "FAIL: $*"; exit 1; }

# t_check DESC EXPECTED ACTUAL
t_check() {
	T_CHECKS=$((T_CHECKS + 1))
	if [ "$2" == "$3" ]; then
		echo "  ok: $1"
	else
		t_fail "$1: expected '$2', got '$3'"
	fi
}

# t_match DESC REGEX ACTUAL
t_match() {
	T_CHECKS=$((T_CHECKS + 1))
	if [[ $3 =~ $2 ]]; then echo "  ok: $1"; else t_fail "$1: '$3' does not match /$2/"; fi
}

# Ends the test: non-zero if any check failed.
t_done() {
	echo "$T_CHECKS checks, $T_FAILS failed"
	[ "$T_FAILS" -eq 0 ]
	exit $?
}

# Starts a command in the background, output to $T/NAME.log; sets $!.
# t_bg NAME CMD...
t_bg() {
	local name=$1; shift
	"$@" >"$T/$name.log" 2>&1 &
	T_PIDS+=($!)
}

# t_wait SECONDS CMD...: polls CMD every 0.1 s until it succeeds.
t_wait() {
	local limit=$1; shift
	local end=$((SECONDS + limit))
	while [ $SECONDS -le $end ]; do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.1
	done
	return 1
}

# A free UDP port on 127.0.0.1 (nobody bound to it now).
t_free_port() {
	local p
	while :; do
		p=$((20000 + RANDOM % 40000))
		ss -Hlun "sport = :$p" 2>/dev/null | grep -q . || { echo "$p"; return; }
	done
}

# A free TCP port on 127.0.0.1 (nobody listens on it now).
t_free_tcp_port() {
	local p
	while :; do
		p=$((20000 + RANDOM % 40000))
		ss -Hltn "sport = :$p" 2>/dev/null | grep -q . || { echo "$p"; return; }
	done
}

# How the agents run: SHMIB_LOAD=daemon (the default), AgentX daemons
# against the private snmpd; SHMIB_LOAD=module, snmpd modules loaded
# into it by dlmod (tests/run runs the scripts marked for both twice).
SHMIB_LOAD=${SHMIB_LOAD:-daemon}
MODULES=$BUILD/lib

# Under the sanitizers a module needs their runtime in snmpd (which is
# not built with them): preloaded.  snmpd leaks a few allocations of
# its own at exit, so leak detection stays off unless SNMPD_LEAKS=1
# (then the test looks for leaks of the modules itself: t_module_leaks).
t_sanitized() { ldd "$MODULES/shmib_interface.so" 2>/dev/null | grep -q libasan; }
t_snmpd_env() {
	[ "$SHMIB_LOAD" = module ] && t_sanitized || return 0
	echo "LD_PRELOAD=$(cc -print-file-name=libasan.so):$(cc -print-file-name=libubsan.so)"
	echo "ASAN_OPTIONS=${ASAN_OPTIONS:-}:detect_leaks=${SNMPD_LEAKS:-0}"
}

# After snmpd stopped: the leak reports in its log (SNMPD_LEAKS=1) with
# a frame in a module (by name, or unknown: unloaded at exit).
t_module_leaks() {
	awk '/leak of/ { blk = 1; ours = 0 } blk && /shmib_|unknown module/ { ours = 1 }
		blk && /^$/ { n += ours; blk = 0 } END { print n + 0 }' "$T/snmpd.log"
}

# Starts a private snmpd: 127.0.0.1:$SNMP_PORT, AgentX on
# $T/agentx.sock, the kernel's ifTable/ifXTable/ifNumber left out,
# communities "public" (everything) and "snabb" (sysUpTime only).
# SNMPD_NETNS=NAME runs it inside that network namespace (on the
# namespace's own 127.0.0.1); SNMPD_NATIVE=1 keeps the kernel's tables.
# SNMPD_WAIT: seconds it may take to answer (default 10); past them
# the test fails, or with SNMPD_MAY_FAIL=1 t_snmpd returns 1.
# SNMPD_INIT=LIST replaces the -I list; SNMPD_ACCESS=TEXT replaces the
# views and communities (e.g. with the shipped example's).
t_snmpd() {
	local in_ns=() init=(-I -ifTable,ifXTable,ifNumber)
	local access="view all included .1
view snabb included .1.3.6.1.2.1.1.3
rocommunity public 127.0.0.1 -V all
rocommunity snabb 127.0.0.1 -V snabb"
	[ "${SNMPD_NETNS:-}" ] && in_ns=(ip netns exec "$SNMPD_NETNS")
	[ "${SNMPD_NATIVE:-}" ] && init=()
	[ "${SNMPD_INIT:-}" ] && init=(-I "$SNMPD_INIT")
	[ "${SNMPD_ACCESS:-}" ] && access=$SNMPD_ACCESS
	SNMP_PORT=${SNMP_PORT:-$(t_free_port)}
	AGENTX=$T/agentx.sock
	mkdir -p "$T/snmpd-persist"
	cat >"$T/snmpd.conf" <<EOC
agentaddress udp:127.0.0.1:$SNMP_PORT
master agentx
agentXSocket unix:$AGENTX
agentXPerms 0660 0770
agentXTimeout 5
agentXRetries 1
$access
${SNMPD_EXTRA_CONF:-}
EOC
	# Modules log into snmpd's log: on stderr, beside sanitizer reports.
	local log=(-Lf "$T/snmpd.log.tmp") env=()
	[ "$SHMIB_LOAD" = module ] && log=(-Le)
	mapfile -t env < <(t_snmpd_env)
	SNMP_PERSISTENT_DIR=$T/snmpd-persist t_bg snmpd "${in_ns[@]}" env "${env[@]}" \
		snmpd -f -C -c "$T/snmpd.conf" "${log[@]}" \
		"${init[@]}" -p "$T/snmpd.pid"
	SNMPD_PID=$!
	t_wait "${SNMPD_WAIT:-10}" "${in_ns[@]}" snmpget -v2c -c public -r 0 -t 1 "127.0.0.1:$SNMP_PORT" .1.3.6.1.2.1.1.3.0 && return
	# SNMPD_MAY_FAIL=1: stopped, and the caller told (the benchmarks'
	# optional peers).
	[ "${SNMPD_MAY_FAIL:-}" ] && { t_stop "$SNMPD_PID"; return 1; }
	t_die "snmpd did not start (see $T/snmpd.log.tmp or $T/snmpd.log)"
}

# t_agent NAME KIND ARGS...: runs agent KIND (interface, pseudowire)
# with the daemon's options ARGS against the private snmpd, as
# SHMIB_LOAD says: a daemon (-f -x added, output in $T/NAME.log, its
# settings in $T/snmpconf/KIND.conf), or a module: its dlmod line, its
# own line and those settings in snmpd.conf, then a SIGHUP to snmpd
# (output in snmpd's log).  Sets AGENT_PID (the process that runs the
# agent) and AGENT_LOG.
t_agent() {
	local name=$1 kind=$2; shift 2
	# Segment tests serve segments alone: kernel rows would vary with
	# the host (the kernel tests ask for them explicitly).
	[ "$kind" = interface ] && [[ " $* " != *" --kernel-interfaces "* ]] &&
		set -- --kernel-interfaces no "$@"
	if [ "$SHMIB_LOAD" = module ]; then
		t_agent_unload "$kind"
		{
			echo "# shmib_$kind {"
			echo "dlmod shmib_$kind $MODULES/shmib_$kind.so"
			echo "shmib_$kind $*"
			cat "$T/snmpconf/$kind.conf" 2>/dev/null
			echo "# shmib_$kind }"
		} >>"$T/snmpd.conf"
		AGENT_PID=$SNMPD_PID AGENT_LOG=$T/snmpd.log
		t_snmpd_hup
	else
		t_bg "$name" "$BIN/shmib-$kind" -f -x "unix:$AGENTX" "$@"
		AGENT_PID=$! AGENT_LOG=$T/$name.log
	fi
}

# t_agent_stop KIND: stops the agent t_agent started last (a module:
# its lines out of snmpd.conf, then a SIGHUP).
t_agent_stop() {
	if [ "$SHMIB_LOAD" = module ]; then
		t_agent_unload "$1"
		t_snmpd_hup
	else
		t_stop "$AGENT_PID"
	fi
}
# A SIGHUP to the private snmpd, and the wait until it has reloaded
# and answers: a second SIGHUP while snmpd reloads can be lost (or,
# between its handler's reinstallations, end it).
t_reloads() { grep -c "Reconfiguring daemon" "$T/snmpd.log" 2>/dev/null; }
t_snmpd_hup() {
	local n=$(t_reloads)
	kill -HUP "$SNMPD_PID"
	t_wait 30 t_reloaded "${n:-0}" || t_fail "snmpd did not reload after SIGHUP"
}
t_reloaded() {
	[ "$(t_reloads)" -gt "$1" ] &&
		${SNMPD_NETNS:+ip netns exec "$SNMPD_NETNS"} snmpget -v2c -c public -r 0 -t 1 "127.0.0.1:$SNMP_PORT" .1.3.6.1.2.1.1.3.0
}
t_agent_unload() { sed -i "/^# shmib_$1 {/,/^# shmib_$1 }/d" "$T/snmpd.conf"; }

# Whether the agent's process runs.
t_agent_alive() { kill -0 "$AGENT_PID" 2>/dev/null; }

# Skips the rest of a test in module form (what follows is the daemon's
# own: its command line, pidfile, exit).
t_daemon_only() {
	[ "$SHMIB_LOAD" = daemon ] || { echo "  (the rest concerns the daemon only: $*)"; t_done; }
}

# Stops one process started with t_bg: TERM, then KILL after 5 s.
t_stop() {
	kill "$1" 2>/dev/null
	for _ in $(seq 50); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
	kill -9 "$1"
}

# Stops the private snmpd (for restart tests).
t_snmpd_stop() { t_stop "$SNMPD_PID"; }

# snmp tools against the private snmpd, numeric OIDs.
t_get()  { snmpget -v2c -c public -On -Oe -r 1 -t 3 "127.0.0.1:$SNMP_PORT" "$@"; }
t_walk() { snmpwalk -v2c -c public -On -Oe -r 1 -t 3 "127.0.0.1:$SNMP_PORT" "$@"; }
t_bulkwalk() { snmpbulkwalk -v2c -c public -On -Oe -r 1 -t 5 "127.0.0.1:$SNMP_PORT" "$@"; }
# The value of one instance, as snmpget prints it after "= TYPE: ".
t_value() { t_get -Oqv "$1" 2>&1; }
