/*
 * See show.h.  Replies stay under the telemetry socket's output limit
 * (16 KiB in DPDK 22.11): lists of at most L2VPN_PWS_MAX names, one
 * object a reply, MAC tables a page of SHOW_MACS_PAGE entries with
 * where the next page starts.  A page is found by walking the table
 * from its start, on the worker: a client reading a table of 100,000
 * entries page by page holds it up about a millisecond a page.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "dataplane/l2vpn/internal.h"
#include "dataplane/l2vpn/show.h"
#include "dataplane/lcall.h"

#define WORKER_TIMEOUT_MS 1000

static int find_pw(const char *name)
{
	for (unsigned i = 0; i < l2vpn->conf->npws; i++)
		if (!strcmp(l2vpn->conf->pw[i].name, name))
			return i;
	return -1;
}

static int find_vpls(const char *name)
{
	for (unsigned i = 0; i < l2vpn->conf->nvpls; i++)
		if (!strcmp(l2vpn->conf->vpls[i].name, name))
			return i;
	return -1;
}

void l2vpn_capture_filter(const struct l2vpn *s, unsigned i, char *buf, size_t len)
{
	const struct pw_conf *pc = &s->conf->pw[i];
	const struct tunnel *t = &pc->tunnel;
	const struct addr *local = &s->conf->uplink[s->pw[i].uplink].addr;
	bool v6 = local->af == AF_INET6;
	const char *ip = v6 ? "ip6" : "ip";
	unsigned hdr = v6 ? 40 : 20;    /* we send IPv4 without options */
	char me[ADDR_STRLEN], peer[ADDR_STRLEN], in[48] = "", out[48] = "";

	addr_str(local, me);
	addr_str(&pc->peer, peer);
	t->ops->filter(t, false, ip, hdr, in, sizeof(in));
	t->ops->filter(t, true, ip, hdr, out, sizeof(out));
	snprintf(buf, len, "%s proto %u and ((%s src %s and %s dst %s%s) or (%s src %s and %s dst %s%s))",
		 ip, t->ops->proto, ip, peer, ip, me, in, ip, me, ip, peer, out);
}

static const char *heartbeat_state(const struct rt_pw *pw)
{
	if (!pw->cc.heartbeat)
		return "off";
	if (!pw->st.last_rx)
		return "nothing received";
	return pw->st.up ? "receiving" : "down";
}

static int show_pw(const char *name, unsigned start, struct rte_tel_data *d)
{
	int i = find_pw(name);
	const struct rt_pw *pw;
	const struct pw_conf *pc;
	char buf[512];

	(void)start;
	if (i < 0)
		return -1;
	pw = &l2vpn->pw[i];
	pc = pw->conf;
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_string(d, "name", pc->name);
	rte_tel_data_add_dict_string(d, "vpls", l2vpn->conf->vpls[pw->vpls].name);
	rte_tel_data_add_dict_string(d, "uplink", l2vpn->conf->uplink[pw->uplink].name);
	rte_tel_data_add_dict_string(d, "peer", addr_str(&pc->peer, buf));
	pc->tunnel.ops->describe(&pc->tunnel, buf, sizeof(buf));
	rte_tel_data_add_dict_string(d, "tunnel", buf);
	rte_tel_data_add_dict_u64(d, "vc_id", pc->vc_id);
	rte_tel_data_add_dict_string(d, "oper_status", pw->sh.up ? "up" : "down");
	rte_tel_data_add_dict_string(d, "status_reason", pw->st.why);
	rte_tel_data_add_dict_u64(d, "heartbeat", pw->cc.heartbeat);
	rte_tel_data_add_dict_u64(d, "dead_factor", pw->cc.dead_factor);
	rte_tel_data_add_dict_string(d, "heartbeat_state", heartbeat_state(pw));
	rte_tel_data_add_dict_u64(d, "last_heartbeat", pw->st.last_rx);
	rte_tel_data_add_dict_u64(d, "remote_heartbeat", pw->st.remote_heartbeat);
	rte_tel_data_add_dict_u64(d, "remote_mtu", pw->st.remote_mtu);
	rte_tel_data_add_dict_string(d, "remote_if_string", pw->st.remote_ifstr);
	rte_tel_data_add_dict_u64(d, "in_packets", pw->sh.ctr.in_packets);
	rte_tel_data_add_dict_u64(d, "in_bytes", pw->sh.ctr.in_bytes);
	rte_tel_data_add_dict_u64(d, "out_packets", pw->sh.ctr.out_packets);
	rte_tel_data_add_dict_u64(d, "out_bytes", pw->sh.ctr.out_bytes);
	rte_tel_data_add_dict_u64(d, "errors", pw->sh.ctr.errors);
	return 0;
}

