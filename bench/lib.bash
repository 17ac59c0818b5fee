# Shared helpers of the benchmark scripts (sourced, bash).
#
# Result lines: every bench/*.sh prints its results on stdout as
#   BENCH<TAB>what<TAB>figure<TAB>peer<TAB>peer figure<TAB>ratio<TAB>target
# (bench_line writes them); bench/run gathers them into the table of
# bench/RESULTS.md.  Everything else a script prints, progress
# included, goes to stderr.  A script that cannot run here exits 77
# after printing "SKIP: reason".
#
# BENCH_QUICK=1 asks for a fast smoke run: small sizes, few runs.

set -u
BENCH_QUICK=${BENCH_QUICK:-}
# Medians are taken over this many runs.
BENCH_RUNS=${BENCH_RUNS:-$([ "$BENCH_QUICK" ] && echo 1 || echo 3)}

bench_progress() { printf '  [%s] %s\n' "$(date +%T)" "$*" >&2; }

# bench_line WHAT FIGURE PEER PEER_FIGURE RATIO [TARGET]
# TARGET is "<= X" or "< X" on the ratio, or free text; a numeric
# target gets "met" or "MISSED" appended.
bench_line() {
	local target=${6:--}
	if [[ $target =~ ^(\<=?)\ *([0-9.]+)$ ]]; then
		if awk -v r="$5" -v op="${BASH_REMATCH[1]}" -v t="${BASH_REMATCH[2]}" \
			'BEGIN { exit !(op == "<" ? r < t : r <= t) }'; then
			target="$target met"
		else
			target="$target MISSED"
		fi
	fi
	printf 'BENCH\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" "$target"
}

# The median of the numbers given.
bench_median() {
	printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 }
		END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# bench_calc EXPR: floating-point arithmetic, to 4 significant digits.
bench_calc() { awk "BEGIN { printf \"%.4g\", $1 }"; }

# Per-item time of a run of GROSS µs over N items, net of START µs of
# the tool's own start-up.  On a loaded machine one start-up can cost
# more than a short run took: the net is kept at no less than 1 % of
# the gross, so the figure stays a (noisy) time, never negative.
bench_net_per() {
	awk -v g="$1" -v s="$2" -v n="$3" 'BEGIN { t = g - s; if (t < g / 100) t = g / 100; printf "%.4g", t / n }'
}

# A ratio A/B to two decimals (1.00 when both are 0, inf when only B).
bench_ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print (a > 0 ? "inf" : "1.00") }'
}

# Microseconds since the epoch, without forking.
bench_now_us() { local t=${EPOCHREALTIME//[!0-9]/}; echo "$((10#$t))"; }

# CPU time a process has used, in µs: the scheduler's run time
# (nanosecond resolution) where the kernel keeps it, else user+system
# time from /proc/PID/stat (clock ticks).
bench_cpu_us() {
	if [ -r "/proc/$1/schedstat" ]; then
		awk '{ printf "%d", $1 / 1000 }' "/proc/$1/schedstat"
	else
		awk -v hz="$(getconf CLK_TCK)" '{ sub(/.*\) /, ""); printf "%d", ($12 + $13) * 1e6 / hz }' "/proc/$1/stat"
	fi
}

# Resident set size of a process, in kB.
bench_rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }

# The largest resident set the process has had, in kB.
bench_rss_peak_kb() { awk '/^VmHWM:/ { print $2 }' "/proc/$1/status"; }

# What the resident set is made of: private memory, and pages of
# mapped files (regular, tmpfs), which the page cache shares.
bench_rss_split() {
	awk '/^Rss(Anon|File|Shmem):/ { sub(/^Rss/, "", $1); sub(/:$/, "", $1)
		printf "%s%s %.1f MB", n++ ? ", " : "", tolower($1), $2 / 1024 }' "/proc/$1/status"
}
