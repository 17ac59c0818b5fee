/*
 * See capfilter.h.
 */
#define ALLOW_EXPERIMENTAL_API  /* rte_bpf_convert */
#include <string.h>

#include <pcap/pcap.h>
#include <rte_bpf.h>
#include <rte_errno.h>
#include <rte_malloc.h>

#include "dataplane/capfilter.h"

#define SELECT_MAX 64

/* EXPR through libpcap into classic BPF, then eBPF. */
static struct rte_bpf_prm *convert(const char *expr, uint32_t snaplen,
				   struct shmib_err *why)
{
	pcap_t *p = pcap_open_dead(DLT_EN10MB, snaplen);
	struct rte_bpf_prm *prm = NULL;
	struct bpf_program prog;

	if (!p)
		return shmib_fail(why, "filter: libpcap unavailable"), NULL;
	if (pcap_compile(p, &prog, expr, 1, PCAP_NETMASK_UNKNOWN) < 0) {
		shmib_fail(why, "filter: %s", pcap_geterr(p));
		pcap_close(p);
		return NULL;
	}
	prm = rte_bpf_convert(&prog);
	if (!prm)
		shmib_fail(why, "filter: cannot convert to eBPF: %s",
			   rte_strerror(rte_errno));
	pcap_freecode(&prog);
	pcap_close(p);
	return prm;
}

int capfilter_compile(struct capfilter *f, const char *expr, uint32_t snaplen,
		      struct shmib_err *why)
{
	struct rte_bpf_prm *prm;
	struct rte_bpf_jit jit = { 0 };

	memset(f, 0, sizeof(*f));
	if (!*expr)
		return 0;
	prm = convert(expr, snaplen, why);
	if (!prm)
		return -1;
	f->bpf = rte_bpf_load(prm);
	rte_free(prm);
	if (!f->bpf)
		return shmib_fail(why, "filter: cannot load: %s",
				  rte_strerror(rte_errno));
	if (rte_bpf_get_jit(f->bpf, &jit) == 0)
		f->jit = jit.func;
	return 0;
}

unsigned capfilter_select(const struct capfilter *f, struct rte_mbuf **in,
			  unsigned n, struct rte_mbuf **out)
{
	uint64_t rc[SELECT_MAX];
	unsigned k = 0;

	if (!f->bpf) {
		memcpy(out, in, n * sizeof(*in));
		return n;
	}
	if (f->jit)
		for (unsigned i = 0; i < n; i++)
			rc[i] = f->jit(in[i]);
	else
		rte_bpf_exec_burst(f->bpf, (void **)in, rc, n);
	for (unsigned i = 0; i < n; i++)
		if (rc[i])
			out[k++] = in[i];
	return k;
}

void capfilter_free(struct capfilter *f)
{
	if (f->bpf)
		rte_bpf_destroy(f->bpf);
	memset(f, 0, sizeof(*f));
}
