#!/usr/bin/env bash
# shmib-dataplane refuses bad configuration files: each error names
# file, line, section and key, the exit status is 1, and nothing is
# created (no shm directory, no segment, no pid file).
. "$(dirname "$0")/../lib.sh"

DP=$BIN/shmib-dataplane
[ -x "$DP" ] || t_die "$DP not built"

# conf NAME: writes stdin to $T/NAME.conf
conf() { cat >"$T/$1.conf"; }

# refused NAME EXPECTED-MESSAGE [EAL options...]: runs the dataplane on
# $T/NAME.conf and checks status, message and that nothing was created.
refused() {
	local name=$1 msg=$2; shift 2
	local out rc
	out=$(timeout 30 "$DP" --no-huge -m 256 --no-pci --file-prefix "shmib-cfg-$$-$name" "$@" \
		-- --config "$T/$name.conf" --shmem-dir "$T/shm-$name" -f \
		-p "$T/$name.pid" 2>&1)
	rc=$?
	t_check "$name: exit status" 1 "$rc"
	t_check "$name: message" "shmib-dataplane: error: $msg" \
		"$(grep 'error:' <<<"$out" | head -1)"
	t_check "$name: no shm directory" no "$([ -e "$T/shm-$name" ] && echo yes || echo no)"
	t_check "$name: no pid file left" no "$([ -e "$T/$name.pid" ] && echo yes || echo no)"
}

refused missing "$T/missing.conf: cannot open: No such file or directory"

conf unknown-key <<'EOC'
[global]
publish_interval = 1

[port a]
device = net_null0
speed = 10000
EOC
refused unknown-key "$T/unknown-key.conf:6: [port a] speed: unknown key"

conf unknown-section <<'EOC'
[port a]
device = net_null0
[bridge b]
EOC
refused unknown-section "$T/unknown-section.conf:3: [bridge b]: unknown section (expected [global] or [port NAME])"

conf bad-pci <<'EOC'
[port a]
device = 0000:zz:00.0
EOC
refused bad-pci "$T/bad-pci.conf:2: [port a] device: '0000:zz:00.0' is not a PCI address (DDDD:BB:DD.F)"

conf bad-pci-function <<'EOC'
[port a]
# functions are 0..7
device = 0000:01:00.8
EOC
refused bad-pci-function "$T/bad-pci-function.conf:3: [port a] device: '0000:01:00.8' is not a PCI address (DDDD:BB:DD.F)"

conf bad-device <<'EOC'
[port a]
device = eth0
EOC
refused bad-device "$T/bad-device.conf:2: [port a] device: 'eth0' is neither a PCI address nor a virtual device (net_...)"

conf duplicate-device <<'EOC'
[port a]
device = 0000:01:00.0

[port b]
device = 01:00.0
EOC
refused duplicate-device "$T/duplicate-device.conf:4: [port b] device: 0000:01:00.0 is already port 'a' (line 1)"

conf duplicate-port <<'EOC'
[port a]
device = net_null0
[port a]
device = net_null1
EOC
refused duplicate-port "$T/duplicate-port.conf:3: [port a]: duplicate port (first on line 1)"

conf duplicate-key <<'EOC'
[port a]
mtu = 1500
device = net_null0
mtu = 9000
EOC
refused duplicate-key "$T/duplicate-key.conf:4: [port a] mtu: given twice (first on line 2)"

conf xconnect-missing <<'EOC'
[port a]
device = net_null0
xconnect = b
EOC
refused xconnect-missing "$T/xconnect-missing.conf:1: [port a] xconnect: no port 'b'"

conf xconnect-self <<'EOC'
[port a]
device = net_null0
xconnect = a
EOC
refused xconnect-self "$T/xconnect-self.conf:1: [port a] xconnect: a port cannot be cross-connected to itself"

conf xconnect-conflict <<'EOC'
[port a]
device = net_null0
xconnect = b
[port b]
device = net_null1
xconnect = c
[port c]
device = net_null2
EOC
refused xconnect-conflict "$T/xconnect-conflict.conf:1: [port a] xconnect: port 'b' is cross-connected to 'c'"

