# Turns mibs/profiles.txt into C: build/gen/profiles.c (the profiles,
# struct shm_profile of shm/profile.h) and the header named by
# -v header=... (profile_<name>, its keys <NAME>_<WORD> and groups
# <NAME>_G_<WORD>, profile_all, and AUX_<name> for each auxiliary's
# name, _X_ left out).  Reads,
# in this order, shm/shm.h (the auxiliaries' prefix, time suffixes and
# numbers),
# mibs/catalogue.txt (each object's type) and the profiles.  Anything
# the writer could not write is an error, so a profile that disagrees
# with the catalogue does not build: an object the catalogue lacks or
# never stores, a duplicate, an auxiliary of no TimeTicks object, a
# constant auxiliary string, a value of the wrong kind or a size on a
# number.
function fail(msg) {
	printf "%s:%d: %s\n", FILENAME, FNR, msg > "/dev/stderr"
	err = 1
	exit 1
}

function unquote(s) {
	gsub(/"/, "", s)
	return s
}

# The storage type of an auxiliary: a number shm.h names, a time
# auxiliary of a TimeTicks object, or a string.
function aux_type(o,    base, i) {
	if (o in u32aux)
		return "Unsigned32"
	for (i in suffix) {
		base = substr(o, length(prefix) + 1, length(o) - length(prefix) - length(suffix[i]))
		if (substr(o, length(o) - length(suffix[i]) + 1) == suffix[i] && \
		    base in ctype) {
			if (ctype[base] != "TimeTicks")
				fail(o ": " base " is no TimeTicks")
			return "Counter64"
		}
	}
	return "OctetStr"
}

FILENAME ~ /\.h$/ {
	if ($1 == "#define" && $2 == "SHM_AUX_PREFIX")
		prefix = unquote($3)
	else if ($1 == "#define" && $2 ~ /^SHM_AUX_TI/ && $3 ~ /^"/)
		suffix[$2] = unquote($3)
	else if ($1 == "#define" && $2 ~ /^SHM_AUX_U32_/ && $3 ~ /^"/)
		u32aux[unquote($3)]
	next
}
FILENAME ~ /catalogue\.txt$/ {
	if ($0 !~ /^#/ && NF >= 8) {
		ctype[$1] = $3
		csize[$1] = $8
		cobj[ncobj++] = $1
	}
	next
}
{ sub(/#.*/, "") }
NF == 0 { next }
{
	if (NF != 5) fail("expected 5 columns")
	p = $1; o = $2; v = $3; size = $4
	if (!(p in nobj)) {
		profiles[nprof++] = p
		nobj[p] = 0
		nkey[p] = 0
		ngroup[p] = 0
	}
	if ((p, o) in seen) fail("duplicate " o " in " p)
	seen[p, o]
	if (substr(o, 1, length(prefix)) == prefix)
		t = aux_type(o)
	else if (!(o in ctype))
		fail(o ": not in the catalogue")
	else
		t = ctype[o]
	if (t == "Table" || t == "Notification" || t == "ObjectId")
		fail(o ": a " t " is not stored")
	if (size != "-" && (t != "OctetStr" || size !~ /^[1-9][0-9]*$/))
		fail(o ": size " size " for a " t)
	if (t == "Bits")
		size = csize[o]
	if (size == "-")
		size = 0
	key = "0"; val = "0"
	if (v ~ /^[a-z][a-z0-9_]*$/) {
		key = toupper(p "_" v)
		if (!((p, v) in keys)) {
			keys[p, v]
			keylist[p, ++nkey[p]] = key
		}
	} else if (v ~ /^bit:[0-7]$/ && t == "Bits") {
		val = "0x80 >> " substr(v, 5)
	} else if (v ~ /^-?[0-9]+$/ && t != "OctetStr" && t != "Bits") {
		val = v
	} else if (v != "-") {
		fail(o ": value " v " for a " t)
	}
	if (substr(o, 1, length(prefix)) == prefix && t == "OctetStr" && key == "0")
		fail(o ": an auxiliary string is a key's value")
	groups = "0"
	if ($5 != "-") {
		n = split($5, g, ",")
		groups = ""
		for (i = 1; i <= n; i++) {
			if (g[i] !~ /^[a-z]+$/) fail(o ": bad group " g[i])
			if (!((p, g[i]) in gbit))
				gbit[p, g[i]] = 2 ^ ngroup[p]++
			groups = groups (i > 1 ? " | " : "") toupper(p "_G_" g[i])
		}
	}
	line[p, nobj[p]++] = sprintf("\t{ \"%s\", SHM_%s, %d, %s, %s, %s },", \
		o, toupper(t), size, groups, key, val)
	if (substr(o, 1, length(prefix)) == prefix && !(o in auxes)) {
		auxes[o]
		auxlist[naux++] = o
	}
}

function print_header(    i, j, p, k, gk, parts) {
	print "/* Generated from mibs/profiles.txt by mibs/gen-profiles.awk. */" > header
	print "#ifndef SHMIB_GEN_PROFILES_H" > header
	print "#define SHMIB_GEN_PROFILES_H" > header
	print "#include \"shm/profile.h\"" > header
	for (i = 0; i < nprof; i++) {
		p = profiles[i]
		printf "\nextern const struct shm_profile profile_%s;\n", p > header
		printf "enum { %s_CONST", toupper(p) > header
		for (j = 1; j <= nkey[p]; j++)
			printf ", %s", keylist[p, j] > header
		printf ", %s_KEYS };\n", toupper(p) > header
		for (gk in gbit) {
			split(gk, parts, SUBSEP)
			if (parts[1] == p)
				printf "#define %s_G_%s %du\n", toupper(p), toupper(parts[2]), gbit[gk] > header
		}
	}
	print "\n/* Every profile, then NULL. */" > header
	print "extern const struct shm_profile *const profile_all[];\n" > header
	for (i = 0; i < naux; i++)
		printf "#define AUX_%s \"%s\"\n", substr(auxlist[i], length(prefix) + 1), auxlist[i] > header
	print "\n/* Every object of the catalogue by name: code names an object as\n * OBJ_<name>, so a misspelt name does not build. */" > header
	for (i = 0; i < ncobj; i++)
		printf "#define OBJ_%s \"%s\"\n", cobj[i], cobj[i] > header
	print "\n#endif" > header
}

END {
	if (err) exit 1
	if (prefix == "" || length(suffix) == 0) {
		print "gen-profiles.awk: no SHM_AUX_ names in the header" > "/dev/stderr"
		exit 1
	}
	print_header()
	print "/* Generated from mibs/profiles.txt by mibs/gen-profiles.awk. */"
	print "#include \"profiles.h\""
	for (i = 0; i < nprof; i++) {
		p = profiles[i]
		printf "\nstatic const struct shm_pobj %s_objects[] = {\n", p
		for (j = 0; j < nobj[p]; j++)
			print line[p, j]
		print "};"
		printf "const struct shm_profile profile_%s = { \"%s\", %s_objects, %d };\n", \
			p, p, p, nobj[p]
	}
	printf "\nconst struct shm_profile *const profile_all[] = {"
	for (i = 0; i < nprof; i++)
		printf " &profile_%s,", profiles[i]
	print " NULL };"
}
