#!/usr/bin/env bash
# Resident pages of segments: with 3,000 interface segments (a page
# each: 12 MB if all stayed mapped), the daemon's default budget keeps
# the pages of segment mappings in its resident set (/proc/PID/smaps)
# within RESIDENT_PAGES (1,024 pages, 4 MB) during bulk walks that read
# every segment; a module's default (no budget, for walks at the speed
# of snmpd's own tables) keeps every page read while requests come.
# Either way every walked value is right, and once the agent is idle
# the pages are all dropped.  A walk over segments of 1 MB (the most a
# reader maps) keeps the daemon's budget too; a valid segment of 268 MB
# is refused with one line.  The agent (snmpd, for a module) is
# stopped (SIGSTOP) while its smaps is read: a reading taken while it
# maps and unmaps could count a batch dropped meanwhile and the batch
# loaded after it.
# loads: daemon module
. "$(dirname "$0")/../lib.sh"

N=3000 BUDGET_KB=4096
IFDESCR=.1.3.6.1.2.1.2.2.1.2 IFHCIN=.1.3.6.1.2.1.31.1.1.1.6
"$BIN/shmib-fakeseg" --dir "$T/shm" --interfaces $N >/dev/null || t_die "shmib-fakeseg failed"
t_snmpd
t_agent interface interface --shmem-dir "$T/shm" --ifindex "$T/shm.ifindex"
AGENT=$AGENT_PID
served() { [ "$(t_value .1.3.6.1.2.1.2.1.0)" == "$N" ]; }
t_wait 60 served || t_die "shmib-interface does not serve $N interfaces (see $AGENT_LOG)"

# kB of the agent's resident set in mappings of segment data files.
seg_rss() {
	kill -STOP $AGENT
	awk -v dir="$T/shm/" '
		/^[0-9a-f]+-[0-9a-f]+ / { seg = index($6, dir) == 1 }
		seg && /^Rss:/ { kb += $2 }
		END { print kb + 0 }' "/proc/$AGENT/smaps"
	kill -CONT $AGENT
}

# The largest figure seen while the walks run.
sample() {
	local max=0 kb
	while :; do
		kb=$(seg_rss)
		[ "$kb" -gt "$max" ] && { max=$kb; echo "$max" >"$T/max"; }
		sleep 0.05
	done
}
echo 0 >"$T/max"
sample &
SAMPLER=$!
T_PIDS+=($SAMPLER)
t_bulkwalk $IFDESCR >"$T/descr"
t_bulkwalk $IFHCIN >"$T/hcin"
mid=$(seg_rss)
kill $SAMPLER
wait $SAMPLER 2>/dev/null
max=$(cat "$T/max")
t_log "segment pages resident: at most $max kB during the walks, $mid kB after"

t_check "ifDescr walk: one row per segment" $N "$(grep -c "^$IFDESCR\." "$T/descr")"
t_check "ifDescr of ifIndex 1234 (map)" \
	"\"$(awk '$2 == 1234 { print $1 }' "$T/shm.ifindex")\"" \
	"$(awk -v o="$IFDESCR.1234" '$1 == o { print $4 }' "$T/descr")"
t_check "ifHCInOctets walk: one row per segment" $N "$(grep -c "^$IFHCIN\." "$T/hcin")"
if [ "$SHMIB_LOAD" = module ]; then
	# Two columns walked within the idle second: the second finds the
	# pages the first loaded.
	[ "$max" -ge $((N * 4)) ]
	t_check "module: every segment's page kept while requests come (at most $max kB, $mid kB after)" 0 $?
else
	[ "$max" -gt 0 ] && [ "$max" -le $BUDGET_KB ] && [ "$mid" -le $BUDGET_KB ]
	t_check "segment pages within $BUDGET_KB kB (at most $max kB, $mid kB after)" 0 $?
fi

idle() { [ "$(seg_rss)" -eq 0 ]; }
t_wait 10 idle
t_check "segment pages dropped once idle ($(seg_rss) kB)" 0 $?

# big NAME BLOBS: a valid segment (ifDescr NAME, then BLOBS raw objects
# of 65537 bytes; sparse), published data first, index last.
big() {
	local i
	{ echo "MIB:1"; echo "ifDescr:18"; for ((i = 0; i < $2; i++)); do echo "_X_blob$i:65537"; done; } >"$T/shm/.$1.index.tmp"
	{ printf "\\x$(printf %02x ${#1})\\x00"; printf '%-16s' "$1" | tr ' ' '\0'; } >"$T/shm/.$1"
	truncate -s $((18 + $2 * 65537)) "$T/shm/.$1"
	mv "$T/shm/.$1" "$T/shm/$1" && mv "$T/shm/.$1.index.tmp" "$T/shm/$1.index"
}
# Segments of 1 MB, the most a reader maps (SHM_DATA_MAX): a walk over
# 24 of them (24 MB) stays within the budget too; one of 268 MB (the
# index limits allow it) is refused before anything is mapped.
for k in $(seq 24); do
	echo "big$k $((N + k))" >>"$T/shm.ifindex"
	big "big$k" 15
done
echo "huge $((N + 100))" >>"$T/shm.ifindex"
big huge 4095
more() { [ "$(t_value .1.3.6.1.2.1.2.1.0)" == "$((N + 24))" ]; }
t_wait 30 more || t_fail "the 1 MB segments are not served"
echo 0 >"$T/max"
sample &
SAMPLER=$!
T_PIDS+=($SAMPLER)
t_bulkwalk $IFDESCR | grep -c '"big' >"$T/bigrows"
mid=$(seg_rss)
kill $SAMPLER
wait $SAMPLER 2>/dev/null
max=$(cat "$T/max")
t_check "a walk reads the 24 segments of 1 MB" 24 "$(cat "$T/bigrows")"
if [ "$SHMIB_LOAD" != module ]; then
	[ "$max" -le $BUDGET_KB ] && [ "$mid" -le $BUDGET_KB ]
	t_check "segment pages still within $BUDGET_KB kB (at most $max kB, $mid kB after)" 0 $?
fi
t_wait 10 idle
t_check "segment pages dropped once idle again ($(seg_rss) kB)" 0 $?
t_match "the 268 MB segment is refused, once" \
	"skipping segment huge: .*huge.index: data of $((18 + 4095 * 65537)) bytes, more than the 1048576 a reader maps$" \
	"$(grep -a huge "$AGENT_LOG")"
t_match "its row is not served" "No Such Instance" "$(t_get $IFDESCR.$((N + 100)))"
t_agent_stop interface
t_done
