/* shmib-exporter's output buffer (label values escaped, invalid UTF-8
 * replaced, numbers) and its choice of format from the Accept header. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "exporter/exporter.h"

static void label_is(const char *in, size_t len, const char *out)
{
	struct text t = { 0 };

	text_label_value(&t, in, len);
	cr_assert(!t.failed);
	cr_expect_eq(t.len, strlen(out));
	cr_expect_str_eq(t.p, out);
	free(t.p);
}

Test(exporter, label_escapes)
{
	label_is("plain", 5, "plain");
	label_is("a\"b\\c\nd", 7, "a\\\"b\\\\c\\nd");
	label_is("", 0, "");
}

Test(exporter, label_utf8)
{
	label_is("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", 14, "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80");
	label_is("a\xff" "b", 3, "a\xef\xbf\xbd" "b");
	label_is("\xc0\xaf", 2, "\xef\xbf\xbd\xef\xbf\xbd");          /* overlong */
	label_is("\xed\xa0\x80", 3, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"); /* surrogate */
	label_is("x\xe2\x82", 3, "x\xef\xbf\xbd\xef\xbf\xbd");        /* cut short */
}

Test(exporter, numbers_and_growth)
{
	struct text t = { 0 };

	text_u64(&t, 0);
	text_put(&t, " ", 1);
	text_u64(&t, UINT64_MAX);
	cr_expect_str_eq(t.p, "0 18446744073709551615");
	for (int i = 0; i < 10000; i++)
		text_printf(&t, "%d,", i);
	cr_expect(!t.failed);
	cr_expect_str_eq(t.p + t.len - 10, "9998,9999,");
	cr_expect_eq(strlen(t.p), t.len);
	free(t.p);
}

/* Room made beforehand (the last body's length) takes what is written
 * without moving; none asked for allocates nothing. */
Test(exporter, reserve)
{
	struct text t = { 0 };
	const char *p;

	text_reserve(&t, 0);
	cr_expect_null(t.p);
	text_reserve(&t, 1 << 20);
	cr_assert(!t.failed && t.p);
	cr_expect_eq(t.len, 0);
	cr_expect_gt(t.cap, 1 << 20);
	p = t.p;
	for (int i = 0; i < (1 << 20) / 8; i++)
		text_put(&t, "1234567", 7);
	text_printf(&t, "%s", "end");
	cr_expect_eq(t.p, p);
	cr_expect_eq(t.len, (size_t)(1 << 20) / 8 * 7 + 3);
	cr_expect_str_eq(t.p + t.len - 6, "567end");
	free(t.p);
}

#define OM "application/openmetrics-text"
#define TEXT "text/plain"

Test(exporter, accept)
{
	/* Prometheus 2.42's header. */
	cr_expect(accept_prefers(OM ";version=1.0.0," OM ";version=0.0.1;q=0.75,"
				 TEXT ";version=0.0.4;q=0.5,*/*;q=0.1", OM, TEXT));
	cr_expect(!accept_prefers(NULL, OM, TEXT));
	cr_expect(!accept_prefers("*/*", OM, TEXT));
	cr_expect(!accept_prefers(TEXT ";q=0.9, " OM ";q=0.5", OM, TEXT));
	cr_expect(accept_prefers(OM, OM, TEXT));
	cr_expect(accept_prefers(TEXT ";q=0.2, " OM "; q=0.3", OM, TEXT));
	cr_expect(!accept_prefers("application/openmetrics-textual", OM, TEXT));
	cr_expect(!accept_prefers(OM ";q=0", OM, TEXT));
}
