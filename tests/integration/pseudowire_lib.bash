# Shared by the pseudowire tests (sourced after tests/lib.sh): the
# binaries they need, starting and stopping shmib-pseudowire, and small
# readers of what it serves and logs.

[ -x "$BIN/shmib-pseudowire" ] || t_skip "shmib-pseudowire is not built"
[ -x "$BIN/shmib-fakeseg" ] || t_skip "shmib-fakeseg is not built"

# pw_start ARGS...: shmib-pseudowire against the test's snmpd (t_agent),
# checking every second; the process that runs it in AGENT, its log in
# LOG.
pw_start() {
	t_agent pseudowire pseudowire --check-interval 1 "$@"
	AGENT=$AGENT_PID LOG=$AGENT_LOG
}

# Stops the agent; its log must hold no sanitizer report (make SANITIZE=1).
stop() {
	t_agent_stop pseudowire
	t_check "no sanitizer report from shmib-pseudowire" 0 \
		"$(grep -c -E 'Sanitizer|runtime error' "$LOG")"
}

# ids FILE NAME...: writes an id file whole (temporary file, rename).
ids() {
	local f=$1; shift
	printf '%s\n' "$@" >"$f.tmp" && mv "$f.tmp" "$f"
}

# The instances of a column, as their index arcs, one line.
rows() { t_walk "$1" 2>&1 | sed -n "s/^${1//./\\.}\.\([0-9.]*\) = .*/\1/p" | xargs; }
