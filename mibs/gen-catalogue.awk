# Turns mibs/catalogue.txt into C (build/gen/catalogue.c).  Input must be
# sorted by name (the Makefile sorts); duplicates are an error.
BEGIN {
	print "/* Generated from mibs/catalogue.txt by mibs/gen-catalogue.awk. */"
	print "#include \"mibs/catalogue.h\""
	print "const struct mib_object mib_catalogue[] = {"
	types["Integer32"]; types["Unsigned32"]; types["Counter32"]
	types["Counter64"]; types["Gauge32"]; types["TimeTicks"]
	types["OctetStr"]; types["Bits"]; types["ObjectId"]
	types["Notification"]
	times["-"] = "MIB_TIME_NONE"; times["stamp"] = "MIB_TIME_STAMP"
	times["ticks"] = "MIB_TIME_TICKS"
}
/^#/ || NF == 0 { next }
{
	if (NF != 6) { printf "catalogue.txt: %s: expected 6 columns\n", $1 > "/dev/stderr"; err = 1; exit 1 }
	if ($1 == last) { printf "catalogue.txt: duplicate %s\n", $1 > "/dev/stderr"; err = 1; exit 1 }
	if (!($3 in types)) { printf "catalogue.txt: %s: bad type %s\n", $1, $3 > "/dev/stderr"; err = 1; exit 1 }
	if (!($4 in times)) { printf "catalogue.txt: %s: bad time %s\n", $1, $4 > "/dev/stderr"; err = 1; exit 1 }
	last = $1
	n = split($2, arcs, ".")
	oid = arcs[1]; for (i = 2; i <= n; i++) oid = oid ", " arcs[i]
	printf "\t{ \"%s\", \"%s\", \"%s\", MIB_%s, %s, %d, { %s } },\n", \
		$1, $6, $5, toupper($3), times[$4], n, oid
}
END {
	if (err) exit 1
	print "};"
	print "const size_t mib_catalogue_len = sizeof mib_catalogue / sizeof mib_catalogue[0];"
}
