# Shared by the shmib-exporter tests (sourced after tests/lib.sh):
# starting it on fakeseg segments and reading what it serves.

[ -x "$BIN/shmib-exporter" ] || t_skip "shmib-exporter is not built"
[ -x "$BIN/shmib-fakeseg" ] || t_skip "shmib-fakeseg is not built"
command -v curl >/dev/null || t_skip "curl is not installed"

# exporter_start [ARGS...]: shmib-exporter in the foreground on
# 127.0.0.1:$EXPORTER_PORT for the segments in $T/shm (maps and id
# files as shmib-fakeseg writes them); its pid in EXPORTER.  Segments
# alone unless ARGS say --kernel-interfaces: kernel rows would vary
# with the host (exporter_kernel asks for them in a namespace).
exporter_start() {
	[[ " $* " != *" --kernel-interfaces "* ]] && set -- --kernel-interfaces no "$@"
	EXPORTER_PORT=$(t_free_tcp_port)
	t_bg exporter "$BIN/shmib-exporter" -f --listen "127.0.0.1:$EXPORTER_PORT" \
		--shmem-dir "$T/shm" --ifindex "$T/shm.ifindex" "$@"
	EXPORTER=$!
	t_wait 10 curl -sf "http://127.0.0.1:$EXPORTER_PORT/metrics" ||
		t_die "shmib-exporter did not start (see $T/exporter.log)"
}

# scrape [CURL ARGS...]: the body of GET /metrics.
scrape() { curl -sf --max-time 10 "$@" "http://127.0.0.1:$EXPORTER_PORT/metrics"; }

# sample NAME LABEL-REGEX < exposition: the value of the one sample of
# family NAME whose labels match.
sample() { awk -v n="$1" -v re="$2" '$0 ~ "^" n "({|$| )" && $0 ~ re { print $NF }'; }

# normalised < exposition: "name{labels sorted} value" a line, values
# as numbers, comments dropped, sorted: two servers' series compare by
# diff.  Label values must hold no '",'.
normalised() {
	awk '/^#/ || NF == 0 { next }
	{
		v = $NF; s = substr($0, 1, length($0) - length(v) - 1)
		b = index(s, "{")
		if (b) {
			name = substr(s, 1, b - 1); l = substr(s, b + 1, length(s) - b - 1)
			n = split(l, p, "\",")
			for (i = 1; i < n; i++) p[i] = p[i] "\""
			for (i = 2; i <= n; i++) for (j = i; j > 1 && p[j-1] > p[j]; j--) { x = p[j]; p[j] = p[j-1]; p[j-1] = x }
			l = p[1]; for (i = 2; i <= n; i++) l = l "," p[i]
			s = name "{" l "}"
		}
		printf "%s %.17g\n", s, v
	}' | sort
}

# Stops shmib-exporter; its log must hold no sanitizer report.
exporter_stop() {
	t_stop "$EXPORTER"
	t_check "no sanitizer report from shmib-exporter" 0 \
		"$(grep -c -E 'Sanitizer|runtime error' "$T/exporter.log")"
}
