/* Strings within their MIB SIZE (see strcap.h). */
#include <stdio.h>

#include "subagents/common/notes.h"
#include "subagents/common/strcap.h"

/* Instances already logged; never committed, so each is logged once
 * for the life of the agent (there are at most as many as rows times
 * string columns). */
static struct notes logged;

static void say(const netsnmp_variable_list *vb, const struct mib_object *mib,
		size_t len, size_t max)
{
	char inst[256], msg[512];
	size_t n = 0;

	inst[0] = '\0';
	for (size_t i = mib->oid_len; i < vb->name_length && n < sizeof inst; i++)
		n += snprintf(inst + n, sizeof inst - n, ".%lu", (unsigned long)vb->name[i]);
	snprintf(msg, sizeof msg, "%s::%s%s", mib->module, mib->name, inst);
	if (notes_add(&logged, msg))
		snmp_log(LOG_WARNING, "%s: the segment holds %zu bytes; served cut to %zu "
			 "(%s)\n", msg, len, max, mib->size ? "its SIZE" : "no SIZE, shmib's limit");
}

size_t strcap_len(const netsnmp_variable_list *vb, const struct mib_object *mib,
		  size_t len)
{
	size_t max = mib->size ? mib->size : STRCAP_UNSIZED;

	if (len <= max)
		return len;
	say(vb, mib, len, max);
	return max;
}

void strcap_free(void)
{
	notes_free(&logged);
}
