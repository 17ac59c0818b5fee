#!/usr/bin/env bash
# shmib-interface running as an unprivileged user (nobody, with a
# throwaway group as its only group) serves segments that are 0640
# root:GROUP, but that user cannot write them; a symlink planted in the
# segment directory in place of a data file or an index is refused
# (logged with the segment's name) and its row is not served.
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
rel_clean interface "$AGENT"
t_done