/* A single string: dictionary values stop at RTE_TEL_MAX_STRING_LEN. */
static int show_filter(const char *name, unsigned start, struct rte_tel_data *d)
{
	int i = find_pw(name);
	char buf[RTE_TEL_MAX_SINGLE_STRING_LEN];

	(void)start;
	if (i < 0)
		return -1;
	l2vpn_capture_filter(l2vpn, i, buf, sizeof(buf));
	return rte_tel_data_string(d, buf);
}

static int show_pw_list(const char *arg, unsigned start, struct rte_tel_data *d)
{
	(void)arg, (void)start;
	rte_tel_data_start_array(d, RTE_TEL_STRING_VAL);
	for (unsigned i = 0; i < l2vpn->conf->npws; i++)
		rte_tel_data_add_array_string(d, l2vpn->conf->pw[i].name);
	return 0;
}

static int show_vpls_list(const char *arg, unsigned start, struct rte_tel_data *d)
{
	(void)arg, (void)start;
	rte_tel_data_start_array(d, RTE_TEL_STRING_VAL);
	for (unsigned i = 0; i < l2vpn->conf->nvpls; i++)
		rte_tel_data_add_array_string(d, l2vpn->conf->vpls[i].name);
	return 0;
}

const char *l2vpn_bport_name(const struct l2vpn *s, const struct rt_vpls *v,
			     unsigned bport, char *buf, size_t len)
{
	int to = v->to[bport];
	const struct rt_ac *ac;

	if (to < 0)
		return s->conf->pw[~to].name;
	ac = &s->ac[to];
	if (ac->vlan)
		snprintf(buf, len, "%s.%u", s->cfg->port[ac->port].name, ac->vlan);
	else
		snprintf(buf, len, "%s", s->cfg->port[ac->port].name);
	return buf;
}

static const char *bport_name(const struct rt_vpls *v, unsigned bport,
			      char *buf, size_t len)
{
	return l2vpn_bport_name(l2vpn, v, bport, buf, len);
}

static void add_members(const struct rt_vpls *v, struct rte_tel_data *d)
{
	struct rte_tel_data *acs = rte_tel_data_alloc(), *pws = rte_tel_data_alloc();
	char buf[DP_NAME_MAX + 8];

	if (!acs || !pws) {
		rte_tel_data_free(acs);
		rte_tel_data_free(pws);
		return;
	}
	rte_tel_data_start_array(acs, RTE_TEL_STRING_VAL);
	rte_tel_data_start_array(pws, RTE_TEL_STRING_VAL);
	for (unsigned b = 0; b < v->br.nports; b++)
		rte_tel_data_add_array_string(v->to[b] < 0 ? pws : acs,
					      bport_name(v, b, buf, sizeof(buf)));
	rte_tel_data_add_dict_container(d, "acs", acs, 0);
	rte_tel_data_add_dict_container(d, "pseudowires", pws, 0);
}

static int show_vpls(const char *name, unsigned start, struct rte_tel_data *d)
{
	int i = find_vpls(name);
	const struct rt_vpls *v;
	const struct bridge_stats *st;

	(void)start;
	if (i < 0)
		return -1;
	v = &l2vpn->vpls[i];
	st = &v->br.stats;
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_string(d, "name", v->conf->name);
	rte_tel_data_add_dict_string(d, "description", v->conf->descr);
	rte_tel_data_add_dict_u64(d, "mtu", v->conf->mtu);
	rte_tel_data_add_dict_string(d, "uplink", l2vpn->conf->uplink[v->conf->uplink].name);
	rte_tel_data_add_dict_string(d, "mode", v->br.vpws ? "vpws" : "vpls");
	add_members(v, d);
	rte_tel_data_add_dict_u64(d, "mac_table_size", v->conf->mac_table);
	rte_tel_data_add_dict_u64(d, "mac_aging", v->conf->mac_aging);
	rte_tel_data_add_dict_u64(d, "mac_entries", bridge_count(&v->br));
	rte_tel_data_add_dict_u64(d, "fwd_full_high", v->conf->fwd_high);
	rte_tel_data_add_dict_u64(d, "fwd_full_low", v->conf->fwd_low);
	rte_tel_data_add_dict_u64(d, "learned", st->learned);
	rte_tel_data_add_dict_u64(d, "moved", st->moved);
	rte_tel_data_add_dict_u64(d, "aged", st->aged);
	rte_tel_data_add_dict_u64(d, "table_full", st->full);
	rte_tel_data_add_dict_u64(d, "flooded", st->flooded);
	rte_tel_data_add_dict_u64(d, "filtered", st->filtered);
	rte_tel_data_add_dict_u64(d, "mtu_drops", st->mtu_drops);
	return 0;
}

