#!/usr/bin/env bash
# make install into a staging tree (DESTDIR) and into a prefix: the
# programs, man pages, catalogue, examples, units, init scripts and
# default files land where the operator guide says, the paths in units
# and scripts are filled in, systemd accepts the units, the sysusers
# file creates the shmib user, and a reinstall keeps edited defaults.
. "$(dirname "$0")/../lib.sh"

install_to() {
	make -C "$TOP" --no-print-directory BUILD="$BUILD" install "$@" >"$T/install.log" 2>&1 ||
		t_die "make install $*: $(tail -5 "$T/install.log")"
}

install_to DESTDIR="$T/root" PREFIX=/usr
R=$T/root

for b in shmib-dataplane shmib-interface shmib-pseudowire shmib-exporter shmib-dump shmib-fakeseg; do
	case $b in shmib-dump|shmib-fakeseg) dir=usr/bin sec=1 ;; *) dir=usr/sbin sec=8 ;; esac
	if [ ! -x "$BIN/$b" ]; then
		t_log "$b is not built: not checked"
		continue
	fi
	t_check "$b installed in /$dir" yes "$([ -x "$R/$dir/$b" ] && echo yes)"
	page=$R/usr/share/man/man$sec/$b.$sec
	t_check "$b($sec) installed" yes "$([ -f "$page" ] && echo yes)"
	[ -f "$page" ] || continue
	t_check "$b($sec) renders without warnings" "" \
		"$(MANWIDTH=80 man --warnings -l "$page" 2>&1 >/dev/null)"
	# Every option the program lists in --help has its man page entry.
	text=$(MANWIDTH=200 man -l "$page" 2>/dev/null | tr -s "\n " "  ")
	for opt in $("$BIN/$b" --help 2>&1 | grep -oE -- '(^|[ [])--?[a-zA-Z][a-z-]*' | tr -d ' [' | sort -u); do
		t_check "$b($sec) documents $opt" yes "$([[ $text =~ (^|[ ,[])$opt( |,|]) ]] && echo yes)"
	done
done

for m in interface pseudowire; do
	so=shmib_$m.so
	[ -f "$BUILD/lib/$so" ] || { t_log "$so is not built: not checked"; continue; }
	t_check "module $so installed in /usr/lib/shmib" "" "$(cmp "$BUILD/lib/$so" "$R/usr/lib/shmib/$so" 2>&1)"
	t_check "module $so exports init and deinit only" "deinit_shmib_$m init_shmib_$m" \
		"$(nm -D --defined-only "$R/usr/lib/shmib/$so" | awk '{ print $3 }' | sort | xargs)"
done
page=$R/usr/share/man/man8/shmib-modules.8
t_check "shmib-modules(8) renders without warnings" "" \
	"$(MANWIDTH=80 man --warnings -l "$page" 2>&1 >/dev/null)"

t_check "catalogue in /usr/share/shmib" "" \
	"$(cmp "$TOP/mibs/catalogue.txt" "$R/usr/share/shmib/catalogue.txt" 2>&1)"
for f in ifindex snmpd.conf snmpd.service.conf interface.conf pseudowire.conf virtual.conf pci.conf demo.conf; do
	t_check "example $f" "" "$(cmp "$TOP/config/examples/$f" "$R/usr/share/doc/shmib/examples/$f" 2>&1)"
done
for f in operator-guide.md segment-format.md; do
	t_check "doc $f" yes "$([ -f "$R/usr/share/doc/shmib/$f" ] && echo yes)"
done

for f in snmp.yml generator.yml; do
	t_check "snmp_exporter config $f" "" "$(cmp "$TOP/config/prometheus/$f" "$R/usr/share/shmib/prometheus/$f" 2>&1)"
done

