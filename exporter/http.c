/*
 * HTTP by libmicrohttpd: GET (or HEAD) /metrics answers a scrape; any
 * other path 404, any other method 405.  One internal polling thread
 * runs every connection (see exporter.h); a connection idle for
 * CONN_TIMEOUT seconds, half a request or none, is closed, so clients
 * that never finish cost a slot for that long and nothing else.
 *
 * The format follows the Accept header: OpenMetrics 1.0.0 when the
 * client prefers it (higher q than text/plain, as Prometheus asks),
 * the Prometheus text format 0.0.4 otherwise.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include <microhttpd.h>

#include "exporter/exporter.h"

#define CONN_TIMEOUT 10         /* seconds */
#define CONN_LIMIT   64

#define CT_TEXT "text/plain; version=0.0.4; charset=utf-8"
#define CT_OM   "application/openmetrics-text; version=1.0.0; charset=utf-8"

/* A body is freed once sent: kept for the next scrape, it would hold
 * its tens of MB (40 at 10,000 interfaces) of the exporter's memory
 * between scrapes to spare the next one the first touch of its pages.
 * The next body starts with room for the last one's length and those
 * pages mapped in one call (text_reserve), cheaper than a fault per
 * page (figures in NOTES.md). */
struct http {
	struct MHD_Daemon *d;
	struct exporter *ex;
	size_t last_len;                /* of the last body rendered */
};

static enum MHD_Result message(struct MHD_Connection *c, unsigned status,
			       const char *text)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(
		strlen(text), (void *)text, MHD_RESPMEM_PERSISTENT);
	enum MHD_Result rc;

	if (!r)
		return MHD_NO;
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, "text/plain; charset=utf-8");
	if (status == MHD_HTTP_METHOD_NOT_ALLOWED)
		MHD_add_response_header(r, MHD_HTTP_HEADER_ALLOW, "GET, HEAD");
	rc = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return rc;
}

/* A response body, freed once sent. */
static void give_back(void *cls)
{
	struct text *t = cls;

	free(t->p);
	free(t);
}

static enum MHD_Result scrape(struct http *h, struct MHD_Connection *c)
{
	const char *accept = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
							 MHD_HTTP_HEADER_ACCEPT);
	bool om = accept_prefers(accept, "application/openmetrics-text", "text/plain");
	struct text *b = calloc(1, sizeof *b);
	struct MHD_Response *r = NULL;
	enum MHD_Result rc;

	if (b) {
		text_reserve(b, h->last_len + h->last_len / 64);
		render(h->ex, b, om);
		h->last_len = b->len;
		if (!b->failed)
			r = MHD_create_response_from_buffer_with_free_callback_cls(
				b->len, b->p, give_back, b);
		if (!r)
			give_back(b);
	}
	if (!r) {
		log_msg(LOG_ERR, "out of memory rendering a scrape\n");
		return message(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory\n");
	}
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, om ? CT_OM : CT_TEXT);
	rc = MHD_queue_response(c, MHD_HTTP_OK, r);
	MHD_destroy_response(r);
	return rc;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c,
				  const char *url, const char *method,
				  const char *version, const char *upload,
				  size_t *upload_size, void **state)
{
	static int first_call;

	(void)version, (void)upload;
	/* Called first with the headers only; the answer waits for the
	 * whole request (a body, which is ignored). */
	if (!*state) {
		*state = &first_call;
		return MHD_YES;
	}
	if (*upload_size) {
		*upload_size = 0;
		return MHD_YES;
	}
	if (strcmp(url, "/metrics"))
		return message(c, MHD_HTTP_NOT_FOUND, "not found; metrics are at /metrics\n");
	if (strcmp(method, MHD_HTTP_METHOD_GET) && strcmp(method, MHD_HTTP_METHOD_HEAD))
		return message(c, MHD_HTTP_METHOD_NOT_ALLOWED, "only GET and HEAD\n");
	return scrape(cls, c);
}

static void on_error(void *cls, const char *fmt, va_list ap)
{
	char msg[512];

	(void)cls;
	vsnprintf(msg, sizeof msg, fmt, ap);
	log_msg(LOG_WARNING, "http: %s%s", msg, strchr(msg, '\n') ? "" : "\n");
}

struct http *http_start(struct exporter *ex, int fd)
{
	struct http *h = calloc(1, sizeof *h);

	if (!h)
		return NULL;
	h->ex = ex;
	h->d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL |
				MHD_USE_ERROR_LOG, 0, NULL, NULL, on_request, h,
				MHD_OPTION_EXTERNAL_LOGGER, on_error, NULL,
				MHD_OPTION_LISTEN_SOCKET, fd,
				MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)CONN_TIMEOUT,
				MHD_OPTION_CONNECTION_LIMIT, (unsigned)CONN_LIMIT,
				MHD_OPTION_END);
	if (!h->d) {
		free(h);
		return NULL;
	}
	return h;
}

void http_stop(struct http *h)
{
	if (!h)
		return;
	MHD_stop_daemon(h->d);
	free(h);
}
