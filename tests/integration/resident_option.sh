#!/usr/bin/env bash
# --resident-pages: a value that is neither a page count in range nor
# "all" is refused with one line naming it (a daemon exits 1, a module
# serves nothing); a small budget, the default and "all" serve every
# row of a table larger than the budget, with the same values.
# loads: daemon module
. "$(dirname "$0")/../lib.sh"

N=600           # segments of a page each: over a 256-page budget
IFDESCR=.1.3.6.1.2.1.2.2.1.2
INOCTETS=.1.3.6.1.2.1.2.2.1.10
"$BIN/shmib-fakeseg" --dir "$T/shm" --interfaces $N >"$T/fakeseg.log" 2>&1 ||
	t_die "shmib-fakeseg failed"
t_snmpd
rows() { t_walk "$IFDESCR" 2>&1 | grep -c '= STRING'; }
served() { [ "$(rows)" = $N ]; }
# outcomes: how often the module started or gave up.
outcomes() { grep -c "shmib_interface\( started\|: serving nothing\)" "$T/snmpd.log"; }
more_than() { [ "$(outcomes)" -gt "$1" ]; }
start() {
	local n=$(outcomes)
	t_agent agent interface --shmem-dir "$T/shm" --ifindex "$T/shm.ifindex" --resident-pages "$1"
	[ "$SHMIB_LOAD" = module ] && ! t_wait 10 more_than "$n" &&
		t_fail "module neither started nor gave up"
	return 0
}

for bad in 0 255 1048577 x -1 300k; do
	if [ "$SHMIB_LOAD" = daemon ]; then
		"$BIN/shmib-interface" -f --ifindex "$T/shm.ifindex" --resident-pages "$bad" >"$T/opt.log" 2>&1
		t_check "--resident-pages '$bad': exit 1" 1 $?
		log=$T/opt.log
	else
		start "$bad"
		t_match "--resident-pages '$bad': serves nothing" "No Such Object" "$(t_walk "$IFDESCR" 2>&1)"
		t_agent_unload interface
		log=$AGENT_LOG
	fi
	t_check "--resident-pages '$bad': one line naming it" 1 \
		"$(grep -c -F -- "--resident-pages: '$bad' is neither a number of pages in 256..1048576 nor 'all'" "$log")"
	: >"$T/opt.log"
done

declare -A WALK
for pages in 256 all 1024; do
	start "$pages"
	t_wait 20 served
	t_check "--resident-pages $pages: every row served" $N "$(rows)"
	WALK[$pages]=$(t_walk "$IFDESCR"; t_walk "$INOCTETS")
	t_check "--resident-pages $pages: ifDescr and ifInOctets, $N each" $((2 * N)) \
		"$(grep -c -E '= (STRING|Counter32)' <<<"${WALK[$pages]}")"
	t_agent_alive; t_check "--resident-pages $pages: still running" 0 $?
	t_agent_stop interface
done
t_check "a budget of 256 pages serves the values of no budget" "${WALK[all]}" "${WALK[256]}"
t_check "the default budget serves the values of no budget" "${WALK[all]}" "${WALK[1024]}"
t_done
