/*
 * Command-line options common to both subagents, named as those of
 * the original Perl subagents (see DESIGN.md):
 *   --shmem-dir DIR  --check-interval SECONDS  --ifindex FILE
 *   --resident-pages N|all (ours: the page budget of resident.h)
 *   -f  -L LOGOPTS  -x ADDRESS  -p PIDFILE  --help
 * plus the agent's own long options (agent_def.options).
 */
#ifndef SHMIB_OPTIONS_H
#define SHMIB_OPTIONS_H

#include <stdbool.h>

#define OPT_SHMEM_DIR_DEFAULT      "/var/lib/snabb/shmem"
#define OPT_CHECK_INTERVAL_DEFAULT 5

struct agent;

struct options {
	const char *shmem_dir;
	unsigned check_interval;
	size_t resident_pages;  /* RESIDENT_ALL: no budget */
	const char *ifindex;
	const char *agentx;
	const char *pidfile;
	bool foreground;
	bool logging;           /* -L given */
};

/* The defaults into O. */
void options_default(struct options *o, bool in_snmpd);

/* ARGV[1...] into A's options (ARGV[0] is not looked at).  0: run;
 * 1: exit 0 (--help); -1: exit 1 (message printed or logged). */
int options_parse(struct agent *a, int argc, char **argv);

#endif
