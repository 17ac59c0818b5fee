/*
 * libFuzzer target for the ifindex map parser (ifmap_parse).  Any input
 * must either be refused with a "FILE:..." message or give a map in
 * which the first word of every line maps to nothing or to an ifIndex
 * in 1..2147483647, never more entries than lines.  Anything else
 * aborts.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "subagents/common/ifmap.h"

#define FILE_NAME "fuzz.ifmap"

static void require(int ok)
{
	if (!ok)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data, *end = text + size;
	struct shmib_err err = { "" };
	size_t lines = 1;
	struct ifmap *m;

	m = ifmap_parse(FILE_NAME, text, size, &err);
	if (!m) {
		require(strncmp(err.msg, FILE_NAME ":", strlen(FILE_NAME ":")) == 0);
		return 0;
	}
	for (const char *p = text; p < end;) {
		const char *eol = memchr(p, '\n', end - p), *w = p, *we;
		uint32_t ix;

		eol = eol ? eol : end;
		while (w < eol && (*w == ' ' || *w == '\t'))
			w++;
		for (we = w; we < eol && !memchr(" \t\r#", *we, 4); we++)
			;
		ix = ifmap_lookup(m, w, we - w);
		require(ix <= 2147483647u);
		lines += eol < end;
		p = eol + 1;
	}
	require(ifmap_count(m) <= lines);
	ifmap_free(m);
	return 0;
}
