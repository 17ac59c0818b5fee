/*
 * EAL and an mbuf pool for the L2VPN unit tests: no hugepages, no PCI,
 * no shared config files, a file prefix of our own.  Each test runs in its own
 * process (criterion forks), so each initialises EAL itself.
 */
#ifndef TEST_L2VPN_EAL_H
#define TEST_L2VPN_EAL_H

#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include <rte_eal.h>
#include <rte_mbuf.h>

static struct rte_mempool *pool;

static void eal_setup(void)
{
	char prefix[64];

	snprintf(prefix, sizeof(prefix), "l2vpn-unit-%d", getpid());
	char *argv[] = { "unit", "--no-huge", "--no-pci", "--no-shconf",
			 "-m", "256", "--file-prefix", prefix,
			 "--log-level", "lib.eal:error", "--no-telemetry", NULL };
	int argc = sizeof(argv) / sizeof(argv[0]) - 1;

	cr_assert(rte_eal_init(argc, argv) >= 0, "rte_eal_init failed");
	pool = rte_pktmbuf_pool_create("unit", 1023, 0, 0,
				       RTE_MBUF_DEFAULT_BUF_SIZE, SOCKET_ID_ANY);
	cr_assert(pool, "no mbuf pool");
}

/* EAL leaves its (empty, with --no-shconf) runtime directory behind. */
static void eal_teardown(void)
{
	char dir[PATH_MAX];

	snprintf(dir, sizeof(dir), "%s", rte_eal_get_runtime_dir());
	rte_mempool_free(pool);
	rte_eal_cleanup();
	rmdir(dir);
}

/* A fresh mbuf holding LEN bytes of DATA. */
static inline struct rte_mbuf *mbuf_of(const void *data, size_t len)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(pool);

	cr_assert(m);
	memcpy(rte_pktmbuf_append(m, len), data, len);
	return m;
}

/* Asserts M holds exactly the LEN bytes of WANT. */
static inline void assert_frame(const struct rte_mbuf *m, const void *want,
				size_t len)
{
	cr_assert_eq(rte_pktmbuf_pkt_len(m), len, "length %u, want %zu",
		     rte_pktmbuf_pkt_len(m), len);
	const uint8_t *got = rte_pktmbuf_mtod(m, const uint8_t *);
	for (size_t i = 0; i < len; i++)
		cr_assert_eq(got[i], ((const uint8_t *)want)[i],
			     "byte %zu: 0x%02x, want 0x%02x", i, got[i],
			     ((const uint8_t *)want)[i]);
}

#endif
