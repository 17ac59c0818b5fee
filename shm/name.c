/*
 * The name rules of the project, in one place: the index parser, the
 * writer and the reader use them, so that what the writer accepts the
 * reader accepts too, and so do the dataplane's configuration and the
 * pseudowire agent's id and state files, so that what the dataplane
 * publishes the agent lists.  Object names are MIB descriptors, OIDs
 * or "_X_" auxiliaries: no ':' (it separates the index fields), no
 * '/'.  Segment names are file names in one directory: no '/', no
 * leading '.' (".", "..", temporary files), but ':' is fine
 * ("0000:01:00.0").  Listed names (VPLS and pseudowires) are both.
 */
#include <string.h>

#include "shm/shm.h"
#include "shm/internal.h"

#define STR_(x) #x
#define STR(x) STR_(x)

/* Printable ASCII, no blank, 1..SHM_NAME_MAX bytes, no byte of BANNED. */
static const char *problem(const char *name, size_t len, const char *banned)
{
	if (len == 0)
		return "empty name";
	if (len > SHM_NAME_MAX)
		return "name longer than " STR(SHM_NAME_MAX) " bytes";
	for (size_t i = 0; i < len; i++) {
		unsigned char c = name[i];

		if (c <= ' ' || c >= 0x7f)
			return "whitespace, control or non-ASCII byte in name";
		if (strchr(banned, c))
			return banned[1] ? "':' or '/' in name" : "'/' in name";
	}
	return NULL;
}

const char *shm_name_problem(const char *name, size_t len)
{
	return problem(name, len, ":/");
}

const char *shm_segment_name_problem(const char *name)
{
	if (name[0] == '.')
		return "name starts with '.'";
	return problem(name, strlen(name), "/");
}

const char *shm_listed_name_problem(const char *name, size_t len)
{
	const char *p = shm_name_problem(name, len);

	if (!p && name[0] == '.')
		p = "name starts with '.'";
	return p;
}
