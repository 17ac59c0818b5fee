/* Work in pieces, one a turn of the loop (see turns.h). */
#include <sys/eventfd.h>
#include <unistd.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/library/fd_event_manager.h>

#include "subagents/common/turns.h"

#define STANDIN_USEC 1000

static void arm(struct turns *t);

static void from_fd(int fd, void *arg)
{
	struct turns *t = arg;

	(void)fd;
	t->fn(t->arg);
}

static void from_alarm(unsigned reg, void *arg)
{
	struct turns *t = arg;

	(void)reg;
	t->alarm = 0;
	t->fn(t->arg);
	if (t->on)
		arm(t);
}

static void arm(struct turns *t)
{
	struct timeval tv = { 0, STANDIN_USEC };

	if (!t->has_fd)
		t->has_fd = (t->fd = eventfd(1, EFD_NONBLOCK | EFD_CLOEXEC)) >= 0;
	if (t->has_fd && !t->registered)
		t->registered = register_readfd(t->fd, from_fd, t) == FD_REGISTERED_OK;
	if (!t->registered && !t->alarm)
		t->alarm = snmp_alarm_register_hr(tv, 0, from_alarm, t);
}

void turns_init(struct turns *t, turns_fn *fn, void *arg)
{
	*t = (struct turns){ .fn = fn, .arg = arg };
}

void turns_on(struct turns *t)
{
	t->on = true;
	arm(t);
}

void turns_off(struct turns *t)
{
	t->on = false;
	if (t->registered)
		unregister_readfd(t->fd);
	t->registered = false;
	if (t->alarm)
		snmp_alarm_unregister(t->alarm);
	t->alarm = 0;
}

void turns_fini(struct turns *t)
{
	turns_off(t);
	if (t->has_fd)
		close(t->fd);
	t->has_fd = false;
}
