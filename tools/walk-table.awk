# Prints one conceptual table from a numeric walk, as snmptable would,
# for when no MIB modules are at hand: column names come from the
# object catalogue.  Rows are instances (the index arcs after the
# column OID), columns in catalogue order, split into blocks no wider
# than WIDTH characters.
#   snmpbulkwalk -On -Oq -Oe -Ot ... OID |
#     awk -f walk-table.awk -v table=ifTable -v width=120 mibs/catalogue.txt -

# The catalogue: name oid type time access table module size; the table's
# columns are its readable objects (index objects are no columns).
FNR == NR {
	if ($0 !~ /^#/ && $6 == table && $5 ~ /^read-/) {
		ncol++
		colname[ncol] = $1
		colnum["." $2] = ncol
	}
	next
}

# A walk line: OID, a space, the value (quotes and all as printed).
{
	oid = $1
	value = substr($0, length($1) + 2)
	gsub(/^"|"$/, "", value)
	# The column is the longest catalogue OID the line's OID starts with.
	col = 0
	inst = ""
	while (oid ~ /\./) {
		if (oid in colnum) { col = colnum[oid]; break }
		arc = oid
		sub(/.*\./, "", arc)
		inst = "." arc inst
		sub(/\.[^.]*$/, "", oid)
	}
	if (!col)
		next
	inst = substr(inst, 2)
	if (!(inst in rownum)) {
		nrow++
		rowinst[nrow] = inst
		rownum[inst] = nrow
	}
	cell[rownum[inst], col] = value
	used[col] = 1
}

function pad(s, w) { return sprintf("%*s", w, s) }

END {
	if (!nrow) {
		print table ": no rows"
		exit
	}
	w0 = length("index")
	for (r = 1; r <= nrow; r++)
		if (length(rowinst[r]) > w0) w0 = length(rowinst[r])
	for (c = 1; c <= ncol; c++) {
		if (!used[c]) continue
		w[c] = length(colname[c])
		for (r = 1; r <= nrow; r++)
			if (length(cell[r, c]) > w[c]) w[c] = length(cell[r, c])
	}
	print table
	c = 1
	while (c <= ncol) {
		# One block: as many columns as fit in WIDTH (at least one).
		first = c
		line = w0
		for (; c <= ncol; c++) {
			if (!used[c]) continue
			if (c > first && line + 1 + w[c] > width) break
			line += 1 + w[c]
		}
		printf "\n%s", pad("index", w0)
		for (k = first; k < c; k++)
			if (used[k]) printf " %s", pad(colname[k], w[k])
		printf "\n"
		for (r = 1; r <= nrow; r++) {
			printf "%s", pad(rowinst[r], w0)
			for (k = first; k < c; k++)
				if (used[k]) printf " %s", pad(cell[r, k], w[k])
			printf "\n"
		}
	}
}
