#!/usr/bin/env bash
# The operator guide, followed on this machine: install into a prefix,
# snmpd with the shipped snmpd.conf fragment and the -I list of the
# shipped systemd drop-in, the subagents finding snmpd through the
# shipped interface.conf/pseudowire.conf, the daemons started, checked
# and stopped by the shipped init scripts with their defaults edited as
# an operator would, the ifindex map workflow (an empty map, then the
# ports' ifDescr from shmib-dump), and the guide's commands.
. "$(dirname "$0")/../lib.sh"

for b in shmib-dataplane shmib-interface shmib-pseudowire shmib-dump shmib-fakeseg; do
	[ -x "$BIN/$b" ] || t_skip "$b is not built yet"
done
EAL_PREFIX=shmib-guide-$$
trap 't_cleanup; rm -rf "/var/run/dpdk/$EAL_PREFIX"' EXIT
EX=$TOP/config/examples
SHM=$T/shmem PWSHM=$T/pw-shmem ETC=$T/etc

make -C "$TOP" --no-print-directory BUILD="$BUILD" install PREFIX="$T/usr" SYSCONFDIR="$ETC" \
	>"$T/install.log" 2>&1 || t_die "make install: $(tail -5 "$T/install.log")"
PATH=$T/usr/bin:$T/usr/sbin:$PATH

# snmpd: the example fragment (socket moved into $T, group root as
# there is no shmib group here) and the -I list of the drop-in.
init_list=$(sed -n 's/^ExecStart=.* -I \([^ ]*\) .*/\1/p' "$EX/snmpd.service.conf")
t_match "the drop-in leaves out the kernel's interface tables" "ifTable,ifXTable,ifNumber" "$init_list"
SNMPD_INIT=$init_list
SNMPD_ACCESS=$(sed -e "s|unix:/run/agentx/master|unix:$T/agentx.sock|" \
	-e 's/^agentXPerms.*/agentXPerms 0660 0755 root root/' "$EX/snmpd.conf")
t_snmpd
snmp() { "$1" -v2c -c "$2" -r 1 -t 3 -On "127.0.0.1:$SNMP_PORT" "${@:3}" 2>&1; }
t_match "community snabb reads sysUpTime" "Timeticks" "$(snmp snmpget snabb .1.3.6.1.2.1.1.3.0)"
t_match "community snabb reads nothing else" "No Such Object" "$(snmp snmpget snabb .1.3.6.1.2.1.1.1.0)"
t_match "no kernel ifNumber" "No Such Object" "$(snmp snmpget public .1.3.6.1.2.1.2.1.0)"

# The subagents' net-snmp configuration, found by application name.
for a in interface pseudowire; do
	sed "s|unix:/run/agentx/master|unix:$AGENTX|" "$EX/$a.conf" >"$SNMPCONFPATH/$a.conf"
done

# Defaults as an operator edits them; as root, for lack of a shmib user.
mkdir -p "$ETC/shmib" "$T/run"
: >"$ETC/shmib/ifindex"
set_default() {
	local d=$1; shift
	printf '%s\n' "$@" "PIDFILE=$T/run/$d.pid" >>"$ETC/default/$d"
}
set_default shmib-dataplane RUN_AS=root:root \
	"EAL_OPTS=\"--no-huge -m 1024 --no-pci --vdev net_null0 --vdev net_null1 --file-prefix $EAL_PREFIX\"" \
	"OPTIONS=\"--config $EX/virtual.conf --shmem-dir $SHM\""
set_default shmib-interface RUN_AS=root \
	"OPTIONS=\"--shmem-dir $SHM --ifindex $ETC/shmib/ifindex -Lf $T/interface.log\"" \
	"SNMP_PERSISTENT_DIR=$T/state/interface"
shmib-fakeseg --dir "$PWSHM" --vpls 1 --pseudowires 2 >/dev/null 2>&1
set_default shmib-pseudowire RUN_AS=root \
	"OPTIONS=\"--shmem-dir $PWSHM --vpls-ids $PWSHM.vpls-ids --pseudowire-ids $PWSHM.pseudowire-ids -Lf $T/pseudowire.log\"" \
	"SNMP_PERSISTENT_DIR=$T/state/pseudowire"

# Start all three with the init scripts.
for d in shmib-dataplane shmib-interface shmib-pseudowire; do
	out=$("$ETC/init.d/$d" start 2>&1)
	t_check "$d start" 0 "$?"
	t_wait 20 test -s "$T/run/$d.pid" || t_fail "$d: no pidfile ($out)"
	T_PIDS+=("$(cat "$T/run/$d.pid" 2>/dev/null)")
