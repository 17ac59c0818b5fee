/* Settings of notifications (see notify_conf.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#include "subagents/common/core.h"
#include "subagents/common/notify_conf.h"

#define AGENTS_MAX   4          /* in one process: two modules, and room */
#define WINDOW_CS    100        /* one second */
#define TRUE_VALUE   1          /* TruthValue true(1), enabled(1) */
#define FALSE_VALUE  2

/* net-snmp's directive parsers get the token only, no argument: the
 * knob is looked up by name among the agents that registered one. */
static struct agent *with_knobs[AGENTS_MAX];

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

static struct knob *find(struct agent *a, const char *name)
{
	for (size_t i = 0; i < a->knobs.n; i++)
		if (!strcmp(a->knobs.v[i].name, name))
			return &a->knobs.v[i];
	return NULL;
}

static struct knob *find_any(const char *name)
{
	struct knob *k = NULL;

	for (size_t i = 0; i < AGENTS_MAX && !k; i++)
		if (with_knobs[i])
			k = find(with_knobs[i], name);
	return k;
}

static void parse(const char *token, char *line)
{
	struct knob *k = find_any(token);
	char *end;
	unsigned long n;

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

static bool listed(struct agent *a)
{
	struct agent **free_slot = NULL;

	for (size_t i = 0; i < AGENTS_MAX; i++) {
		if (with_knobs[i] == a)
			return true;
		if (!with_knobs[i] && !free_slot)
			free_slot = &with_knobs[i];
	}
	if (free_slot)
		*free_slot = a;
	return free_slot;
}

struct knob *knob_get(struct agent *a, const char *name, bool rate)
{
	struct knob *k = find(a, name);

	if (k)
		return k;
	if (a->knobs.n == KNOBS_MAX || !listed(a)) {
		snmp_log(LOG_ERR, "%s: too many notification settings\n", name);
		return NULL;
	}
	k = &a->knobs.v[a->knobs.n++];
	*k = (struct knob){ .name = name, .rate = rate, .conf = conf_default(rate) };
	register_config_handler(a->conf_type, name, parse, NULL,
				rate ? "N (notifications a second, 0: no limit)" : "true|false");
	return k;
}

void knobs_stop(struct agent *a)
{
	for (size_t i = 0; i < a->knobs.n && !a->conf_kept; i++)
		unregister_config_handler(a->conf_type, a->knobs.v[i].name);
	a->knobs.n = 0;
	for (size_t i = 0; i < AGENTS_MAX; i++)
		if (with_knobs[i] == a)
			with_knobs[i] = NULL;
}

void knobs_reset(struct agent *a)
{
	for (size_t i = 0; i < a->knobs.n; i++)
		a->knobs.v[i].conf = conf_default(a->knobs.v[i].rate);
}

bool agent_scalar_setting(struct agent *a, const struct mib_object *mib,
			  struct agent_value *v)
{
	struct knob *k;

	if (agent_scalar_first(a, mib, v))
		return true;
	if (!(k = find(a, mib->name)))
		return false;
	v->num = k->conf;
	return true;
}

bool knob_enabled(const struct knob *k, const struct shm_seg *seg)
{
	uint32_t v;

	if (!k)
		return true;
	if (!agent_seg_u32(seg, k->name, &v) || (v != TRUE_VALUE && v != FALSE_VALUE))
		v = k->conf;
	return v == TRUE_VALUE;
}

bool knob_off_in(const struct knob *k, const struct shm_seg *seg)
{
	uint32_t v;

	return k && agent_seg_u32(seg, k->name, &v) && v == FALSE_VALUE;
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
