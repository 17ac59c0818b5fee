/*
 * An IPv6 or IPv4 address as the uplink and the pseudowires use it:
 * the family and the address in network byte order (IPv4 in the first
 * four bytes, the rest zero so addresses compare with memcmp).
 */
#ifndef SHMIB_L2VPN_ADDR_H
#define SHMIB_L2VPN_ADDR_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/socket.h>

#define ADDR_STRLEN 46          /* INET6_ADDRSTRLEN */

struct addr {
	uint8_t af;             /* AF_INET6 or AF_INET */
	uint8_t a[16];
};

/* Parses TEXT (IPv6 or dotted IPv4); -1 if it is neither. */
int addr_parse(const char *text, struct addr *out);

/* The address as text into BUF (ADDR_STRLEN bytes); returns BUF. */
const char *addr_str(const struct addr *x, char *buf);

/* Bytes of the address: 16 or 4. */
unsigned addr_len(const struct addr *x);

bool addr_eq(const struct addr *x, const struct addr *y);

/* NULL when X can be a tunnel end (a unicast address), else what it
 * is: unspecified, loopback, multicast, broadcast or reserved. */
const char *addr_unicast_problem(const struct addr *x);

#endif
