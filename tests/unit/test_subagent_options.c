/* The agents' own long options: parsed after the common ones, and an
 * option whose value the core reserves refused at start, not served by
 * the common option of that value. */
#include <criterion/criterion.h>
#include <criterion/redirect.h>
#include <getopt.h>

#include "subagents/common/core.h"
#include "subagents/common/options.h"

static const char *seen;

static int option(struct agent *a, int opt, const char *arg)
{
	(void)a;
	seen = opt == AGENT_OPT_FIRST ? arg : "?";
	return 0;
}

static int parse(const struct option *opts, char *arg)
{
	const struct agent_def def = { .name = "t", .options = opts, .option = option };
	struct agent a = { .def = &def };
	char prog[] = "shmib-t", shm[] = "--shmem-dir=/x";
	char *argv[] = { prog, shm, arg, NULL };

	seen = NULL;
	return options_parse(&a, 3, argv);
}

Test(subagent_options, own_option_reaches_the_agent)
{
	const struct option opts[] = {
		{ "mine", required_argument, NULL, AGENT_OPT_FIRST }, { NULL },
	};
	char arg[] = "--mine=yes";

	cr_assert_eq(parse(opts, arg), 0);
	cr_assert_str_eq(seen, "yes");
}

Test(subagent_options, reserved_value_refused, .init = cr_redirect_stderr)
{
	const struct option opts[] = {
		{ "mine", required_argument, NULL, 1001 }, { NULL },
	};
	char arg[] = "--mine=yes";

	cr_assert_eq(parse(opts, arg), -1);
	cr_assert_null(seen, "the option reached no parser");
	fflush(stderr);
	cr_assert_stderr_eq_str("shmib-t: option --mine: value 1001 below AGENT_OPT_FIRST "
				"(the common options' values)\n");
}