conf bad-mtu <<'EOC'
[port a]
device = net_null0
mtu = 65536
EOC
refused bad-mtu "$T/bad-mtu.conf:3: [port a] mtu: '65536' is not an MTU (68..9600)"

conf mtu-not-number <<'EOC'
[port a]
device = net_null0
mtu = 15OO
EOC
refused mtu-not-number "$T/mtu-not-number.conf:3: [port a] mtu: '15OO' is not an MTU (68..9600)"

conf bad-interval <<'EOC'
[global]
publish_interval = soon
[port a]
device = net_null0
EOC
refused bad-interval "$T/bad-interval.conf:2: [global] publish_interval: 'soon' is not a number of seconds (0.01..3600, or 0)"

conf no-device <<'EOC'
[port a]
mtu = 1500
EOC
refused no-device "$T/no-device.conf:1: [port a] device: missing"

conf syntax <<'EOC'
[port a]
device net_null0
EOC
refused syntax "$T/syntax.conf:2: expected \"key = value\" or \"[section]\""

conf unclosed <<'EOC'
[port a
device = net_null0
EOC
refused unclosed "$T/unclosed.conf:1: section header without closing ']'"

conf outside <<'EOC'
device = net_null0
[port a]
EOC
refused outside "$T/outside.conf:1: key outside any [section]"

conf no-ports <<'EOC'
[global]
publish_interval = 1
EOC
refused no-ports "$T/no-ports.conf: no [port NAME] section"

conf long-alias <<EOC
[port a]
device = net_null0
alias = $(printf 'x%.0s' $(seq 65))
EOC
refused long-alias "$T/long-alias.conf:3: [port a] alias: longer than 64 bytes"

# Port names name segments: what the readers take (shm's rule).
printf '[port a/b]\ndevice = net_null0\n' | conf slash-name
refused slash-name "$T/slash-name.conf:1: [port a/b]: bad port name 'a/b': '/' in name"
printf '[port ..]\ndevice = net_null0\n' | conf dotdot-name
refused dotdot-name "$T/dotdot-name.conf:1: [port ..]: bad port name '..': name starts with '.'"
printf '[port .hidden]\ndevice = net_null0\n' | conf hidden-name
refused hidden-name "$T/hidden-name.conf:1: [port .hidden]: bad port name '.hidden': name starts with '.'"

# rte_cfgfile's line buffer: 322 bytes before the newline, comments too.
{ printf '[port a]\ndevice = net_null0\n# '; printf 'x%.0s' $(seq 321); echo; } | conf long-comment
refused long-comment "$T/long-comment.conf:3: line longer than 322 bytes"

# Only a regular file of bounded size: no endless read, no blocking.
ln -s /dev/zero "$T/zero.conf"
refused zero "$T/zero.conf: not a regular file"
mkfifo "$T/fifo.conf"
refused fifo "$T/fifo.conf: not a regular file"
mkdir "$T/dir.conf"
refused dir "$T/dir.conf: not a regular file"
{ printf '[port a]\ndevice = net_null0\n'; head -c 1100000 /dev/zero | tr '\0' '\n'; } | conf huge
refused huge "$T/huge.conf: larger than 1048576 bytes"

# A well-formed file naming a device that does not exist, or a driver
# DPDK does not have: found when EAL is up (it loads the drivers),
# still with file and line, before anything is created.
conf absent-device <<'EOC'
[port a]
device = 0000:01:00.0
EOC
refused absent-device "$T/absent-device.conf:1: [port a] device: 0000:01:00.0: No such device" -l 0,1
printf '[port a]\ndevice = net_nosuch0\n' | conf unknown-driver
refused unknown-driver "$T/unknown-driver.conf:1: [port a] device: net_nosuch0: no DPDK driver takes this name (a typo, or its PMD is not installed)" -l 0,1

t_done
