/* Signals (see signals.h). */
#include <signal.h>
#include <string.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#include "subagents/common/core.h"
#include "subagents/common/session.h"
#include "subagents/common/signals.h"
#include "subagents/common/watch.h"

static volatile sig_atomic_t got[NSIG];

static void on_signal(int sig)
{
	got[sig] = 1;
}

static void reread(struct agent *a, int sig)
{
	size_t n = watch_reread(a);

	session_reread(a);
	snmp_log(LOG_INFO, "SIG%s: re-read %s.conf and %zu watched file%s\n", sigabbrev_np(sig),
		 a->def->name, n, n == 1 ? "" : "s");
	agent_update(a, true);
}

static void status(struct agent *a, int sig)
{
	char line[512];

	agent_summary(a, line, sizeof line);
	snmp_log(LOG_INFO, "SIG%s: %s\n", sigabbrev_np(sig), line);
}

static const struct {
	int sig;
	void (*action)(struct agent *a, int sig);     /* NULL: stop */
} table[] = {
	{ SIGTERM, NULL },
	{ SIGINT,  NULL },
	{ SIGHUP,  reread },
	{ SIGUSR1, status },
	{ SIGUSR2, status },
};
#define NSIGS (sizeof table / sizeof table[0])

void signals_init(void)
{
	struct sigaction sa = { .sa_handler = on_signal };

	for (size_t i = 0; i < NSIGS; i++)
		sigaction(table[i].sig, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

int signals_handle(struct agent *a)
{
	int stop = 0;

	for (size_t i = 0; i < NSIGS; i++) {
		int sig = table[i].sig;

		if (!got[sig])
			continue;
		got[sig] = 0;
		if (!table[i].action)
			stop = sig;
		else if (!stop)
			table[i].action(a, sig);
	}
	return stop;
}
