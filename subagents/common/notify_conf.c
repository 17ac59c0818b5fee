/* Settings of notifications (see notify_conf.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#include "subagents/common/core.h"
#include "subagents/common/notify_conf.h"

#define KNOBS_MAX    8
#define WINDOW_CS    100        /* one second */
#define TRUE_VALUE   1          /* TruthValue true(1), enabled(1) */
#define FALSE_VALUE  2

/* net-snmp's directive parsers get the token only: knobs are found by
 * name in this one table (an agent is one process). */
static struct knob knobs[KNOBS_MAX];
static size_t nknobs;

static const struct {
	const char *word;
	uint32_t value;
} truth[] = {
	{ "true", TRUE_VALUE }, { "enabled", TRUE_VALUE }, { "1", TRUE_VALUE },
	{ "false", FALSE_VALUE }, { "disabled", FALSE_VALUE }, { "2", FALSE_VALUE },
};

/* Without a .conf line: no rate limit, notifications enabled. */
static uint32_t conf_default(bool rate)
{
	return rate ? 0 : TRUE_VALUE;
}

static void parse(const char *token, char *line)
{
	struct knob *k = NULL;
	char *end;
	unsigned long n;

	for (size_t i = 0; i < nknobs; i++)
		if (!strcmp(knobs[i].name, token))
			k = &knobs[i];
	if (!k || !line)
		return;
	for (end = line + strlen(line); end > line && (end[-1] == ' ' || end[-1] == '\t'); )
		*--end = '\0';
	if (k->rate) {
		errno = 0;
		n = strtoul(line, &end, 10);
		if (errno || end == line || *end || line[0] == '-' || n > UINT32_MAX)
			config_perror("expected a number of notifications a second (0: no limit)");
		else
			k->conf = n;
		return;
	}
	for (size_t i = 0; i < sizeof truth / sizeof truth[0]; i++)
		if (!strcasecmp(line, truth[i].word)) {
			k->conf = truth[i].value;
			return;
		}
	config_perror("expected true or false");
}

struct knob *knob_get(struct agent *a, const char *name, bool rate)
{
	for (size_t i = 0; i < nknobs; i++)
		if (!strcmp(knobs[i].name, name))
			return &knobs[i];
	if (nknobs == KNOBS_MAX) {
		snmp_log(LOG_ERR, "%s: too many notification settings\n", name);
		return NULL;
	}
	knobs[nknobs] = (struct knob){ .name = name, .rate = rate,
				       .conf = conf_default(rate) };
	register_config_handler(a->def->name, name, parse, NULL,
				rate ? "N (notifications a second, 0: no limit)" : "true|false");
	return &knobs[nknobs++];
}

void knobs_reset(void)
{
	for (size_t i = 0; i < nknobs; i++)
		knobs[i].conf = conf_default(knobs[i].rate);
}

bool agent_scalar_setting(struct agent *a, const struct mib_object *mib,
			  struct agent_value *v)
{
	if (agent_scalar_first(a, mib, v))
		return true;
	for (size_t i = 0; i < nknobs; i++)
		if (!strcmp(knobs[i].name, mib->name)) {
			v->num = knobs[i].conf;
			return true;
		}
	return false;
}

bool knob_enabled(const struct knob *k, const struct shm_seg *seg)
{
	uint32_t v;

	if (!agent_seg_u32(seg, k->name, &v) || (v != TRUE_VALUE && v != FALSE_VALUE))
		v = k->conf;
	return v == TRUE_VALUE;
}

bool knob_off_in(const struct knob *k, const struct shm_seg *seg)
{
	uint32_t v;

	return agent_seg_u32(seg, k->name, &v) && v == FALSE_VALUE;
}

void knob_find_rate(struct knob *k, const struct index *x)
{
	k->seg = NULL;
	for (size_t i = 0; i < x->nsegs && !k->seg; i++)
		if (shm_seg_find(x->segs[i], k->name))
			k->seg = x->segs[i];
}

void knob_tick(struct knob *k, int64_t now_cs)
{
	if (!k->start_cs || now_cs - k->start_cs < WINDOW_CS)
		return;
	if (k->dropped) {
		k->dropped_all += k->dropped;
		snmp_log(LOG_WARNING, "%s %u: %llu notifications over the limit not sent "
			 "(%llu since the start)\n", k->name, k->limit,
			 (unsigned long long)k->dropped, (unsigned long long)k->dropped_all);
	}
	k->start_cs = 0;
	k->dropped = 0;
}

bool knob_allow(struct knob *k, int64_t now_cs)
{
	knob_tick(k, now_cs);
	if (!k->start_cs) {
		k->start_cs = now_cs;
		k->sent = 0;
		if (!k->seg || !agent_seg_u32(k->seg, k->name, &k->limit))
			k->limit = k->conf;
	}
	if (k->limit && k->sent >= k->limit) {
		k->dropped++;
		return false;
	}
	k->sent++;
	return true;
}
