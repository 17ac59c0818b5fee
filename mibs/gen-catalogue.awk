# Turns mibs/catalogue.txt into C (build/gen/catalogue.c): the objects
# (mib_catalogue) and the tables with their INDEX (mib_tables).  Input
# must be sorted by name (the Makefile sorts); both arrays keep that
# order, for bsearch.  Any inconsistency is an error, so a catalogue
# the code cannot walk does not build: duplicates, unknown words, a
# column of a table without a Table line, an index or notification
# object that is not an entry, an AUGMENTS of a table that augments.
function fail(msg) {
	printf "catalogue.txt: %s\n", msg > "/dev/stderr"
	err = 1
	exit 1
}

# "a,b,c" as C pointers into mib_catalogue, checked to be values.
function object_refs(name, list, what,    objs, n, i, s) {
	n = split(list, objs, ",")
	for (i = 1; i <= n; i++) {
		if (!(objs[i] in pos) || type[objs[i]] == "Table" || type[objs[i]] == "Notification")
			fail(name ": " what " " objs[i] " is no object of the catalogue")
		s = s (i > 1 ? ", " : "") "&mib_catalogue[" pos[objs[i]] "]"
	}
	return s
}

# The INDEX in force for table T: its own, or that of the table its
# entry augments.
function index_of(t,    target) {
	if (list[t] !~ /^augments:/)
		return list[t]
	target = substr(list[t], 10)
	if (type[target] != "Table" || list[target] ~ /^augments:/)
		fail(t ": augments " target ", which is no table with an INDEX")
	return list[target]
}

BEGIN {
	types["Integer32"]; types["Unsigned32"]; types["Counter32"]
	types["Counter64"]; types["Gauge32"]; types["TimeTicks"]
	types["OctetStr"]; types["Bits"]; types["ObjectId"]
	types["Notification"]; types["Table"]
	times["-"] = "MIB_TIME_NONE"; times["stamp"] = "MIB_TIME_STAMP"
	times["ticks"] = "MIB_TIME_TICKS"
	access["-"] = "MIB_ACCESS_NONE"
	access["not-accessible"] = "MIB_NOT_ACCESSIBLE"
	access["accessible-for-notify"] = "MIB_FOR_NOTIFY"
	access["read-only"] = "MIB_READ_ONLY"
	access["read-write"] = "MIB_READ_WRITE"
	access["read-create"] = "MIB_READ_CREATE"
	index_max = 4                   # MIB_INDEX_MAX in catalogue.h
}
/^#/ || NF == 0 { next }
{
	if (NF != 8) fail($1 ": expected 8 columns")
	if ($1 in pos) fail("duplicate " $1)
	if (!($3 in types)) fail($1 ": bad type " $3)
	if (!($4 in times)) fail($1 ": bad time " $4)
	if (!($5 in access)) fail($1 ": bad access " $5)
	if (($3 == "Notification") != ($5 == "-")) fail($1 ": access " $5 " for a " $3)
	if ($8 != "-" && ($8 !~ /^[1-9][0-9]*$/ || $8 > 65535 || ($3 != "OctetStr" && $3 != "Bits")))
		fail($1 ": size " $8 " for a " $3 " (1..65535 for OctetStr and Bits, else -)")
	pos[$1] = n_obj
	name[n_obj++] = $1
	oid[$1] = $2; type[$1] = $3; time[$1] = $4; acc[$1] = $5
	list[$1] = $6; module[$1] = $7; size[$1] = $8 == "-" ? 0 : $8
	if ($3 == "Table")
		tpos[$1] = n_tab++
}

function print_objects(    i, o, n, arcs, s, k) {
	print "const struct mib_object mib_catalogue[] = {"
	for (i = 0; i < n_obj; i++) {
		o = name[i]
		if (type[o] != "Table" && type[o] != "Notification" &&
		    list[o] != "scalar" && type[list[o]] != "Table")
			fail(o ": column of " list[o] ", which has no Table line")
		if (type[o] == "Notification")
			object_refs(o, list[o], "OBJECTS")
		n = split(oid[o], arcs, ".")
		s = arcs[1]; for (k = 2; k <= n; k++) s = s ", " arcs[k]
		printf "\t{ \"%s\", \"%s\", \"%s\", MIB_%s, %s, %s, %d, %d, { %s } },\n", \
			o, module[o], list[o], toupper(type[o]), times[time[o]], \
			access[acc[o]], size[o], n, s
	}
	print "};"
	print "const size_t mib_catalogue_len = sizeof mib_catalogue / sizeof mib_catalogue[0];"
}

function print_tables(    i, t, idx, n, parts, aug) {
	print "const struct mib_table mib_tables[] = {"
	for (i = 0; i < n_obj; i++) {
		t = name[i]
		if (type[t] != "Table")
			continue
		idx = index_of(t)
		n = split(idx, parts, ",")
		if (n > index_max) fail(t ": more than " index_max " index objects")
		aug = list[t] ~ /^augments:/ ? "&mib_tables[" tpos[substr(list[t], 10)] "]" : "NULL"
		printf "\t{ &mib_catalogue[%d], %s, %d, { %s } },\n", \
			pos[t], aug, n, object_refs(t, idx, "INDEX")
	}
	print "};"
	print "const size_t mib_tables_len = sizeof mib_tables / sizeof mib_tables[0];"
}

END {
	if (err) exit 1
	print "/* Generated from mibs/catalogue.txt by mibs/gen-catalogue.awk. */"
	print "#include \"mibs/catalogue.h\""
	print_objects()
	print_tables()
}
