/*
 * shmib-pseudowire: the pseudowire subagent.  It serves the PW, PW-ENET
 * and VPLS MIB modules (tables.c) from the pseudowire and VPLS segments
 * named in the id files (names.c), with the options of the subagent
 * core plus
 *   --vpls-ids FILE        VPLS segment names, one a line (required)
 *   --pseudowire-ids FILE  pseudowire segment names (required)
 *   --state-file FILE      where pwIndex and vplsIndex are kept (default
 *                          shmib-pseudowire.state in net-snmp's
 *                          persistent directory)
 */
#include <stdio.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#include "subagents/pseudowire/names.h"
#include "subagents/pseudowire/notifications.h"
#include "subagents/pseudowire/tables.h"

#define STATE_FILE "shmib-pseudowire.state"

enum { OPT_VPLS_IDS = AGENT_OPT_FIRST, OPT_PSEUDOWIRE_IDS, OPT_STATE_FILE };

static const struct option options[] = {
	{ "vpls-ids",       required_argument, NULL, OPT_VPLS_IDS },
	{ "pseudowire-ids", required_argument, NULL, OPT_PSEUDOWIRE_IDS },
	{ "state-file",     required_argument, NULL, OPT_STATE_FILE },
	{ NULL },
};

static const char *vpls_ids, *pseudowire_ids, *state_file;
static const char **const file_of[] = { &vpls_ids, &pseudowire_ids, &state_file };

static int option(struct agent *a, int opt, const char *arg)
{
	(void)a;
	*file_of[opt - OPT_VPLS_IDS] = arg;
	return 0;
}

static int init(struct agent *a)
{
	const char *state = state_file;
	char path[PATH_MAX];

	if (!vpls_ids || !pseudowire_ids) {
		snmp_log(LOG_ERR, "--vpls-ids FILE and --pseudowire-ids FILE are required\n");
		return -1;
	}
	if (!state) {
		const char *dir = get_persistent_directory();

		mkdirhier(dir, NETSNMP_AGENT_DIRECTORY_MODE, 0);
		snprintf(path, sizeof path, "%s/%s", dir, STATE_FILE);
		state = path;
	}
	return names_init(a, state, vpls_ids, pseudowire_ids);
}

static void fini(struct agent *a)
{
	(void)a;
	names_free();
	vpls_ids = pseudowire_ids = state_file = NULL;
}

static const struct agent_def pseudowire = {
	.name = "pseudowire",
	.subtrees = pw_subtrees,
	.tables = pw_tables,
	.scalars = pw_scalars,
	.accept = names_listed,
	.options = options,
	.option = option,
	.usage =
	"  --vpls-ids FILE          VPLS segment names, one a line (required)\n"
	"  --pseudowire-ids FILE    pseudowire segment names, one a line (required)\n"
	"  --state-file FILE        pwIndex/vplsIndex allocations (default\n"
	"                           " STATE_FILE " in net-snmp's persistent dir)\n",
	.init = init,
	.fini = fini,
	.notifications = pw_notifications,
};

AGENT_MODULE(pseudowire, shmib_pseudowire)

int main(int argc, char **argv)
{
	return agent_main(&pseudowire, argc, argv);
}
