#!/usr/bin/env bash
# Daemon conventions of shmib-dataplane: without -f it detaches (the
# command returns once the daemon is forked), writes its pid to the -p
# file, refuses a second start on the same pid file naming the running
# pid, and on SIGTERM removes its segments and its pid file.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/dataplane_lib.bash"

cat >"$T/dp.conf" <<EOC
[port a]
device = net_null0
xconnect = b
[port b]
device = net_null1
EOC
run() {
	timeout 60 "$DP" -l 0,1 --no-huge -m 256 --no-pci --vdev net_null0 --vdev net_null1 \
		--file-prefix "shmib-daemon-$$-$1" -- --config "$T/dp.conf" \
		--shmem-dir "$T/shm" -p "$T/dp.pid"
}

run 1
t_check "detaching start returns 0" 0 $?
t_wait 10 test -s "$T/dp.pid" || t_die "no pid file"
pid=$(cat "$T/dp.pid")
T_PIDS+=("$pid")
t_check "the pid file names a shmib-dataplane" shmib-dataplane "$(cat "/proc/$pid/comm" 2>/dev/null)"
t_wait 20 test -e "$T/shm/b.index" || t_fail "no segments from the daemon"
t_check "segment directory mode" 750 "$(stat -c %a "$T/shm")"
t_check "segment file mode" 640 "$(stat -c %a "$T/shm/a")"

out=$(run 2 2>&1)
t_check "second start refused" 1 $?
t_check "second start names the running pid" \
	"shmib-dataplane: error: already running (pid $pid, $T/dp.pid)" "$out"
t_check "first daemon still runs" yes "$(kill -0 "$pid" 2>/dev/null && echo yes)"

kill -TERM "$pid"
t_wait 20 bash -c "! kill -0 $pid 2>/dev/null" || t_fail "daemon did not stop on SIGTERM"
t_check "segments removed" "" "$(ls "$T/shm")"
t_check "pid file removed" no "$([ -e "$T/dp.pid" ] && echo yes || echo no)"
t_done
