/* Watching for changes (see watch.h). */
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include "subagents/common/core.h"
#include "subagents/common/notify.h"
#include "subagents/common/watch.h"

#define DIR_EVENTS (IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_MODIFY | \
		    IN_CLOSE_WRITE | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF)
#define SOON_USEC  100000

struct file {
	char *path;
	agent_reload_fn fn;
	void *arg;
	struct filesig sig;
};

struct watch {
	int fd;
	int shm_wd;             /* -1 while the directory is not watched */
	bool shm_event;         /* a rescan is due: events, overflow, new watch */
	struct file *files;
	size_t nfiles;
	unsigned soon;          /* pending alarm, 0 if none */
	uint64_t not_before_ns; /* of that alarm (watch_check_after) */
	unsigned interval;      /* the --check-interval alarm, 0 if none */
};

int watch_new(struct agent *a)
{
	struct watch *w = calloc(1, sizeof *w);

	if (!w)
		return -1;
	w->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	w->shm_wd = -1;
	if (w->fd < 0)          /* e.g. out of inotify instances: polling only */
		snmp_log(LOG_WARNING, "inotify: %s; checking every %us\n", strerror(errno),
			 a->opt.check_interval);
	a->watch = w;
	return 0;
}

static void watch_dir_of(struct watch *w, const char *path)
{
	char copy[PATH_MAX];

	if (w->fd < 0)
		return;
	snprintf(copy, sizeof copy, "%s", path);
	if (inotify_add_watch(w->fd, dirname(copy), DIR_EVENTS) < 0)
		snmp_log(LOG_WARNING, "%s: cannot watch its directory (%s); checking every interval\n",
			 path, strerror(errno));
}

/* Reads F now; true when its new content is in force. */
static bool load(struct agent *a, struct file *f)
{
	int rc;

	f->sig = filesig(f->path);
	rc = f->fn(a, f->path, f->arg);
	if (rc > 0)             /* held back: read again at the next check */
		f->sig = (struct filesig){ 0 };
	return rc == 0;
}

int agent_watch_file(struct agent *a, const char *path, agent_reload_fn fn, void *arg)
{
	struct watch *w = a->watch;
	struct file *v = reallocarray(w->files, w->nfiles + 1, sizeof *v);

	if (!v)
		return -1;
	w->files = v;
	v[w->nfiles] = (struct file){ strdup(path), fn, arg };
	if (!v[w->nfiles].path)
		return -1;
	w->nfiles++;
	watch_dir_of(w, path);
	load(a, &v[w->nfiles - 1]);
	return 0;
}

bool watch_files(struct agent *a)
{
	struct watch *w = a->watch;
	bool changed = false;

	for (size_t i = 0; i < w->nfiles; i++) {
		struct file *f = &w->files[i];
		struct filesig now = filesig(f->path);

		if (filesig_eq(now, f->sig))
			continue;
		if (load(a, f))
			changed = true;
	}
	return changed;
}

size_t watch_reread(struct agent *a)
{
	struct watch *w = a->watch;

	for (size_t i = 0; i < w->nfiles; i++)
		load(a, &w->files[i]);
	return w->nfiles;
}

/* (Re)watches the shm directory; what happened while it was not
 * watched is found by the rescan that follows a new watch. */
static void watch_shm(struct agent *a)
{
	struct watch *w = a->watch;

	if (w->shm_wd < 0) {
		w->shm_wd = inotify_add_watch(w->fd, a->opt.shmem_dir, DIR_EVENTS);
		w->shm_event |= w->shm_wd >= 0;
	}
	a->segs.watched = w->shm_wd >= 0;
}

static void check(unsigned reg, void *arg)
{
	struct agent *a = arg;
	struct watch *w = a->watch;
	bool rescan;

	if (reg == w->soon)
		w->soon = 0;
	watch_shm(a);
	rescan = w->shm_event;
	w->shm_event = false;
	agent_update(a, rescan);
}

/* A check soon: events come in bursts (a writer publishing many
 * segments), one check follows them all. */
/* A check SOON_USEC after the first event of a burst, not before
 * not_before_ns. */
