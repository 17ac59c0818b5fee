/*
 * Content negotiation: which of two media types an Accept header
 * (RFC 9110 12.5.1) prefers, by their q values.  Parameters other than
 * q (version=...) are ignored; a type not listed has q 0.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "exporter/exporter.h"

/* The q of the media range TYPE in ACCEPT, 0 if it is not listed. */
static double quality(const char *accept, const char *type)
{
	size_t tl = strlen(type);

	for (const char *p = accept; p && *p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL) {
		const char *end, *q;

		p += strspn(p, " \t");
		if (strncasecmp(p, type, tl) || !strchr(";, \t", p[tl] ? p[tl] : ','))
			continue;
		end = strchr(p, ',');
		q = strstr(p, ";q=");
		if (!q || (end && q > end))
			q = strstr(p, "; q=");
		if (q && (!end || q < end))
			return strtod(strchr(q, '=') + 1, NULL);
		return 1.0;
	}
	return 0.0;
}

bool accept_prefers(const char *accept, const char *type, const char *over)
{
	return accept && quality(accept, type) > quality(accept, over);
}

