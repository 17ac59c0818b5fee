#!/usr/bin/env bash
# The id files decide what shmib-pseudowire serves: segments not listed
# are leftovers (not served, not summed); the files are re-read when
# they change; a bad file is reported with file:line and the previous
# list stays in force; a missing file serves nothing until it appears.
# loads: daemon module
source "$(dirname "$0")/../lib.sh"

source "$(dirname "$0")/pseudowire_lib.bash"

PW_NAME=.1.3.6.1.2.1.10.246.1.2.1.32
PW_ERRORS=.1.3.6.1.2.1.10.246.1.6.0
CPW_ERRORS=.1.3.6.1.4.1.9.10.106.1.6.0
VPLS_NAME=.1.3.6.1.2.1.10.274.1.2.1.2
BIND_TYPE=.1.3.6.1.2.1.10.274.1.4.1.2
PWIDS=$T/pseudowire-ids
VPLSIDS=$T/vpls-ids
LOG=$T/pseudowire.log

start() {
	pw_start --shmem-dir "$T/shm" \
		--vpls-ids "$VPLSIDS" --pseudowire-ids "$1" --state-file "$T/state"
}
value() { t_get -Oqv "$1" 2>&1 | tr -d '"'; }
is() { [ "$(value "$1")" = "$2" ]; }
logged() { grep -c -F -- "$1" "$LOG"; }
# after_log TEXT CMD...: runs CMD, then waits until the log has one more
# line containing TEXT than before.
after_log() {
	local text=$1 n; shift
	n=$(logged "$text")
	"$@"
	t_wait 10 more_logged "$text" "$n"
}
more_logged() { [ "$(logged "$1")" -gt "$2" ]; }
no_rows() { [ -z "$(rows "$1")" ]; }

t_snmpd
"$BIN/shmib-fakeseg" --dir "$T/shm" --vpls 2 --pseudowires 2 \
	--vpls-ids "$T/all.vpls-ids" --pseudowire-ids "$T/all.pseudowire-ids" \
	>"$T/fakeseg.log" 2>&1 || t_die "shmib-fakeseg failed"
ids "$VPLSIDS" "# the running VPLS" vpls1
ids "$PWIDS" pw1_1 "" "pw1_2   # second"
start "$PWIDS"
t_wait 20 is $PW_NAME.2 pw1_2 || t_die "pwTable not served (see $LOG)"

t_check "leftovers not served: pwTable rows" "1 2" "$(rows $PW_NAME)"
t_check "leftovers not served: vplsConfigTable rows" 1 "$(rows $VPLS_NAME)"
t_check "leftovers not served: PwBind rows" "1.1 1.2" "$(rows $BIND_TYPE)"
t_check "leftovers not summed: pwPerfTotalErrorPackets = 1 + 2" 3 "$(value $PW_ERRORS)"
t_check "leftovers not summed: cpwVcPerfTotalErrorPackets" 3 "$(value $CPW_ERRORS)"

# Reload: pw2_1 is listed, its VPLS not yet.
ids "$PWIDS" pw1_1 pw1_2 pw2_1
t_wait 10 is $PW_NAME.3 pw2_1
t_check "reload: pw2_1 served as pwIndex 3" "1 2 3" "$(rows $PW_NAME)"
t_check "reload: error sum includes it" 6 "$(value $PW_ERRORS)"
t_check "pw2_1's VPLS is not listed: no PwBind row" "1.1 1.2" "$(rows $BIND_TYPE)"
sleep 2.5   # some check intervals: the condition is logged once only
t_check "unlisted VPLS of a pseudowire logged once" 1 \
	"$(logged "segment pw2_1: VPLS 'vpls2' is not listed in $VPLSIDS")"
ids "$VPLSIDS" vpls1 vpls2
t_wait 10 is $VPLS_NAME.2 vpls2
t_check "vpls2 listed: PwBind row vplsIndex 2 . pwIndex 3" "1.1 1.2 2.3" "$(rows $BIND_TYPE)"

# Bad files: reported by file:line, the list in force stays.
bad() {
	local what=$1 msg=$2; shift 2
	printf '%s\n' "$@" >"$PWIDS.tmp"
	after_log "$msg" mv "$PWIDS.tmp" "$PWIDS" || t_fail "$what: no log line '$msg'"
	t_check "$what: logged with file:line" 1 "$(logged "$msg")"
	t_check "$what: the previous list stays in force" "1 2 3" "$(rows $PW_NAME)"
}
bad "two words on a line" "$PWIDS:2: more than one word on the line" \
	pw1_1 "pw1_2 pw2_1"
bad "bad character" "$PWIDS:3: bad name: ':' or '/' in name" \
	"# comment" pw1_1 pw/2 pw1_2
bad "duplicate name" "$PWIDS:4: duplicate name 'pw1_1' (also on line 1)" \
	pw1_1 pw1_2 pw2_1 pw1_1
t_check "the previous list stays: pwName.3" pw2_1 "$(value $PW_NAME.3)"

after_log "$PWIDS: No such file or directory" rm "$PWIDS" ||
	t_fail "removed id file not logged"
t_check "id file removed: the previous list stays" "1 2 3" "$(rows $PW_NAME)"

# An empty list is a valid list: nothing served.
ids "$PWIDS" "# no pseudowire runs"
t_wait 10 no_rows $PW_NAME
t_check "empty id file: no pseudowire rows" "" "$(rows $PW_NAME)"
t_check "empty id file: no PwBind rows" "" "$(rows $BIND_TYPE)"
t_check "empty id file: VPLS rows stay" "1 2" "$(rows $VPLS_NAME)"
t_check "empty id file: error sum 0" 0 "$(value $PW_ERRORS)"
kill -0 "$AGENT" 2>/dev/null
t_check "shmib-pseudowire survived every bad file" 0 $?
stop

# A missing id file at start: logged, nothing served, picked up when
# it appears.
start "$T/later-ids"
t_wait 10 grep -q "$T/later-ids: No such file or directory" "$LOG" ||
	t_fail "missing id file at start not logged"
t_wait 10 kill -0 "$AGENT" && t_wait 10 is $VPLS_NAME.1 vpls1
t_check "missing id file: agent runs, no pseudowire rows" "" "$(rows $PW_NAME)"
ids "$T/later-ids" pw2_2
t_wait 10 is $PW_NAME.4 pw2_2
t_check "id file created later: pw2_2 served with its index" "4" "$(rows $PW_NAME)"
stop

# Both id files are required (the module's line: module_bad).
t_daemon_only "its command line"
out=$("$BIN/shmib-pseudowire" -f -x "unix:$AGENTX" --shmem-dir "$T/shm" \
	--pseudowire-ids "$PWIDS" --state-file "$T/state" 2>&1)
t_check "without --vpls-ids: exit status 1" 1 $?
t_match "without --vpls-ids: says why" "--vpls-ids FILE and --pseudowire-ids FILE are required" "$out"
t_match "--help lists the id file options" "--vpls-ids FILE.*--pseudowire-ids FILE.*--state-file FILE" \
	"$("$BIN/shmib-pseudowire" --help | tr '\n' ' ')"
t_done
