/*
 * Frames written as hex text in the L2VPN unit tests, so each header
 * reads field by field against its RFC layout.  Spaces are ignored.
 */
#ifndef TEST_L2VPN_HEX_H
#define TEST_L2VPN_HEX_H

#include <ctype.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

/* Appends the bytes of hex text S to OUT at *LEN. */
static inline void hex(uint8_t *out, size_t *len, const char *s)
{
	char b[3] = { 0 };

	for (; *s; s++) {
		if (isspace((unsigned char)*s))
			continue;
		b[0] = s[0];
		b[1] = s[1];
		out[(*len)++] = strtoul(b, NULL, 16);
		s++;
	}
}

/* The customer frame of the tests: 02:..:02 <- 02:..:01, IPv4
 * ethertype, 46 payload bytes 0x00..0x2d: 60 bytes. */
static inline size_t inner_frame(uint8_t *out)
{
	size_t n = 0;

	hex(out, &n, "020000000002 020000000001 0800");
	for (int i = 0; i < 46; i++)
		out[n++] = i;
	return n;
}

#endif
