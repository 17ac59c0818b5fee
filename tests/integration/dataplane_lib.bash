# Helpers of the dataplane tests (sourced after tests/lib.sh): pcap
# files built byte by byte, reading segments with shmib-dump --json, and
# starting/stopping shmib-dataplane on virtual ports.

DP=$BIN/shmib-dataplane
DUMP=$BIN/shmib-dump
[ -x "$DP" ] || t_die "$DP not built"
[ -x "$DUMP" ] || t_die "$DUMP not built"

# 32-bit little-endian, as printf escapes.
le32() { printf '\\x%02x\\x%02x\\x%02x\\x%02x' $(($1 & 255)) $(($1 >> 8 & 255)) $(($1 >> 16 & 255)) $(($1 >> 24 & 255)); }

# pcap_new FILE: a pcap file (microseconds, Ethernet) with no frames.
pcap_new() {
	printf "\\xd4\\xc3\\xb2\\xa1\\x02\\x00\\x04\\x00$(le32 0)$(le32 0)$(le32 65535)$(le32 1)" >"$1"
}

# pcap_frame FILE DST-MAC LEN SEQ: appends an Ethernet frame of LEN
# bytes to DST-MAC (12 hex digits) whose payload is byte SEQ repeated:
# every frame is different, so order is visible.
pcap_frame() {
	local file=$1 dst=$2 len=$3 seq=$4 hex byte pad
	hex=$dst"020000000002""88b5"
	printf -v byte '%02x' "$seq"
	printf -v pad '%*s' $((len - ${#hex} / 2)) ''
	hex+=${pad// /$byte}
	printf "$(le32 "$seq")$(le32 0)$(le32 "$len")$(le32 "$len")" >>"$file"
	printf "$(sed 's/../\\x&/g' <<<"$hex")" >>"$file"
}

# Frames of a pcap file as hex, one a line, timestamps left out.
pcap_hex() { tcpdump -r "$1" -n -t -xx 2>/dev/null; }

# seg_get SEGMENT OBJECT: the object's value as shmib-dump --json prints it.
seg_get() {
	"$DUMP" --json "$1" 2>/dev/null | grep -o "\"$2\": [^,}]*" | head -1 | sed 's/^[^:]*: //'
}

# seg_is SEGMENT OBJECT VALUE: true when the object has that value.
seg_is() { [ "$(seg_get "$1" "$2")" == "$3" ]; }

# dp_start NAME CONFIG [EAL options...]: starts the dataplane in the
# foreground on two lcores without hugepages or PCI; segments in
# $T/shm; sets DP_PID and DP_LOG.
dp_start() {
	local name=$1 conf=$2; shift 2
	DP_LOG=$T/$name.log
	t_bg "$name" "$DP" -l 0,1 --no-huge -m 256 --no-pci \
		--file-prefix "shmib-$name-$$" "$@" \
		-- --config "$conf" --shmem-dir "$T/shm" -f
	DP_PID=$!
	t_wait 20 grep -q "forwarding on" "$DP_LOG" ||
		t_die "dataplane did not start: $(cat "$DP_LOG")"
}

# dp_stop: SIGTERM, then the exit status in DP_STATUS.
dp_stop() {
	kill -TERM "$DP_PID"
	wait "$DP_PID"
	DP_STATUS=$?
}

# tap_xconnect_conf FILE TAP-A TAP-B: a configuration cross-connecting
# ports a and b, net_tap devices with the given interface names,
# published every 0.2 s so link changes show quickly.
tap_xconnect_conf() {
	cat >"$1" <<EOC
[global]
publish_interval = 0.2
[port a]
device = net_tap0,iface=$2
xconnect = b
[port b]
device = net_tap1,iface=$3
EOC
}
