#!/usr/bin/env bash
# The object catalogue (mibs/catalogue.txt) against the reference MIB
# modules in ../shared/mibs: for every entry, the module defines the
# descriptor, with the same OID, the same SMI base type, the same
# MAX-ACCESS, the same conceptual table, and TimeStamp semantics
# exactly where the module says the value is a sysUpTime (TimeStamp TC
# or "The value of sysUpTime ..." in the description).  A notification
# (type Notification, access "-") has in place of the table its
# OBJECTS, comma-separated in the module's order.  A table (type
# Table) has the INDEX of its entry, comma-separated in order, or
# "augments:<table>" for an entry that AUGMENTS that table's entry.
# The size column is the largest SIZE of an OCTET STRING's syntax
# ("-" without one), the octets of a BITS's named bits, else "-".
. "$(dirname "$0")/../lib.sh"

[ -n "$SHARED_MIBS" ] || t_skip "../shared/mibs is absent: no reference modules to check against"

translate() { snmptranslate -M "$SHARED_MIBS" -m ALL "$@"; }

# definitions on stdin -> one line per object, fields separated by
# \037: name syntax tc table stampdesc access index augments parent.
# A NOTIFICATION-TYPE has syntax "Notification" and its OBJECTS as
# table; an entry has its INDEX (comma-separated) or AUGMENTS, and
# its table as parent.
parse_defs() {
	awk '
function flush() {
	if (name != "") print name "\037" syn "\037" tc "\037" table "\037" stamp "\037" acc "\037" idx "\037" aug "\037" parent
}
function list(s) { sub(/^[^{]*\{ */, "", s); sub(/ *\}$/, "", s); gsub(/, */, ",", s); return s }
/^[A-Za-z0-9-]+::[A-Za-z0-9]+$/ { flush(); split($0, a, "::"); name = a[2]; syn = tc = table = stamp = acc = idx = aug = parent = ""; next }
/^[A-Za-z0-9]+ NOTIFICATION-TYPE$/ { syn = "Notification" }
/^  OBJECTS\t\{/ { table = list($0) }
/^  INDEX\t/ { idx = list($0) }
/^  AUGMENTS\t/ { aug = list($0) }
/^  SYNTAX\t/ { s = $0; sub(/^  SYNTAX\t/, "", s); syn = s }
/^  MAX-ACCESS\t/ { acc = $NF }
/-- TEXTUAL CONVENTION/ { tc = $NF }
/DESCRIPTION\t"The value of sysUpTime/ { stamp = "desc" }
/^::= / {
	n = split($0, w, " ")
	# the parent of the entry: "... xTable(2) xEntry(1) 9 }" -> xTable
	for (i = 1; i <= n; i++) if (w[i] ~ /Entry\([0-9]+\)$/) { t = w[i-1]; sub(/\(.*/, "", t); table = t }
	# the node above this one: "... xTable(2) 1 }" -> xTable
	parent = w[n - 2]; sub(/\(.*/, "", parent)
}
END { flush() }'
}

# syntax_size SYNTAX: the longest value it allows, in octets: the
# largest bound in an OCTET STRING's SIZE, (n + 8) / 8 for BITS whose
# highest named bit is n; "-" for anything else.
syntax_size() {
	awk '
/^BITS/ { m = 0; s = $0
	while (match(s, /\([0-9]+\)/)) { v = substr(s, RSTART + 1, RLENGTH - 2) + 0; if (v > m) m = v; s = substr(s, RSTART + RLENGTH) }
	print int(m / 8) + 1; exit }
/^OCTET STRING \(/ { s = $0; sub(/^[^(]*\(/, "", s); n = split(s, w, /[^0-9]+/); m = 0
	for (i = 1; i <= n; i++) if (w[i] != "" && w[i] + 0 > m) m = w[i] + 0
	print m; exit }
{ print "-" }' <<<"$1"
}

# disagreements CATALOGUE: one line per entry of CATALOGUE that the
# reference modules contradict; checks first that every entry resolves.
disagreements() {
	local entries names oids tables e i name oid type time access table module
	local line syn tc ref_table stampdesc ref_access ref_oid ref_type ref_time size ref_size
	local ename idx aug parent
	local -A def ref_index table_of_entry
	mapfile -t entries < <(grep -v '^#' "$1" | awk 'NF')
	[ ${#entries[@]} -gt 100 ] || t_die "$1 has only ${#entries[@]} entries"

	names=()
	for e in "${entries[@]}"; do
		read -r name _ _ _ _ _ module _ <<<"$e"
		names+=("$module::$name")
	done

	# One snmptranslate run for all definitions, one for all OIDs.
	translate -Td "${names[@]}" 2>"$T/defs.err" | parse_defs >"$T/parsed"
	translate -On "${names[@]}" 2>"$T/oids.err" | grep . >"$T/oids"
	mapfile -t oids <"$T/oids"
	[ ${#entries[@]} -eq ${#oids[@]} ] ||
		t_die "$1: ${#oids[@]} of ${#entries[@]} entries resolve to an OID"
	while read -r line; do def[${line%%$'\037'*}]=$line; done <"$T/parsed"

	# The entries (OID.1) of the objects that are neither values nor
	# notifications: the tables.  table -> INDEX or augments:<table>.
	i=0
	tables=()
	for e in "${entries[@]}"; do
		read -r name _ <<<"$e"
		IFS=$'\037' read -r _ syn _ <<<"${def[$name]:-}"
		[ -n "$syn" ] || tables+=("${oids[$i]}.1")
		i=$((i + 1))
	done
	[ ${#tables[@]} -eq 0 ] || translate -Td "${tables[@]}" 2>"$T/entries.err" |
		parse_defs >"$T/entries"
	while IFS=$'\037' read -r ename _ _ _ _ _ _ _ parent; do
		table_of_entry[$ename]=$parent
	done <"$T/entries"
	while IFS=$'\037' read -r ename _ _ _ _ _ idx aug parent; do
		if [ -n "$aug" ]; then
			ref_index[$parent]="augments:${table_of_entry[$aug]:-$aug}"
		elif [ -n "$idx" ]; then
			ref_index[$parent]=$idx
		fi
	done <"$T/entries"

	i=0
	for e in "${entries[@]}"; do
		read -r name oid type time access table module size <<<"$e"
		ref_oid=${oids[$i]#.}
		i=$((i + 1))
		IFS=$'\037' read -r _ syn tc ref_table stampdesc ref_access _ _ _ <<<"${def[$name]:-}"
		case $syn in
		INTEGER*|Integer32*) ref_type=Integer32 ;;
		"OCTET STRING"*) ref_type=OctetStr ;;
		BITS*) ref_type=Bits ;;
		"OBJECT IDENTIFIER"*) ref_type=ObjectId ;;
		"") ref_type=none ;;
		*) ref_type=${syn%% *} ;;
		esac
		if [ "$ref_type" = none ] && [ -n "${ref_index[$name]:-}" ]; then
			ref_type=Table
			ref_table=${ref_index[$name]}
		fi
		[ -n "$ref_table" ] || ref_table=scalar
		[ -n "$ref_access" ] || ref_access=-
		ref_time=-
		if [ "$ref_type" = TimeTicks ]; then
			if [ "$tc" = TimeStamp ] || [ "$stampdesc" = desc ]; then ref_time=stamp; else ref_time=ticks; fi
		fi
		ref_size=$(syntax_size "$syn")
		got="$oid $type $time $access $table $size"
		want="$ref_oid $ref_type $ref_time $ref_access $ref_table $ref_size"
		[ "$got" = "$want" ] ||
			echo "$module::$name: catalogue says '$got', $module says '$want'"
	done
}

cat=$TOP/mibs/catalogue.txt
disagreements "$cat" >"$T/bad"
while read -r line; do t_fail "$line"; done <"$T/bad"
t_check "entries that disagree with the reference modules" 0 "$(wc -l <"$T/bad")"

# The check can fail: one access, one INDEX order and one size changed
# in a copy.
sed -e 's/^\(pwName .*\)read-create/\1read-only  /' \
    -e 's/pwIndex,pwEnetPwInstance/pwEnetPwInstance,pwIndex/' \
    -e 's/^\(ifAlias .*\) 64$/\1 255/' "$cat" >"$T/broken.txt"
disagreements "$T/broken.txt" >"$T/bad"
t_check "a broken copy: the three changed entries disagree" \
	"IF-MIB::ifAlias PW-ENET-STD-MIB::pwEnetTable PW-STD-MIB::pwName" "$(cut -d: -f1-3 "$T/bad" | sort | xargs)"
t_done
