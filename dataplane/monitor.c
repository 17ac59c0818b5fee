/*
 * See monitor.h.  A session's first part is what the workers read and
 * count while its callbacks are installed; the rest is the main
 * lcore's.
 */
#define ALLOW_EXPERIMENTAL_API  /* rte_pcapng */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <bsd/string.h>
#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_malloc.h>
#include <rte_pcapng.h>
#include <rte_ring.h>

#include "dataplane/capfile.h"
#include "dataplane/capfilter.h"
#include "dataplane/capreq.h"
#include "dataplane/fwd.h"
#include "dataplane/log.h"
#include "dataplane/monitor.h"

#define RING_SIZE   1024        /* frames between the workers and the file */
#define POOL_SIZE   (2 * RING_SIZE - 1)
#define DRAIN_BURST 64
#define FRAME_EXTRA 22          /* Ethernet header, two VLAN tags, FCS */
#define QUIESCE_MS  1000
#define SHOWN_MAX   (RTE_TEL_MAX_STRING_LEN - 1)

struct session {
	/* The workers'. */
	struct rte_ring *ring;
	struct rte_mempool *pool;
	struct capfilter filter;
	uint16_t port;                  /* ethdev id */
	uint32_t snaplen;
	uint64_t limit;                 /* frames; 0: none */
	uint64_t seen, taken, dropped;  /* atomic */
	uint64_t ns0, tsc0;             /* the start, two clocks */
	/* The main lcore's. */
	const struct rte_eth_rxtx_callback *rx_cb[FWD_QUEUES_MAX], *tx_cb[FWD_QUEUES_MAX];
	uint16_t nq;
	struct capreq req;
	struct capfile file;
	char dir[PATH_MAX];
	unsigned idx;                   /* config port index */
	uint64_t written;
	bool running, spill, stuck;
	char ended[96];                 /* why it ended */
};

/* By config port index: the running or last capture. */
static struct session *sessions[DP_PORTS_MAX];
static unsigned generation;

