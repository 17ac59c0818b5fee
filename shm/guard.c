/*
 * Reads of mappings that survive another process shrinking the file.
 *
 * A load from a page of a MAP_SHARED mapping that lies past the end of
 * the file raises SIGBUS, and another process may truncate or rewrite
 * a data file at any moment (truncate, `: > NAME`, cp over it): a check
 * of the size before the read cannot close that window.  So every load
 * from a segment goes through shm_guard_run: a sigsetjmp point for this
 * thread, which the SIGBUS handler jumps back to when the fault comes
 * from inside a guarded read.
 *
 * The handler is installed once per process and remembers the one it
 * replaced: a SIGBUS outside a guarded read (or one sent with kill) is
 * handed to it, so a program that loads this library (snmpd loading a
 * module, a sanitizer's reporter) keeps its own behaviour; with no
 * previous handler the default action is restored and the signal
 * raised again, so such a fault still kills as it always did.
 *
 * SA_NODEFER keeps SIGBUS unblocked while the handler runs: jumping out
 * of it then needs no saved signal mask, and sigsetjmp(env, 0) costs no
 * system call per read.
 */
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

#include "shm/internal.h"

static struct sigaction previous;
static pthread_once_t installed = PTHREAD_ONCE_INIT;
static __thread sigjmp_buf *volatile jump;  /* set inside a guarded read */

static void pass_on(int sig, siginfo_t *si, void *ctx)
{
	if (previous.sa_flags & SA_SIGINFO) {
		previous.sa_sigaction(sig, si, ctx);
		return;
	}
	if (previous.sa_handler != SIG_DFL && previous.sa_handler != SIG_IGN) {
		previous.sa_handler(sig);
		return;
	}
	/* A fault cannot be ignored: the default action, as without us. */
	signal(sig, SIG_DFL);
	raise(sig);
}

static void on_sigbus(int sig, siginfo_t *si, void *ctx)
{
	sigjmp_buf *j = jump;

	if (j && si->si_code > 0) {     /* a fault, not a kill(2) */
		jump = NULL;
		siglongjmp(*j, 1);
	}
	pass_on(sig, si, ctx);
}

static void install(void)
{
	struct sigaction sa = { .sa_sigaction = on_sigbus,
				.sa_flags = SA_SIGINFO | SA_NODEFER | SA_ONSTACK };

	sigemptyset(&sa.sa_mask);
	sigaction(SIGBUS, &sa, &previous);
}

int shm_guard_run(void (*fn)(void *), void *arg)
{
	sigjmp_buf env;

	pthread_once(&installed, install);
	if (sigsetjmp(env, 0))
		return -1;
	jump = &env;
	fn(arg);
	jump = NULL;
	return 0;
}
