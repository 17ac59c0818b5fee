#!/usr/bin/env bash
# Segment pages of shmib-exporter: with 3,000 interface segments (a
# page each: 12 MB if all stayed mapped), a scrape serves every
# interface with the right values and leaves none of the segments'
# pages in the exporter's resident set (/proc/PID/smaps) once it has
# answered, nor the body it sent (12 MB); a second scrape is as right.  A data file truncated between
# scrapes is skipped, counted and logged, the others served; data
# files rewritten in place again and again under scrapes (cp, each
# empty for a moment: loads and reads of a page past the end of the
# file, the SIGBUS guard) kill nothing, and once they are whole every
# interface is served again.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/exporter_lib.bash"

N=3000
"$BIN/shmib-fakeseg" --dir "$T/shm" --interfaces $N >"$T/fakeseg.log" 2>&1 ||
	t_die "shmib-fakeseg failed"
mkdir "$T/keep" && cp -p "$T/shm"/if? "$T/shm"/if?? "$T/keep/" || t_die "copy"
exporter_start

# kB of the exporter's resident set in mappings of segment data files.
seg_rss() {
	awk -v dir="$T/shm/" '
		/^[0-9a-f]+-[0-9a-f]+ / { seg = index($6, dir) == 1 }
		seg && /^Rss:/ { kb += $2 }
		END { print kb + 0 }' "/proc/$EXPORTER/smaps"
}

# right [SKIP] < exposition: "ROWS WRONG": interfaces with all three
# checked series, and series whose value or labels are not those
# shmib-fakeseg wrote for interface i (ifIndex i in its map, ifName
# ifi, ifHCInOctets i * 1000000007, ifHCOutOctets i * 2000000011,
# ifInNUcastPkts i * (1009 + 101)); interface SKIP must be absent.
right() {
	awk -v skip="${1:-0}" '
		BEGIN { m["ifHCInOctets"] = 1000000007; m["ifHCOutOctets"] = 2000000011
			m["ifInNUcastPkts"] = 1110 }
		match($0, /^[A-Za-z]+\{ifIndex="[0-9]+"/) {
			name = substr($0, 1, index($0, "{") - 1)
			if (!(name in m)) next
			i = substr($0, RSTART + length(name) + 10, RLENGTH - length(name) - 11) + 0
			if (i == skip || $NF != i * m[name] || index($0, ",ifName=\"if" i "\"}") == 0) bad++
			else seen[i]++
		}
		END { for (i in seen) rows += seen[i] == 3; print rows + 0, bad + 0 }'
}

scrape >"$T/m1.prom" || t_die "scrape failed"
t_check "first scrape: every interface, values right" "$N 0" "$(right <"$T/m1.prom")"
t_check "...no segment page stays mapped after it" 0 "$(seg_rss)"
scrape >"$T/m2.prom" || t_die "second scrape failed"
t_check "second scrape: every interface, values right" "$N 0" "$(right <"$T/m2.prom")"
t_check "...no segment page mapped after it either" 0 "$(seg_rss)"
# Nor is the body kept (a sanitizer's allocator holds freed memory).
if ldd "$BIN/shmib-exporter" | grep -q libasan; then
	t_log "sanitized build: the body's memory is not looked at"
else
	anon=$(awk '/^RssAnon:/ { print $2 }' "/proc/$EXPORTER/status")
	body=$(($(stat -c %s "$T/m2.prom") / 1024))
	[ "$anon" -lt "$body" ]
	t_check "...nor its body (anonymous memory $anon kB, a body $body kB)" 0 $?
fi

truncate -s 0 "$T/shm/if7"
scrape >"$T/m3.prom"
t_check "a data file truncated between scrapes: the scrape answers" 0 $?
t_check "...the others served, values right" "$((N - 1)) 0" "$(right 7 <"$T/m3.prom")"
t_check "...it is counted in shmib_segments_bad" 1 "$(sample shmib_segments_bad '' <"$T/m3.prom")"
t_match "...and logged, naming it" "skipping segment if7: .*if7: data file has 0 bytes" \
	"$(grep -a if7 "$T/exporter.log")"
t_check "...no segment page mapped after it" 0 "$(seg_rss)"

# Rewrites in place under scrapes: every cp truncates a data file
# first, so loads and reads meet pages past its end.
rewrite() { while :; do for f in "$T"/keep/*; do cp "$f" "$T/shm/"; done; done; }
rewrite &
REWRITER=$!
T_PIDS+=($REWRITER)
failed=0
for i in $(seq 10); do scrape >/dev/null || failed=$((failed + 1)); done
kill $REWRITER
wait $REWRITER 2>/dev/null
t_check "scrapes while 99 data files are rewritten: all answered" 0 "$failed"
t_log "reads that met a shrunk data file (guarded): $(grep -c 'shrank under a read' "$T/exporter.log")"
cp -p "$T/keep"/* "$T/shm/"
scrape >/dev/null                       # a segment found bad is retried now
scrape >"$T/m4.prom" || t_die "scrape after the rewrites failed"
t_check "after the rewrites: every interface, values right" "$N 0" "$(right <"$T/m4.prom")"
t_check "...no segment page mapped after it" 0 "$(seg_rss)"

exporter_stop
t_done
