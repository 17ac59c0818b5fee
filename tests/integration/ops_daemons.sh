#!/usr/bin/env bash
# Each daemon (dataplane, interface and pseudowire subagents, exporter) started
# as an init script starts it, in daemon mode with a pidfile: it
# detaches, the pidfile holds the pid of the running daemon, a second
# start with the same pidfile is refused and leaves the first running,
# and SIGTERM stops it and removes the pidfile.  A daemon that is not
# built yet is skipped, with a message.
. "$(dirname "$0")/../lib.sh"

# What DPDK keeps in its runtime directory goes with the test's files.
EAL_PREFIX=shmib-ops-$$
trap 't_cleanup; rm -rf "/var/run/dpdk/$EAL_PREFIX"' EXIT

t_snmpd
SHM=$T/shmem
"$BIN/shmib-fakeseg" --dir "$SHM" --interfaces 1 --vpls 1 --pseudowires 1 >/dev/null 2>&1 ||
	t_die "shmib-fakeseg could not write segments"
missing=()

# cmd: the command line of daemon $1 without -f, pidfile $2.
daemon_cmd() {
	case $1 in
	shmib-dataplane)
		cmd=("$BIN/$1" --no-huge -m 1024 --no-pci --file-prefix "$EAL_PREFIX"
			--vdev net_null0 --vdev net_null1
			-- --config "$TOP/config/examples/virtual.conf" --shmem-dir "$T/dp-shmem"
			-p "$2") ;;
	shmib-interface)
		cmd=("$BIN/$1" -x "unix:$AGENTX" --shmem-dir "$SHM" --ifindex "$SHM.ifindex"
			-Lf "$T/$1.log" -p "$2") ;;
	shmib-pseudowire)
		cmd=("$BIN/$1" -x "unix:$AGENTX" --shmem-dir "$SHM" --ifindex "$SHM.ifindex"
			--vpls-ids "$SHM.vpls-ids" --pseudowire-ids "$SHM.pseudowire-ids"
			-Lf "$T/$1.log" -p "$2") ;;
	shmib-exporter)
		cmd=("$BIN/$1" --listen "127.0.0.1:$EXPORTER_PORT" --shmem-dir "$SHM"
			--ifindex "$SHM.ifindex" -p "$2") ;;
	esac
}

EXPORTER_PORT=$(t_free_tcp_port)
pid_alive() { kill -0 "$1" 2>/dev/null; }

for d in shmib-dataplane shmib-interface shmib-pseudowire shmib-exporter; do
	if [ ! -x "$BIN/$d" ]; then
		missing+=("$d")
		continue
	fi
	pidfile=$T/$d.pid
	daemon_cmd "$d" "$pidfile"
	t_log "$d: ${cmd[*]}"

	# Detaching: the command returns while the daemon runs on.
	"${cmd[@]}" >"$T/$d.start1" 2>&1
	t_check "$d: start returns 0" 0 "$?"
	t_wait 20 test -s "$pidfile" || { t_fail "$d: no pidfile $pidfile"; continue; }
	pid=$(cat "$pidfile")
	T_PIDS+=("$pid")
	t_check "$d: pidfile names a running process" yes "$(pid_alive "$pid" && echo yes)"
	t_check "$d: that process is $d" "$(readlink -f "$BIN/$d")" "$(readlink -f "/proc/$pid/exe")"
	t_check "$d: it has detached (its parent is not this test)" yes \
		"$([ "$(ps -o ppid= -p "$pid" | tr -d ' ')" != $$ ] && echo yes)"

	# Refusing to start twice on the same pidfile.
	"${cmd[@]}" >"$T/$d.start2" 2>&1
	rc=$?
	t_check "$d: second start fails" yes "$([ $rc -ne 0 ] && echo yes)"
	t_match "$d: second start says why" "[Pp]id|running" "$(cat "$T/$d.start2")"
	t_check "$d: first one still runs" yes "$(pid_alive "$pid" && echo yes)"
	t_check "$d: pidfile unchanged" "$pid" "$(cat "$pidfile" 2>&1)"

	# SIGTERM: a clean exit that takes the pidfile along.
	kill -TERM "$pid"
	t_wait 15 eval "! kill -0 $pid 2>/dev/null"
	t_check "$d: SIGTERM stops it" no "$(pid_alive "$pid" && echo yes || echo no)"
	t_check "$d: pidfile removed" no "$([ -e "$pidfile" ] && echo yes || echo no)"
done

[ "$T_CHECKS" -gt 0 ] || t_skip "not built yet: ${missing[*]}"
if [ ${#missing[@]} -gt 0 ] && [ "$T_FAILS" -eq 0 ]; then
	t_skip "not built yet: ${missing[*]} (the others passed $T_CHECKS checks)"
fi
t_done
