#!/usr/bin/env bash
# shmib-interface running as an unprivileged user (nobody, with a
# throwaway group as its only group) serves segments that are 0640
# root:GROUP, but that user cannot write them; a symlink planted in the
# segment directory in place of a data file or an index is refused
# (logged with the segment's name) and its row is not served.  A
# segment directory or an ifindex map the agent may not read is one log
# line each (path and errno), not repeated while nothing changes; fixed,
# it is served again.  So are shmib-pseudowire's state file (never
# written over while it cannot be read: no row is served meanwhile) and
# id files.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/reliability_lib.bash"

[ "$(id -u)" == 0 ] || t_skip "not root (needs setpriv and a throwaway group)"
command -v setpriv >/dev/null && command -v groupadd >/dev/null ||
	t_skip "setpriv or groupadd is missing"
id nobody >/dev/null 2>&1 || t_skip "no user nobody"
GROUP=shmibt$$
groupadd --system "$GROUP" || t_die "groupadd $GROUP"
trap 'groupdel "$GROUP"; t_cleanup' EXIT
as_nobody() { setpriv --reuid=nobody --regid="$GROUP" --clear-groups "$@"; }
IFDESCR=$IFMIB.2.1.2

SHM=$T/shm
"$BIN/shmib-fakeseg" --dir "$SHM" --interfaces 3 --ifindex "$T/ifindex" >/dev/null || t_die "fakeseg"
chmod 0711 "$T"
chmod 0644 "$T/ifindex"
chgrp "$GROUP" "$SHM" "$SHM"/* && chmod 0750 "$SHM" && chmod 0640 "$SHM"/* || t_die "chmod"
mkdir -p "$T/keep" "$T/persist"
chown nobody "$T/persist"
cp -p "$SHM/if1" "$T/keep/if1"

SNMPD_EXTRA_CONF="agentXPerms 0660 0771 root $GROUP" t_snmpd
SNMP_PERSISTENT_DIR=$T/persist t_bg interface setpriv --reuid=nobody --regid="$GROUP" \
	--clear-groups "$BIN/shmib-interface" --kernel-interfaces no -f -x "unix:$AGENTX" --shmem-dir "$SHM" --ifindex "$T/ifindex" --check-interval 1
AGENT=$!
served() { [ "$(t_walk $IFDESCR | grep -c STRING)" == "$1" ]; }
t_wait 15 served 3 || t_die "shmib-interface as nobody does not serve (see $T/interface.log)"
t_check "runs as nobody" nobody "$(ps -o user= -p "$AGENT" | tr -d ' ')"
t_check "serves the 0640 segments through its group" 3 "$(t_walk $IFDESCR | grep -c STRING)"

attempt() { as_nobody "$@" 2>/dev/null && echo written || echo refused; }
t_check "nobody cannot append to a segment" refused "$(attempt sh -c "printf x >>'$SHM/if1'")"
t_check "nobody cannot overwrite a segment" refused \
	"$(attempt dd if=/dev/zero of="$SHM/if1" bs=8 count=1 conv=notrunc)"
t_check "nobody cannot write an index" refused "$(attempt sh -c "echo x >'$SHM/if1.index'")"
cmp -s "$SHM/if1" "$T/keep/if1"
t_check "the segment is unchanged" 0 $?

# Symlinks in place of if2's data file and if3's index, to copies of them.
cp -p "$SHM/if2" "$SHM/if3.index" "$T/keep/"
ln -sf "$T/keep/if2" "$SHM/if2"
ln -sf "$T/keep/if3.index" "$SHM/if3.index"
t_wait 15 served 1 || t_fail "rows behind symlinks still served"
t_check "only the regular segment served" "$IFDESCR.1 = STRING: \"0000:00:00.1\"" "$(t_walk $IFDESCR)"
t_match "the symlinked data file is logged" "skipping segment if2: .*if2" "$(grep -a 'if2' "$T/interface.log")"
t_match "the symlinked index is logged" "skipping segment if3: .*if3" "$(grep -a 'if3' "$T/interface.log")"

# Permission errors: the directory, then the map.
count() { grep -c -F -- "$1" "$T/interface.log"; }
chmod 0700 "$SHM"
t_wait 15 served 0 || t_fail "unreadable directory: rows still served"
sleep 3         # three check intervals: nothing logged again
t_check "unreadable directory: one line, path and errno" 1 \
	"$(count "$SHM: cannot list it: Permission denied; no segment is served from it")"
chmod 0750 "$SHM"
t_wait 15 served 1 || t_fail "readable directory again: not served"
t_check "readable directory again: said once" 1 "$(count "$SHM: readable again")"
chmod 0600 "$T/ifindex"
t_wait 15 grep -q "$T/ifindex: Permission denied" "$T/interface.log"
sleep 3
t_check "unreadable map: one line, path and errno" 1 \
	"$(count "$T/ifindex: Permission denied; keeping the previous map (3 interfaces)")"
t_check "unreadable map: the previous one in force" 1 "$(t_walk $IFDESCR | grep -c STRING)"
rel_clean interface "$AGENT"

# shmib-pseudowire as nobody: a state file it may not read, in a
# directory it may not write; an id file it may not read.
PWSHM=$T/pwshm PWSTATE=$T/pwstate/state PWLOG=$T/pseudowire.log
"$BIN/shmib-fakeseg" --dir "$PWSHM" --vpls 1 --pseudowires 2 >/dev/null || t_die "fakeseg pseudowires"
chgrp -R "$GROUP" "$PWSHM" && chmod 0750 "$PWSHM" && chmod 0640 "$PWSHM"/* || t_die "chmod"
mkdir "$T/pwstate"
printf 'pw 7 pw1_1\npw 8 pw1_2\nvpls 3 vpls1\n' >"$PWSTATE"
chmod 0600 "$PWSTATE"
SNMP_PERSISTENT_DIR=$T/persist t_bg pseudowire setpriv --reuid=nobody --regid="$GROUP" \
	--clear-groups "$BIN/shmib-pseudowire" -f -x "unix:$AGENTX" --shmem-dir "$PWSHM" \
	--vpls-ids "$PWSHM.vpls-ids" --pseudowire-ids "$PWSHM.pseudowire-ids" \
	--state-file "$PWSTATE" --check-interval 1
PWAGENT=$!
pwcount() { grep -c -F -- "$1" "$PWLOG"; }
pwname() { t_get -Oqv .1.3.6.1.2.1.10.246.1.2.1.32."$1" 2>&1 | tr -d '"'; }
t_wait 15 grep -q "$PWSTATE: Permission denied" "$PWLOG" || t_fail "unreadable state file: not logged"
sleep 3
t_check "unreadable state file: one line, path and errno" 1 \
	"$(pwcount "$PWSTATE: Permission denied; rows of new indices are withheld")"
t_match "unreadable state file: no row served" "No Such" "$(pwname 7) $(pwname 1)"
t_check "unreadable state file: not written over" "pw 7 pw1_1|pw 8 pw1_2|vpls 3 vpls1" \
	"$(paste -sd'|' "$PWSTATE")"
chmod 0644 "$PWSTATE"
t_wait 15 eval '[ "$(pwname 7)" = pw1_1 ]' || t_fail "readable state file: its indices not served"
t_check "readable state file: its indices served" "pw1_1 pw1_2" "$(pwname 7) $(pwname 8)"
sleep 2
t_check "state directory not writable: one line" 1 \
	"$(pwcount "$PWSTATE: cannot create $PWSTATE.XXXXXX: Permission denied")"
chmod 0600 "$PWSHM.pseudowire-ids"
t_wait 15 grep -q "$PWSHM.pseudowire-ids: Permission denied" "$PWLOG"
sleep 2
t_check "unreadable id file: one line, path and errno" 1 \
	"$(pwcount "$PWSHM.pseudowire-ids: Permission denied; the previous list (2 names) stays in force")"
t_check "unreadable id file: the previous list in force" "pw1_1 pw1_2" "$(pwname 7) $(pwname 8)"
rel_clean pseudowire "$PWAGENT"
t_done