static int fail(struct rte_tel_data *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* D gets {"error": why}; -1. */
static int fail(struct rte_tel_data *d, const char *fmt, ...)
{
	struct shmib_err e;
	va_list ap;

	va_start(ap, fmt);
	shmib_vfail(&e, fmt, ap);
	va_end(ap);
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_string(d, "error", e.msg);
	return -1;
}

/* On the workers: the frames of a burst the capture takes, within its
 * count. */
static unsigned take(struct session *s, unsigned n)
{
	uint64_t before;

	if (!s->limit || !n)
		return n;
	before = __atomic_fetch_add(&s->taken, n, __ATOMIC_RELAXED);
	return before >= s->limit ? 0 : RTE_MIN((uint64_t)n, s->limit - before);
}

/* rte_pcapng_copy of DPDK 22.11 turns TSC cycles into time through a
 * product that overflows seconds after the process started: the
 * timestamp of the Enhanced Packet Block it wrote (nanoseconds, as its
 * interface blocks say; high and low words at bytes 12 and 16 in the
 * pcapng format) is written again from the session's own clock. */
static uint64_t now_ns(const struct session *s)
{
	uint64_t d = rte_get_tsc_cycles() - s->tsc0, hz = rte_get_tsc_hz();

	return s->ns0 + d / hz * NS_PER_S + d % hz * NS_PER_S / hz;
}

static void stamp(struct rte_mbuf *m, uint64_t ns)
{
	uint32_t *epb = rte_pktmbuf_mtod(m, uint32_t *);

	epb[3] = ns >> 32;
	epb[4] = (uint32_t)ns;
}

static void copy(struct session *s, uint16_t queue, struct rte_mbuf **pkts,
		 uint16_t n, enum rte_pcapng_direction dir)
{
	uint64_t now = rte_get_tsc_cycles(), ns = now_ns(s);

	for (uint16_t off = 0; off < n; off += FWD_BURST) {
		struct rte_mbuf *sel[FWD_BURST], *cp[FWD_BURST];
		unsigned b = RTE_MIN(n - off, FWD_BURST), k, c = 0, q;

		k = take(s, capfilter_select(&s->filter, pkts + off, b, sel));
		for (unsigned i = 0; i < k; i++) {
			cp[c] = rte_pcapng_copy(s->port, queue, sel[i], s->pool,
						s->snaplen, now, dir);
			if (cp[c])
				stamp(cp[c++], ns);
		}
		q = rte_ring_enqueue_burst(s->ring, (void **)cp, c, NULL);
		if (q < c)
			rte_pktmbuf_free_bulk(cp + q, c - q);
		__atomic_fetch_add(&s->seen, b, __ATOMIC_RELAXED);
		if (k > q)
			__atomic_fetch_add(&s->dropped, k - q, __ATOMIC_RELAXED);
	}
}

static uint16_t on_rx(uint16_t port, uint16_t queue, struct rte_mbuf **pkts,
		      uint16_t n, uint16_t max, void *arg)
{
	(void)port, (void)max;
	copy(arg, queue, pkts, n, RTE_PCAPNG_DIRECTION_IN);
	return n;
}

static uint16_t on_tx(uint16_t port, uint16_t queue, struct rte_mbuf **pkts,
		      uint16_t n, void *arg)
{
	(void)port;
	copy(arg, queue, pkts, n, RTE_PCAPNG_DIRECTION_OUT);
	return n;
}

/* Removes the callbacks; -1 when the workers could not be waited past
 * (then nothing they may touch can be freed). */
static int uninstall(struct session *s)
{
	for (uint16_t q = 0; q < s->nq; q++) {
		if (s->rx_cb[q])
			rte_eth_remove_rx_callback(s->port, q, s->rx_cb[q]);
		if (s->tx_cb[q])
			rte_eth_remove_tx_callback(s->port, q, s->tx_cb[q]);
	}
	if (fwd_quiesce(QUIESCE_MS) < 0)
		return -1;
	for (uint16_t q = 0; q < s->nq; q++) {
		/* ethdev leaves the callbacks' memory to whoever added them. */
		rte_free((void *)s->rx_cb[q]);
		rte_free((void *)s->tx_cb[q]);
		s->rx_cb[q] = s->tx_cb[q] = NULL;
	}
	return 0;
}

static int install(struct session *s)
{
	for (uint16_t q = 0; q < s->nq; q++) {
		if ((s->req.dir & CAPREQ_RX) &&
		    !(s->rx_cb[q] = rte_eth_add_rx_callback(s->port, q, on_rx, s)))
			return -1;
		if ((s->req.dir & CAPREQ_TX) &&
		    !(s->tx_cb[q] = rte_eth_add_tx_callback(s->port, q, on_tx, s)))
			return -1;
	}
	return 0;
}

/* Everything but the session itself and its file. */
static void release(struct session *s)
{
	rte_ring_free(s->ring);
	rte_mempool_free(s->pool);
	capfilter_free(&s->filter);
	s->ring = NULL;
	s->pool = NULL;
}

static void dropped(struct session *s, unsigned n)
{
	__atomic_fetch_add(&s->dropped, n, __ATOMIC_RELAXED);
}

/* The first reason a capture ends is the one it keeps. */
static bool end_as(struct session *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static bool end_as(struct session *s, const char *fmt, ...)
{
	va_list ap;

	if (!*s->ended) {
		va_start(ap, fmt);
		vsnprintf(s->ended, sizeof(s->ended), fmt, ap);
		va_end(ap);
	}
	return true;
}

/* Moves what the ring holds into the file (past the cap or a write
 * error: drops it); true when the capture must end. */
static bool pull(struct session *s)
{
	struct rte_mbuf *m[DRAIN_BURST];
	bool full = false;
	unsigned n;
	int k;

	for (unsigned i = 0; i < RING_SIZE / DRAIN_BURST; i++) {
		n = rte_ring_dequeue_burst(s->ring, (void **)m, DRAIN_BURST, NULL);
		if (!n)
			break;
		if (s->spill) {
			rte_pktmbuf_free_bulk(m, n);
			dropped(s, n);
			continue;
		}
		k = capfile_write(&s->file, m, n, &full);
		if (k < 0) {
			s->spill = end_as(s, "write error: %s", strerror(errno));
			dropped(s, n);
			continue;
		}
		s->written += k;
		dropped(s, n - k);
		if (full)
			s->spill = end_as(s, "size cap reached (capture_max_mb %lu)",
					  (unsigned long)(s->file.max_bytes >> 20));
	}
	if (s->limit && s->written + __atomic_load_n(&s->dropped, __ATOMIC_RELAXED) >= s->limit)
		end_as(s, "count reached");
	return *s->ended;
}

static const char *port_name(const struct dp *dp, const struct session *s)
{
	return dp->port[s->idx].conf->name;
}

/* Ends a running capture: callbacks out, workers waited past, the
 * ring drained, the file closed. */
static void finish(const struct dp *dp, struct session *s, const char *why)
{
	if (why)
		end_as(s, "%s", why);
	s->running = false;
	if (uninstall(s) < 0) {
		s->stuck = true;
		dp_log(LOG_ERR, "capture on %s: a worker did not answer; its buffers are kept",
		       port_name(dp, s));
	} else {
		pull(s);
	}
	capfile_close(&s->file, s->port, s->seen, s->dropped);
	if (!s->stuck)
		release(s);
	dp_log(LOG_INFO, "capture on %s into %s ended (%s): %lu frames, %lu dropped, %lu bytes",
	       port_name(dp, s), s->file.path, s->ended, s->written, s->dropped,
	       s->file.bytes);
}

static int make_buffers(struct session *s, const struct dp_port *p, struct shmib_err *why)
{
	uint32_t frame = RTE_MIN(s->snaplen, (uint32_t)p->conf->mtu + FRAME_EXTRA);
	char name[RTE_MEMPOOL_NAMESIZE];
	unsigned g = generation++;

	/* The workers allocate and the main lcore frees: no cache. */
	snprintf(name, sizeof(name), "capp%u_%u", s->idx, g);
	s->pool = rte_pktmbuf_pool_create(name, POOL_SIZE, 0, 0,
					  rte_pcapng_mbuf_size(frame), p->socket);
	snprintf(name, sizeof(name), "capr%u_%u", s->idx, g);
	if (s->pool)
		s->ring = rte_ring_create(name, RING_SIZE, p->socket, RING_F_SC_DEQ);
	if (!s->ring)
		return shmib_fail(why, "no memory for the capture's %u buffers: %s",
				  POOL_SIZE, rte_strerror(rte_errno));
	return 0;
}

/* The pcapng section's comment: what was asked, the filter in full. */
static void comment(const struct dp *dp, const struct session *s, char *buf, size_t len)
{
	snprintf(buf, len, "port %s (%s), %s%s%s", port_name(dp, s),
		 dp->port[s->idx].conf->descr, capreq_dir_name(s->req.dir),
		 *s->req.filter ? ", filter " : "", s->req.filter);
}

static struct session *open_session(const struct dp *dp, const struct dp_port *p,
				    const struct capreq *req, struct shmib_err *why)
{
	struct session *s = calloc(1, sizeof(*s));
	char text[CAPREQ_FILTER_MAX + 2 * DP_VALUE_MAX];
	struct timespec t;

	if (!s)
		return shmib_fail(why, "out of memory"), NULL;
	s->req = *req;
	s->idx = p->idx;
	s->port = p->id;
	s->nq = p->nq;
	s->snaplen = req->snaplen;
	s->limit = req->count;
	clock_gettime(CLOCK_REALTIME, &t);
	s->ns0 = t.tv_sec * NS_PER_S + t.tv_nsec;
	s->tsc0 = rte_get_tsc_cycles();
	strlcpy(s->dir, dp->cfg->capture_dir, sizeof(s->dir));
	comment(dp, s, text, sizeof(text));
	if (capfilter_compile(&s->filter, req->filter, req->snaplen, why) < 0 ||
	    make_buffers(s, p, why) < 0 ||
	    capfile_open(&s->file, s->dir, req->file,
			 (uint64_t)dp->cfg->capture_max_mb << 20, text, why) < 0)
		goto fail;
	if (install(s) < 0) {
		shmib_fail(why, "port %s: cannot add a callback: %s", port_name(dp, s),
			   rte_strerror(rte_errno));
		if (uninstall(s) < 0)
			return NULL;    /* leaked: a worker may still hold it */
		capfile_close(&s->file, s->port, 0, 0);
		unlink(s->file.path);
		goto fail;
	}
	s->running = true;
	return s;
fail:
	release(s);
	free(s);
	return NULL;
}

static void shown(struct rte_tel_data *d, const char *key, const char *v)
{
	char buf[SHOWN_MAX + 1];

	if (strlcpy(buf, v, sizeof(buf)) >= sizeof(buf))
		strcpy(buf + SHOWN_MAX - 3, "...");
	rte_tel_data_add_dict_string(d, key, buf);
}

static void status(const struct dp *dp, const struct session *s, struct rte_tel_data *d)
{
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_string(d, "port", port_name(dp, s));
	shown(d, "file", s->req.file);
	shown(d, "capture_dir", s->dir);
	rte_tel_data_add_dict_string(d, "dir", capreq_dir_name(s->req.dir));
	shown(d, "filter", s->req.filter);
	rte_tel_data_add_dict_u64(d, "count", s->limit);
	rte_tel_data_add_dict_u64(d, "snaplen", s->snaplen);
	rte_tel_data_add_dict_string(d, "state", s->running ? "running" : "ended");
	rte_tel_data_add_dict_string(d, "ended", s->ended);
	rte_tel_data_add_dict_u64(d, "frames_seen", __atomic_load_n(&s->seen, __ATOMIC_RELAXED));
	rte_tel_data_add_dict_u64(d, "frames_captured", s->written);
	rte_tel_data_add_dict_u64(d, "frames_dropped", __atomic_load_n(&s->dropped, __ATOMIC_RELAXED));
	rte_tel_data_add_dict_u64(d, "bytes_written", s->file.bytes);
}

static void forget(struct session *s)
{
	if (s && !s->stuck)
		free(s);
}

int monitor_start(struct dp *dp, const char *request, struct rte_tel_data *d)
{
	struct shmib_err why;
	struct capreq req;
	struct dp_port *p;
	struct session *s;

	if (capreq_parse(request, &req, &why) < 0)
		return fail(d, "%s", why.msg);
	p = port_find(dp->port, dp->nports, req.port);
	if (!p)
		return fail(d, "no port %s", req.port);
	s = sessions[p->idx];
	if (s && s->running)
		return fail(d, "port %s is busy: capturing into %s (/shmib/capture_stop,%s ends it)",
			    p->conf->name, s->req.file, p->conf->name);
	s = open_session(dp, p, &req, &why);
	if (!s)
		return fail(d, "%s", why.msg);
	forget(sessions[p->idx]);
	sessions[p->idx] = s;
	dp_log(LOG_INFO, "capture on %s (%s) into %s started%s%s", p->conf->name,
	       capreq_dir_name(req.dir), s->file.path, *req.filter ? ": " : "",
	       req.filter);
	status(dp, s, d);
	return 0;
}

int monitor_stop(struct dp *dp, const char *port, struct rte_tel_data *d)
{
	struct dp_port *p = port_find(dp->port, dp->nports, port);
	struct session *s = p ? sessions[p->idx] : NULL;

	if (!p)
		return fail(d, "no port %s", port);
	if (!s || !s->running)
		return fail(d, "no capture running on port %s", p->conf->name);
	finish(dp, s, "stopped over telemetry");
	status(dp, s, d);
	return 0;
}

void monitor_list(struct dp *dp, struct rte_tel_data *d)
{
	rte_tel_data_start_dict(d);
	for (unsigned i = 0; i < dp->nports; i++) {
		struct rte_tel_data *c;

		if (!sessions[i] || !(c = rte_tel_data_alloc()))
			continue;
		status(dp, sessions[i], c);
		rte_tel_data_add_dict_container(d, dp->port[i].conf->name, c, 0);
	}
}

void monitor_drain(struct dp *dp)
{
	for (unsigned i = 0; i < dp->nports; i++) {
		struct session *s = sessions[i];

		if (s && s->running && pull(s))
			finish(dp, s, NULL);
	}
}

void monitor_stop_all(struct dp *dp)
{
	for (unsigned i = 0; i < dp->nports; i++) {
		struct session *s = sessions[i];

		if (s && s->running)
			finish(dp, s, "the dataplane stopped");
		forget(s);
		sessions[i] = NULL;
	}
}
