/*
 * Name rules shared by the index parser and the writer, so that what
 * the writer accepts the reader accepts too.
 */
#include "shm/shm.h"
#include "shm/internal.h"

#define STR_(x) #x
#define STR(x) STR_(x)

const char *shm_name_problem(const char *name, size_t len)
{
	if (len == 0)
		return "empty name";
	if (len > SHM_NAME_MAX)
		return "name longer than " STR(SHM_NAME_MAX) " bytes";
	for (size_t i = 0; i < len; i++) {
		unsigned char c = name[i];

		if (c <= ' ' || c >= 0x7f)
			return "whitespace, control or non-ASCII byte in name";
		if (c == ':' || c == '/')
			return "':' or '/' in name";
	}
	return NULL;
}
