#!/usr/bin/env bash
# A data file shrunk under the agents kills neither them nor, as
# modules, snmpd: `truncate -s 0` or `: >` of a live segment's
# data file followed at once by a GET, cp of the same bytes over a segment
# again and again under a GET loop, truncated segments of Snabb's
# layout (polled for their status four times a second) with no request
# at all, truncated pseudowire segments under walks.  A shrunk segment
# stops being served with one log line, and is served again once its
# file is whole.
# loads: daemon module
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/reliability_lib.bash"
. "$(dirname "$0")/pseudowire_lib.bash"

IFDESCR=$IFMIB.2.1.2
HCIN=$IFXMIB.1.1.1.6
SHM=$T/shm SNABB=$T/snabb PWSHM=$T/pw
"$BIN/shmib-fakeseg" --dir "$SHM" --interfaces 4 --ifindex "$T/ifindex" >/dev/null &&
"$BIN/shmib-fakeseg" --dir "$SNABB" --interfaces 6 --ifindex "$T/snabb.ifindex" --snabb >/dev/null &&
"$BIN/shmib-fakeseg" --dir "$PWSHM" --vpls 1 --pseudowires 4 >/dev/null || t_die "fakeseg"
mkdir "$T/keep" && cp -p "$SHM"/if? "$T/keep/" || t_die "copy"

t_snmpd
served() { [ "$(t_walk $IFDESCR | grep -c STRING)" == "$1" ]; }
# Not just there: a process that died stays a zombie until reaped.
alive() { ps -o stat= -p "$1" | grep -q '^[^Z]' && echo alive || echo dead; }
# start NAME KIND ARGS...: the agent (t_agent); `logged GREP-ARGS`
# greps what its log says from then on.
start() {
	t_agent "$@"
	MARK=$(cat "$AGENT_LOG" 2>/dev/null | wc -l)
}
logged() { tail -n +$((MARK + 1)) "$AGENT_LOG" | grep -a "$@"; }
# A walk skips a row whose read faulted before the rescan logs why:
# wait for the line, then count.
logs_at_least() { [ "$(logged -c "$1")" -ge "$2" ]; }
# finish NAME KIND: stops the agent; it (or snmpd) ends clean.
finish() {
	if [ "$SHMIB_LOAD" = module ]; then
		t_agent_stop "$2"
		t_check "$1: snmpd lives on" alive "$(alive "$SNMPD_PID")"
		t_check "$1: no sanitizer report" 0 "$(grep -c -E 'Sanitizer|runtime error' "$AGENT_LOG")"
	else
		rel_clean "$1" "$AGENT_PID"
	fi
}

start interface interface --kernel-interfaces no --shmem-dir "$SHM" --ifindex "$T/ifindex" --check-interval 1
t_wait 15 served 4 || t_die "shmib-interface does not serve (see $AGENT_LOG)"

truncate -s 0 "$SHM/if2"
t_get "$HCIN.2" >/dev/null 2>&1
t_check "truncate -s 0, then a GET at once: the agent lives" alive "$(alive "$AGENT_PID")"
t_wait 10 served 3 || t_fail "the truncated segment is still served"
t_wait 10 logs_at_least if2 1
t_check "the truncated segment: one log line" 1 "$(logged -c 'if2')"
t_match "it says what is wrong" "if2: data file has 0 bytes" "$(logged 'if2')"

: >"$SHM/if3"
t_get "$HCIN.3" >/dev/null 2>&1
t_check ": > FILE, then a GET at once: the agent lives" alive "$(alive "$AGENT_PID")"
t_wait 10 served 2 || t_fail "the emptied segment is still served"

getloop() { while [ ! -e "$T/stop" ]; do t_get "$HCIN.4" >/dev/null 2>&1; done; }
getloop &
loop=$!
for _ in $(seq 40); do cp "$T/keep/if4" "$SHM/if4"; done
touch "$T/stop"
wait "$loop"
t_check "40 copies of the same bytes over a segment under GETs: the agent lives" \
	alive "$(alive "$AGENT_PID")"
t_wait 10 sh -c "snmpget -v2c -c public -Oqv 127.0.0.1:$SNMP_PORT $HCIN.4 | grep -qx 4000000028" ||
	t_fail "the rewritten segment is not served again"

cp "$T/keep/if2" "$T/keep/if3" "$SHM/"
t_wait 10 served 4 || t_fail "segments made whole again are not served again"
finish interface interface

# Snabb's layout: no _X_seqlock, so the status is polled every 0.25 s;
# a truncation is noticed 0.1 s after its events, so the poll may come
# first: five of them, one after the other, with no request.
start snabb interface --kernel-interfaces no --shmem-dir "$SNABB" --ifindex "$T/snabb.ifindex" --check-interval 1
t_wait 15 served 6 || t_die "shmib-interface does not serve Snabb's segments (see $AGENT_LOG)"
for i in 1 2 3 4 5; do
	perl -e 'truncate($ARGV[0], 0) or die "$ARGV[0]: $!\n"' "$SNABB/if$i" || t_die "truncate"
	sleep 0.6
done
t_check "polled segments truncated, no request: the agent lives" alive "$(alive "$AGENT_PID")"
t_wait 10 logs_at_least 'if[1-5]' 5
t_check "one log line for each" 5 "$(logged -c 'if[1-5]')"
t_check "the other is still served" 1 "$(t_walk $IFDESCR | grep -c STRING)"
finish snabb interface

start pseudowire pseudowire --check-interval 1 --shmem-dir "$PWSHM" \
	--vpls-ids "$PWSHM.vpls-ids" --pseudowire-ids "$PWSHM.pseudowire-ids"
pws() { [ "$(rows $PWMIB.1.2.1.2 | wc -w)" == "$1" ]; }
t_wait 15 pws 4 || t_die "shmib-pseudowire does not serve (see $AGENT_LOG)"
rm -f "$T/stop"
walkloop() { while [ ! -e "$T/stop" ]; do t_walk $PWMIB >/dev/null 2>&1; done; }
walkloop &
loop=$!
for i in 1 2 3; do
	truncate -s 0 "$PWSHM/pw1_$i"
	sleep 0.6
done
touch "$T/stop"
wait "$loop"
t_check "pseudowire segments truncated under walks: the agent lives" alive "$(alive "$AGENT_PID")"
t_wait 10 pws 1 || t_fail "the truncated pseudowires are still served"
finish pseudowire pseudowire
t_done
