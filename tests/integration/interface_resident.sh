#!/usr/bin/env bash
# Resident pages of segments stay within the agent's budget: with
# 3,000 interface segments (a page each: 12 MB if all stayed mapped),
# the pages of segment mappings in shmib-interface's resident set
# (/proc/PID/smaps) never exceed RESIDENT_PAGES (1,024 pages, 4 MB)
# during bulk walks that read every segment, every walked value is
# right, and once the agent is idle the pages are all dropped.  The
# agent is stopped (SIGSTOP) while its smaps is read: a reading taken
# while it maps and unmaps could count a batch dropped meanwhile and the
# batch loaded after it.
. "$(dirname "$0")/../lib.sh"

N=3000 BUDGET_KB=4096
IFDESCR=.1.3.6.1.2.1.2.2.1.2 IFHCIN=.1.3.6.1.2.1.31.1.1.1.6
"$BIN/shmib-fakeseg" --dir "$T/shm" --interfaces $N >/dev/null || t_die "shmib-fakeseg failed"
t_snmpd
t_bg interface "$BIN/shmib-interface" --kernel-interfaces no -f -x "unix:$AGENTX" \
	--shmem-dir "$T/shm" --ifindex "$T/shm.ifindex"
AGENT=$!
served() { [ "$(t_value .1.3.6.1.2.1.2.1.0)" == "$N" ]; }
t_wait 60 served || t_die "shmib-interface does not serve $N interfaces (see $T/interface.log)"

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
[ "$max" -gt 0 ] && [ "$max" -le $BUDGET_KB ] && [ "$mid" -le $BUDGET_KB ]
t_check "segment pages within $BUDGET_KB kB (at most $max kB, $mid kB after)" 0 $?

idle() { [ "$(seg_rss)" -eq 0 ]; }
t_wait 10 idle
t_check "segment pages dropped once idle ($(seg_rss) kB)" 0 $?
t_stop $AGENT
t_done
