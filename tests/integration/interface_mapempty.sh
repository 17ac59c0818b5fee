#!/usr/bin/env bash
# An ifindex map truncated and written again in place a moment later
# (as editors and config tools do) changes nothing that is served: the
# empty map is held back with one log line, the rows stay, nothing
# else is logged.  A map that stays empty longer than a check interval
# is taken (an operator can clear it): the rows go, one line says so.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/reliability_lib.bash"

SHM=$T/shm MAP=$T/shm.ifindex
"$BIN/shmib-fakeseg" --dir "$SHM" --interfaces 3 >/dev/null || t_die "fakeseg"
cp "$MAP" "$T/map.saved"
t_snmpd
REL_INTERVAL=2 if_start interface "$SHM" "$MAP"
rows() { t_walk $IFMIB.2.1.1 2>&1 | grep -c '= INTEGER'; }
t_wait 15 eval '[ "$(rows)" = 3 ]' || t_die "shmib-interface does not serve (see $T/interface.log)"
count() { grep -c -F -- "$1" "$T/interface.log"; }

# Truncated, then rewritten in place 0.3 s later.
: >"$MAP"
sleep 0.3
cat "$T/map.saved" >"$MAP"
sleep 3         # past the check interval: a held-back map would be taken now
t_check "truncate and rewrite: rows still served" 3 "$(rows)"
t_check "truncate and rewrite: the empty map held back, one line" 1 \
	"$(count "$MAP: empty; keeping the previous map (3 interfaces)")"
t_check "truncate and rewrite: the map never taken empty" 0 "$(count "$MAP: 0 interfaces")"
t_check "truncate and rewrite: no interface logged as missing from the map" 0 \
	"$(count "not in the ifindex map")"
t_check "truncate and rewrite: the rewritten map in force" 2 "$(count "$MAP: 3 interfaces")"

# Cleared for good: taken after a check interval.
: >"$MAP"
t_wait 10 eval '[ "$(rows)" = 0 ]'
t_check "cleared map: taken after a check interval, no rows" 0 "$(rows)"
t_check "cleared map: held back first" 2 "$(count "$MAP: empty; keeping the previous map")"
t_check "cleared map: taken, one line" 1 "$(count "$MAP: still empty after")"

# From empty, a map is taken at once; so is an empty one after empty.
cat "$T/map.saved" >"$MAP"
t_wait 10 eval '[ "$(rows)" = 3 ]'
t_check "map written again: rows back" 3 "$(rows)"
rel_clean interface "$IF_AGENT"
t_done