for d in shmib-dataplane shmib-interface shmib-pseudowire shmib-exporter; do
	unit=$R/usr/lib/systemd/system/$d.service
	t_match "$d.service starts /usr/sbin/$d" "ExecStart=/usr/sbin/$d " "$(grep '^ExecStart=' "$unit")"
	t_match "$d.service reads /etc/default/$d" "EnvironmentFile=-/etc/default/$d" "$(cat "$unit")"
	case $d in
	shmib-exporter) t_match "$d.service ordered after the dataplane" "After=.*shmib-dataplane.service" "$(cat "$unit")" ;;
	*) t_match "$d.service ordered after snmpd" "After=.*snmpd.service" "$(cat "$unit")" ;;
	esac
	t_match "$d.service restarts on failure" "Restart=(on-failure|always)" "$(cat "$unit")"
	init=$R/etc/init.d/$d
	t_check "init script $d is executable" yes "$([ -x "$init" ] && echo yes)"
	t_check "init script $d is valid sh" "" "$(sh -n "$init" 2>&1)"
	t_match "init script $d has an LSB header" "Provides: +$d" "$(cat "$init")"
	t_match "init script $d runs /usr/sbin/$d" "DAEMON=/usr/sbin/" "$(cat "$init")"
	t_check "default file $d" "" "$(cmp "$TOP/config/default/$d" "$R/etc/default/$d" 2>&1)"
done
t_match "shmib-dataplane.service reloads with SIGHUP" 'ExecReload=/bin/kill -HUP \$MAINPID' \
	"$(cat "$R/usr/lib/systemd/system/shmib-dataplane.service")"
for d in shmib-dataplane shmib-interface shmib-pseudowire; do
	t_match "init script $d: reload sends SIGHUP" 'reload\).*--signal HUP' \
		"$(tr '\n' ' ' <"$R/etc/init.d/$d")"
done
# A subagent survives SIGHUP (it re-reads): reload sends it, and any
# end it was not told to, by a signal too, restarts it.
t_check "subagents reload with SIGHUP" "ExecReload=/bin/kill -HUP \$MAINPID ExecReload=/bin/kill -HUP \$MAINPID" \
	"$(cat "$R"/usr/lib/systemd/system/shmib-{interface,pseudowire}.service | grep '^ExecReload=' | xargs)"
t_check "subagents always restart" "Restart=always Restart=always" \
	"$(cat "$R"/usr/lib/systemd/system/shmib-{interface,pseudowire}.service | grep '^Restart=' | xargs)"
t_check "subagents and exporter run as shmib" "User=shmib User=shmib User=shmib" \
	"$(cat "$R"/usr/lib/systemd/system/shmib-{interface,pseudowire,exporter}.service | grep '^User=' | xargs)"
t_check "no placeholder left" "" "$(grep -rlI '@[A-Z]*@' "$R" 2>&1)"

# The sysusers file creates the user and group the units name.
systemd-sysusers --root="$R" >/dev/null 2>&1
t_match "systemd-sysusers creates user shmib" '^shmib:x:[0-9]+:[0-9]+:' "$(grep '^shmib:' "$R/etc/passwd")"
t_match "systemd-sysusers creates group shmib" '^shmib:x:[0-9]+:' "$(grep '^shmib:' "$R/etc/group")"

# A reinstall leaves the operator's defaults alone.
echo 'OPTIONS="--edited"' >>"$R/etc/default/shmib-interface"
install_to DESTDIR="$T/root" PREFIX=/usr
t_match "reinstall keeps an edited default file" 'OPTIONS="--edited"' "$(tail -1 "$R/etc/default/shmib-interface")"

# Into a prefix, with real paths: systemd itself checks the units
# (syntax, and that ExecStart names an executable).
if [ -x "$BIN/shmib-interface" ] && [ -x "$BIN/shmib-pseudowire" ] && [ -x "$BIN/shmib-dataplane" ]; then
	install_to PREFIX="$T/usr" SYSCONFDIR="$T/etc"
	t_check "systemd-analyze verify accepts the units" "" \
		"$(systemd-analyze verify --man=no "$T"/usr/lib/systemd/system/shmib-*.service 2>&1)"
else
	t_log "systemd-analyze verify needs all three daemons built: not checked"
fi
t_done
