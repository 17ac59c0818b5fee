/*
 * A scrape's body: the scalars of if_mib (sysUpTime, ifNumber), every
 * family of families.c, then the exporter's own metrics.
 *
 * TimeStamps (ifLastChange, ...) follow the agents' rule with the
 * exporter's start as sysUpTime 0: sysUpTime is the exporter's uptime
 * and a TimeStamp the sysUpTime of its event (0 before the start), so
 * sysUpTime - ifLastChange is the age of the change, as over SNMP.
 */
#include <time.h>

#include "exporter/families.h"
#include "subagents/common/uptime.h"
#include "subagents/common/values.h"
#include "profiles.h"

static int64_t start_cs;

/* The agents' TimeStamp rule (values.c calls it), with the exporter's
 * start as the base; the exporter has no struct agent (A is NULL). */
uint32_t agent_stamp(struct agent *a, int64_t abs_cs)
{
	int64_t d = abs_cs - start_cs;

	(void)a;
	return d > 0 ? (uint32_t)d : 0;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void scalar(struct text *t, const char *name, const char *type,
		   const char *help, double v)
{
	text_printf(t, "# HELP %s %s\n# TYPE %s %s\n%s %.9g\n",
		    name, help, name, type, name, v);
}

static uint64_t sys_up_time(const struct exporter *ex)
{
	(void)ex;
	return agent_stamp(NULL, uptime_now_cs());
}

static uint64_t if_number(const struct exporter *ex)
{
	return ex->rows[ROW_IF].n;
}

/* The scalars of the modules (families.h), all gauges. */
static const struct {
	const char *name;
	uint64_t (*value)(const struct exporter *ex);
} scalars[] = {
	{ OBJ_sysUpTime, sys_up_time },
	{ OBJ_ifNumber,  if_number },
};

static void mib_scalars(struct exporter *ex, struct text *t)
{
	for (size_t i = 0; i < sizeof scalars / sizeof scalars[0]; i++) {
		const struct mib_object *m = mib_lookup(scalars[i].name);

		text_printf(t, "# HELP %s ", m->name);
		families_help(t, m);
		text_printf(t, "\n# TYPE %s gauge\n%s %llu\n", m->name, m->name,
			    (unsigned long long)scalars[i].value(ex));
	}
}

static void self(struct exporter *ex, struct text *t, double began, bool om)
{
	static const char *const kind_name[ROW_KINDS] = {
		[ROW_IF] = "interface", [ROW_PW] = "pseudowire", [ROW_VPLS] = "vpls",
	};
	const char *scrapes = om ? "shmib_scrapes" : "shmib_scrapes_total";

	text_printf(t, "# HELP shmib_segments_served Segments served as rows, by kind.\n"
		    "# TYPE shmib_segments_served gauge\n");
	for (int k = 0; k < ROW_KINDS; k++)
		text_printf(t, "shmib_segments_served{kind=\"%s\"} %zu\n",
			    kind_name[k], ex->rows[k].n);
	scalar(t, "shmib_segments_bad", "gauge",
	       "Segments skipped as malformed (logged once each).",
	       (double)sources_bad_segments(ex));
	/* The family is named without _total in OpenMetrics only. */
	text_printf(t, "# HELP %s Scrapes answered.\n# TYPE %s counter\n"
		    "shmib_scrapes_total %llu\n", scrapes, scrapes,
		    (unsigned long long)++ex->scrapes);
	scalar(t, "shmib_scrape_duration_seconds", "gauge",
	       "Time this scrape took to read the segments and render.",
	       now_s() - began);
	if (om)
		text_printf(t, "# EOF\n");
}

void render_start(void)
{
	start_cs = uptime_now_cs();
}

void render(struct exporter *ex, struct text *t, bool om)
{
	double began = now_s();

	sources_update(ex);
	mib_scalars(ex, t);
	families_render(ex, t, om);
	self(ex, t, began, om);
	pages_drop(ex);
}
