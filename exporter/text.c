/* The output buffer of a scrape. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "exporter/exporter.h"

static bool reserve(struct text *t, size_t more)
{
	size_t cap = t->cap ? t->cap : 256;
	char *p;

	if (t->failed)
		return false;
	if (t->len + more < t->cap)
		return true;
	while (cap <= t->len + more)
		cap *= 2;
	p = realloc(t->p, cap);
	if (!p) {
		t->failed = true;
		return false;
	}
	t->p = p;
	t->cap = cap;
	return true;
}

void text_reserve(struct text *t, size_t more)
{
	uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE), from, to;

	if (!more || !reserve(t, more))
		return;
	from = ((uintptr_t)t->p + t->len + page - 1) & ~(page - 1);
	to = ((uintptr_t)t->p + t->len + more) & ~(page - 1);
	if (to > from)          /* advice: pages it leaves out fault in */
		madvise((void *)from, to - from, MADV_POPULATE_WRITE);
}

void text_put(struct text *t, const char *s, size_t len)
{
	if (!reserve(t, len + 1))
		return;
	memcpy(t->p + t->len, s, len);
	t->len += len;
	t->p[t->len] = '\0';
}

void text_u64(struct text *t, uint64_t v)
{
	char d[20];
	size_t n = 0;

	do
		d[sizeof d - ++n] = '0' + v % 10;
	while ((v /= 10));
	text_put(t, d + sizeof d - n, n);
}

void text_printf(struct text *t, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(t->p ? t->p + t->len : NULL, t->p ? t->cap - t->len : 0, fmt, ap);
	va_end(ap);
	if (n < 0 || (t->p && (size_t)n < t->cap - t->len)) {
		t->len += n > 0 ? n : 0;
		return;
	}
	if (!reserve(t, n + 1))
		return;
	va_start(ap, fmt);
	vsnprintf(t->p + t->len, t->cap - t->len, fmt, ap);
	va_end(ap);
	t->len += n;
}

/* Length of the valid UTF-8 sequence at S (of at most LEFT bytes), 0
 * if it is not one.  Overlongs and surrogates count as invalid. */
static size_t utf8_len(const unsigned char *s, size_t left)
{
	static const struct { unsigned char mask, lead, lo, hi; size_t n; } form[] = {
		{ 0xe0, 0xc0, 0x80, 0xbf, 2 },
		{ 0xf0, 0xe0, 0x80, 0xbf, 3 },
		{ 0xf8, 0xf0, 0x80, 0xbf, 4 },
	};

	for (size_t f = 0; f < sizeof form / sizeof form[0]; f++) {
		if ((s[0] & form[f].mask) != form[f].lead || left < form[f].n)
			continue;
		for (size_t i = 1; i < form[f].n; i++)
			if ((s[i] & 0xc0) != 0x80)
				return 0;
		if ((form[f].n == 2 && s[0] < 0xc2) ||
		    (form[f].n == 3 && ((s[0] == 0xe0 && s[1] < 0xa0) ||
					(s[0] == 0xed && s[1] > 0x9f))) ||
		    (form[f].n == 4 && ((s[0] == 0xf0 && s[1] < 0x90) ||
					s[0] > 0xf4 || (s[0] == 0xf4 && s[1] > 0x8f))))
			return 0;
		return form[f].n;
	}
	return 0;
}

void text_label_value(struct text *t, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;

	if (!reserve(t, 6 * len + 1))       /* every byte as U+FFFD, at worst */
		return;
	for (size_t i = 0; i < len; i++) {
		size_t n = u[i] < 0x80 ? 1 : utf8_len(u + i, len - i);
		char *o = t->p + t->len;

		if (u[i] == '\\' || u[i] == '"') {
			o[0] = '\\', o[1] = u[i], t->len += 2;
		} else if (u[i] == '\n') {
			o[0] = '\\', o[1] = 'n', t->len += 2;
		} else if (n == 0) {
			memcpy(o, "\xef\xbf\xbd", 3), t->len += 3;
		} else {
			memcpy(o, s + i, n), t->len += n;
			i += n - 1;
		}
	}
	t->p[t->len] = '\0';
}