static void schedule(struct agent *a)
{
	struct watch *w = a->watch;
	uint64_t now = budget_now_ns(), at = now + SOON_USEC * 1000ull;
	uint64_t us;
	struct timeval tv;

	if (w->soon)
		return;
	if (w->not_before_ns > at)
		at = w->not_before_ns;
	us = (at - now) / 1000;
	tv = (struct timeval){ us / 1000000, us % 1000000 };
	w->soon = snmp_alarm_register_hr(tv, 0, check, a);
}

void watch_check_after(struct agent *a, uint64_t usec)
{
	struct watch *w = a->watch;

	w->not_before_ns = budget_now_ns() + usec * 1000;
	if (w->soon)
		snmp_alarm_unregister(w->soon);
	w->soon = 0;
	schedule(a);
}

#define EVBUF 16384
#define EVMAX (EVBUF / sizeof(struct inotify_event))
/* Reads of the queue per wakeup: a writer that signals without pause
 * keeps it full, and the agent must get back to its requests and pings
 * (the descriptor stays readable, the rest is read on the next turn). */
#define DRAIN_READS 4

/* The segment whose writer signalled a status change (IN_ATTRIB on its
 * data file, the same file as when it was opened), or NULL: then the
 * event means what any other event in the directory means. */
static struct shm_seg *signalled(struct agent *a, const struct inotify_event *e)
{
	struct shm_seg *seg;

	if (e->mask != IN_ATTRIB || !e->len)
		return NULL;
	seg = segset_find(&a->segs, e->name);
	return seg && !shm_seg_changed(seg) ? seg : NULL;
}

static void drain(int fd, void *arg)
{
	struct agent *a = arg;
	struct watch *w = a->watch;
	char buf[EVBUF] __attribute__((aligned(__alignof__(struct inotify_event))));
	struct shm_seg *sig[EVMAX];
	bool due = false;       /* an event other than a signal */
	int reads = 0;
	ssize_t n;

	while (reads++ < DRAIN_READS && (n = read(fd, buf, sizeof buf)) > 0) {
		size_t nsig = 0;

		for (char *p = buf; p < buf + n;) {
			struct inotify_event *e = (struct inotify_event *)p;

			if (e->mask & IN_Q_OVERFLOW)
				w->shm_event = true;
			if (e->wd == w->shm_wd && w->shm_wd >= 0 && nsig < EVMAX &&
			    (sig[nsig] = signalled(a, e))) {
				nsig++;
				p += sizeof *e + e->len;
				continue;
			}
			due = true;
			if (e->wd == w->shm_wd && w->shm_wd >= 0) {
				w->shm_event = true;
				/* Moved away, the watch would follow the
				 * directory, not the path: watched anew. */
				if (e->mask & IN_MOVE_SELF)
					inotify_rm_watch(fd, w->shm_wd);
				if (e->mask & (IN_IGNORED | IN_MOVE_SELF))
					w->shm_wd = -1;
			}
			p += sizeof *e + e->len;
		}
		if (nsig)
			notify_signalled(a, sig, nsig);
	}
	if (due)
		schedule(a);
}

void agent_rebuild_soon(struct agent *a)
{
	a->rebuild = true;
	schedule(a);
}

void watch_start(struct agent *a)
{
	watch_shm(a);
	if (a->watch->fd >= 0)
		register_readfd(a->watch->fd, drain, a);
	if (a->watch->shm_event)        /* what changed since the first scan */
		schedule(a);
	a->watch->interval = snmp_alarm_register(a->opt.check_interval, SA_REPEAT, check, a);
}

void watch_free(struct agent *a)
{
	struct watch *w = a->watch;

	if (!w)
		return;
	if (w->soon)
		snmp_alarm_unregister(w->soon);
	if (w->interval)
		snmp_alarm_unregister(w->interval);
	if (w->fd >= 0) {
		unregister_readfd(w->fd);
		close(w->fd);
	}
	for (size_t i = 0; i < w->nfiles; i++)
		free(w->files[i].path);
	free(w->files);
	free(w);
	a->watch = NULL;
}
