#!/usr/bin/env bash
# The object catalogue (mibs/catalogue.txt) against the reference MIB
# modules in ../shared/mibs: for every entry, the module defines the
# descriptor, with the same OID, the same SMI base type, the same
# conceptual table, and TimeStamp semantics exactly where the module
# says the value is a sysUpTime (TimeStamp TC or "The value of
# sysUpTime ..." in the description).  A notification (type
# Notification) has in place of the table its OBJECTS, comma-separated
# in the module's order.
. "$(dirname "$0")/../lib.sh"

[ -n "$SHARED_MIBS" ] || t_skip "../shared/mibs is absent: no reference modules to check against"

cat=$TOP/mibs/catalogue.txt
mapfile -t entries < <(grep -v '^#' "$cat" | awk 'NF')
[ ${#entries[@]} -gt 100 ] || t_die "catalogue has only ${#entries[@]} entries"

names=()
for e in "${entries[@]}"; do
	read -r name _ _ _ _ module <<<"$e"
	names+=("$module::$name")
done

# One snmptranslate run for all definitions, one for all OIDs.
snmptranslate -M "$SHARED_MIBS" -m ALL -Td "${names[@]}" >"$T/defs" 2>"$T/defs.err"
snmptranslate -M "$SHARED_MIBS" -m ALL -On "${names[@]}" 2>"$T/oids.err" | grep . >"$T/oids"

# defs -> "name|syntax|tc|table|stampdesc" one line per object; a
# NOTIFICATION-TYPE has syntax "Notification" and its OBJECTS as table.
awk '
function flush() { if (name != "") print name "\037" syn "\037" tc "\037" table "\037" stamp }
/^[A-Za-z0-9-]+::[A-Za-z0-9]+$/ { flush(); split($0, a, "::"); name = a[2]; syn = tc = table = stamp = ""; next }
/^[A-Za-z0-9]+ NOTIFICATION-TYPE$/ { syn = "Notification" }
/^  OBJECTS\t\{/ { o = $0; sub(/^  OBJECTS\t\{ */, "", o); sub(/ *\}$/, "", o); gsub(/, */, ",", o); table = o }
/^  SYNTAX\t/ { s = $0; sub(/^  SYNTAX\t/, "", s); syn = s }
/-- TEXTUAL CONVENTION/ { tc = $NF }
/DESCRIPTION\t"The value of sysUpTime/ { stamp = "desc" }
/^::= / {
	n = split($0, w, " ")
	# the parent of the entry: "... xTable(2) xEntry(1) 9 }" -> xTable
	for (i = 1; i <= n; i++) if (w[i] ~ /Entry\([0-9]+\)$/) { t = w[i-1]; sub(/\(.*/, "", t); table = t }
}
END { flush() }' "$T/defs" >"$T/parsed"

mapfile -t oids <"$T/oids"
t_check "every entry resolves to an OID" "${#entries[@]}" "${#oids[@]}"

i=0
bad=0
for e in "${entries[@]}"; do
	read -r name oid type time table module <<<"$e"
	ref_oid=${oids[$i]#.}
	i=$((i + 1))
	line=$(grep -m1 "^$name"$'\037' "$T/parsed")
	IFS=$'\037' read -r _ syn tc ref_table stampdesc <<<"$line"
	case $syn in
	INTEGER*|Integer32*) ref_type=Integer32 ;;
	"OCTET STRING"*) ref_type=OctetStr ;;
	BITS*) ref_type=Bits ;;
	"OBJECT IDENTIFIER"*) ref_type=ObjectId ;;
	*) ref_type=${syn%% *} ;;
	esac
	[ -n "$ref_table" ] || ref_table=scalar
	ref_time=-
	if [ "$ref_type" = TimeTicks ]; then
		if [ "$tc" = TimeStamp ] || [ "$stampdesc" = desc ]; then ref_time=stamp; else ref_time=ticks; fi
	fi
	got="$oid $type $time $table"
	want="$ref_oid $ref_type $ref_time $ref_table"
	if [ "$got" != "$want" ]; then
		t_fail "$module::$name: catalogue says '$got', $module says '$want'"
		bad=$((bad + 1))
	fi
done
t_check "entries that disagree with the reference modules" 0 "$bad"
t_done
