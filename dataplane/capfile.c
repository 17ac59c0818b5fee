/*
 * See capfile.h.
 */
#define ALLOW_EXPERIMENTAL_API  /* rte_pcapng */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <rte_pcapng.h>

#include "dataplane/capfile.h"

#define APP_NAME "shmib-dataplane"
#define STATS_ROOM 128          /* the statistics block at the end, under the cap */

static int create(const char *dir, const char *name, struct shmib_err *why)
{
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), fd;

	if (dfd < 0)
		return shmib_fail(why, "capture_dir %s: %s", dir, strerror(errno));
	fd = openat(dfd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0640);
	if (fd < 0)
		shmib_fail(why, "%s/%s: %s%s", dir, name, strerror(errno),
			   errno == EEXIST ? " (a capture never overwrites a file)" : "");
	close(dfd);
	return fd;
}

int capfile_open(struct capfile *f, const char *dir, const char *name,
		 uint64_t max_bytes, const char *comment, struct shmib_err *why)
{
	int fd = create(dir, name, why);
	off_t size;

	memset(f, 0, sizeof(*f));
	if (fd < 0)
		return -1;
	snprintf(f->path, sizeof(f->path), "%s/%s", dir, name);
	f->png = rte_pcapng_fdopen(fd, NULL, NULL, APP_NAME, comment);
	size = lseek(fd, 0, SEEK_END);
	if (!f->png || size < 0) {
		shmib_fail(why, "%s: cannot write the pcapng header: %s", f->path,
			   strerror(errno));
		if (f->png)
			rte_pcapng_close(f->png);
		else
			close(fd);
		unlink(f->path);
		return -1;
	}
	f->bytes = size;
	f->max_bytes = max_bytes;
	return 0;
}

int capfile_write(struct capfile *f, struct rte_mbuf **m, unsigned n, bool *full)
{
	uint64_t add = 0, room = f->max_bytes - STATS_ROOM;
	unsigned k = 0;
	ssize_t w = 0;
	int err = 0;

	while (k < n && f->bytes + add + rte_pktmbuf_pkt_len(m[k]) <= room)
		add += rte_pktmbuf_pkt_len(m[k++]);
	*full = k < n;
	if (k && (w = rte_pcapng_write_packets(f->png, m, k)) < 0)
		err = errno;
	rte_pktmbuf_free_bulk(m, n);
	if (w < 0)
		return errno = err, -1;
	f->bytes += w;
	return k;
}

void capfile_close(struct capfile *f, uint16_t port, uint64_t seen, uint64_t dropped)
{
	ssize_t w;

	if (!f->png)
		return;
	w = rte_pcapng_write_stats(f->png, port, NULL, 0, 0, seen, dropped);
	if (w > 0)
		f->bytes += w;
	rte_pcapng_close(f->png);
	f->png = NULL;
}
