/*
 * vpls-ids / pseudowire-ids files; see ids.h.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "dataplane/l2vpn/ids.h"

static void unlink_segment(const char *dir, const char *name)
{
	char path[PATH_MAX];

	/* Only plain names: a line must not reach outside DIR. */
	if (!*name || strchr(name, '/') || !strcmp(name, ".") || !strcmp(name, ".."))
		return;
	snprintf(path, sizeof(path), "%s/%s%s", dir, name, SHM_INDEX_SUFFIX);
	unlink(path);
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	unlink(path);
}

int ids_remove_listed(const char *file, const char *dir)
{
	char line[SHM_NAME_MAX + 2];
	FILE *f = fopen(file, "r");
	int n = 0;

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\r\n")] = '\0';
		unlink_segment(dir, line);
		n++;
	}
	fclose(f);
	return n;
}

int ids_write(const char *file, const char *names, size_t stride, size_t n,
	      struct shmib_err *err)
{
	char tmp[PATH_MAX];
	FILE *f;

	snprintf(tmp, sizeof(tmp), "%s.tmp.%d", file, (int)getpid());
	f = fopen(tmp, "w");
	if (!f)
		return shmib_fail(err, "%s: %s", tmp, strerror(errno));
	for (size_t i = 0; i < n; i++)
		fprintf(f, "%s\n", names + i * stride);
	if (fclose(f) || rename(tmp, file)) {
		shmib_fail(err, "%s: %s", file, strerror(errno));
		unlink(tmp);
		return -1;
	}
	return 0;
}
