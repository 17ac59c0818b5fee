/* Escaped log text (see logtext.h). */
#include <stdio.h>
#define LIBBSD_NETBSD_VIS        /* strvis is the same in both; silences the choice */
#include <bsd/vis.h>

#include "subagents/common/logtext.h"

const char *logtext_format(struct logtext *t, const char *fmt, va_list ap)
{
	char raw[LOGTEXT_MAX];

	vsnprintf(raw, sizeof raw, fmt, ap);
	strvis(t->s, raw, VIS_CSTYLE | VIS_OCTAL | VIS_NL | VIS_TAB);
	return t->s;
}