/* One page: "MAC PORT AGE" strings, the total and where the next page
 * starts ("next": -1 after the last). */
static int show_macs(const char *name, unsigned start, struct rte_tel_data *d)
{
	int i = find_vpls(name);
	const struct rt_vpls *v;
	struct rte_tel_data *macs;
	struct rte_ether_addr mac;
	uint64_t now = time(NULL), seen;
	unsigned port, n = 0, shown = 0;
	uint32_t it = 0;
	char name_buf[DP_NAME_MAX + 8], line[RTE_TEL_MAX_STRING_LEN];

	if (i < 0 || !(macs = rte_tel_data_alloc()))
		return -1;
	v = &l2vpn->vpls[i];
	rte_tel_data_start_array(macs, RTE_TEL_STRING_VAL);
	while (bridge_walk(&v->br, &it, &mac, &port, &seen) == 0) {
		if (n++ < start)
			continue;
		if (shown == SHOW_MACS_PAGE)
			break;
		snprintf(line, sizeof(line), "%02x:%02x:%02x:%02x:%02x:%02x %s %lu",
			 mac.addr_bytes[0], mac.addr_bytes[1], mac.addr_bytes[2],
			 mac.addr_bytes[3], mac.addr_bytes[4], mac.addr_bytes[5],
			 bport_name(v, port, name_buf, sizeof(name_buf)),
			 (unsigned long)(now > seen ? now - seen : 0));
		rte_tel_data_add_array_string(macs, line);
		shown++;
	}
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_string(d, "vpls", v->conf->name);
	rte_tel_data_add_dict_u64(d, "entries", bridge_count(&v->br));
	rte_tel_data_add_dict_u64(d, "start", start);
	rte_tel_data_add_dict_u64(d, "count", shown);
	rte_tel_data_add_dict_int(d, "next", shown == SHOW_MACS_PAGE &&
				  start + shown < bridge_count(&v->br) ? (int)(start + shown) : -1);
	rte_tel_data_add_dict_string(d, "format", "MAC PORT-OR-PSEUDOWIRE AGE-SECONDS");
	rte_tel_data_add_dict_container(d, "macs", macs, 0);
	return 0;
}

typedef int show_fn(const char *arg, unsigned start, struct rte_tel_data *d);

static show_fn *const shows[SHOW_N] = {
	[SHOW_PW_LIST] = show_pw_list,
	[SHOW_PW] = show_pw,
	[SHOW_FILTER] = show_filter,
	[SHOW_VPLS_LIST] = show_vpls_list,
	[SHOW_VPLS] = show_vpls,
	[SHOW_MACS] = show_macs,
};

struct show_call {
	show_fn *fn;
	const char *arg;
	unsigned start;
	struct rte_tel_data *d;
	int rc;
};

static void on_worker(void *arg)
{
	struct show_call *c = arg;

	c->rc = c->fn(c->arg, c->start, c->d);
}

int l2vpn_show(enum l2vpn_show what, const char *arg, unsigned start,
	       struct rte_tel_data *d)
{
	struct show_call c = { shows[what], arg ? arg : "", start, d, -1 };
	int worker = __atomic_load_n(&l2vpn_worker, __ATOMIC_ACQUIRE);

	if (worker < 0) {
		/* No L2VPN: empty lists, no objects. */
		if (what != SHOW_PW_LIST && what != SHOW_VPLS_LIST)
			return -1;
		return rte_tel_data_start_array(d, RTE_TEL_STRING_VAL);
	}
	if (lcall_run((unsigned)worker, on_worker, &c, WORKER_TIMEOUT_MS) < 0)
		return -1;
	return c.rc;
}