done
t_wait 20 test -e "$SHM/null1.index" || t_fail "the dataplane wrote no segments"
t_check "segment directory mode 0750" 750 "$(stat -c %a "$SHM")"
t_check "segments mode 0640" 640 "$(stat -c %a "$SHM/null0")"
status=$("$ETC/init.d/shmib-interface" status 2>&1)
t_check "status of a running subagent: exit 0" 0 "$?"
t_match "status says it runs" "is running" "$status"
pid=$(cat "$T/run/shmib-interface.pid")
out=$("$ETC/init.d/shmib-interface" start 2>&1)
t_match "start again: already running" "already running" "$out"
t_check "start again: same process" "$pid" "$(cat "$T/run/shmib-interface.pid")"

# The ifindex map workflow: no port is served until it is mapped.
t_match "empty map: no dataplane rows" "No Such Instance|No more variables" \
	"$(snmp snmpget public .1.3.6.1.2.1.2.2.1.2.1001)"
descrs=$(shmib-dump "$SHM"/*.index | grep ifDescr)
t_match "shmib-dump | grep ifDescr shows the ports" "net_null0.*net_null1" "$(echo $descrs)"
printf '%s\n' "$descrs" | awk -F'\t' '{ print $3, 1000 + NR }' >"$ETC/shmib/ifindex"
t_wait 20 eval "snmp snmpget public .1.3.6.1.2.1.2.2.1.2.1002 | grep -q net_null1"
walk=$(snmpwalk -v2c -c public -On "127.0.0.1:$SNMP_PORT" .1.3.6.1.2.1.2.2.1.2 2>&1)
t_match "map picked up without restart: snmpwalk ifDescr" \
	'2\.1001 = STRING: "?net_null0"?.*2\.1002 = STRING: "?net_null1"?' "$(echo $walk)"
t_match "shmib-dump --json: one object per segment" '^\{"segment": "null0", "objects": \{' \
	"$(shmib-dump --json "$SHM"/*.index | head -1)"
t_check "shmib-dump(1) example: --json | grep ifHCInOctets finds both ports" 2 \
	"$(shmib-dump --json "$SHM"/*.index | grep -c ifHCInOctets)"
if [ "$SHARED_MIBS" ]; then
	t_match "snmptable ifXTable with the MIB modules" "null0.*null1" \
		"$(snmptable -v2c -c public -M "+$SHARED_MIBS" -m ALL "127.0.0.1:$SNMP_PORT" IF-MIB::ifXTable 2>&1 | tr '\n' ' ')"
fi
t_match "pseudowire subagent through pseudowire.conf: pwName" "pw1_1" \
	"$(snmp snmpwalk public .1.3.6.1.2.1.10.246.1.2.1.32)"

# restart gives a new process; stop ends it and its pidfile.
"$ETC/init.d/shmib-interface" restart >/dev/null 2>&1
t_wait 20 eval '[ -s "$T/run/shmib-interface.pid" ] && [ "$(cat "$T/run/shmib-interface.pid")" != "$pid" ]'
t_check "restart: a new process runs" 0 "$("$ETC/init.d/shmib-interface" status >/dev/null 2>&1; echo $?)"
T_PIDS+=("$(cat "$T/run/shmib-interface.pid" 2>/dev/null)")
for d in shmib-pseudowire shmib-interface shmib-dataplane; do
	"$ETC/init.d/$d" stop >/dev/null 2>&1
	t_check "$d stop" 0 "$?"
	"$ETC/init.d/$d" status >/dev/null 2>&1
	t_check "$d status after stop: not running (3)" 3 "$?"
	t_check "$d pidfile gone" no "$([ -e "$T/run/$d.pid" ] && echo yes || echo no)"
done
t_check "the dataplane removed its segments" "" "$(ls "$SHM")"

# shmib-fakeseg(1)'s example.
shmib-fakeseg --dir "$T/shm" --interfaces 2 --vpls 1 --pseudowires 2 >/dev/null 2>&1
t_match "shmib-fakeseg(1) example, then shmib-dump if1" "^ifDescr	OctetStr	0000:00:00.1" \
	"$(shmib-dump "$T/shm/if1" | grep ifDescr)"

# The guide's foreground run, logging to the terminal.
t_bg foreground shmib-interface -f -Le --ifindex "$ETC/shmib/ifindex" --shmem-dir "$SHM"
t_wait 10 grep -q . "$T/foreground.log"
t_check "shmib-interface -f -Le logs to the terminal" yes "$([ -s "$T/foreground.log" ] && echo yes)"
t_done
