/*
 * See telemetry.h.  The commands are a table; each parses its
 * parameters ("NAME" or "NAME,START") and hands the work to the lcore
 * that owns the state.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_ethdev.h>
#include <rte_lcore.h>
#include <rte_telemetry.h>

#include "dataplane/l2vpn/conf.h"
#include "dataplane/l2vpn/show.h"
#include "dataplane/capreq.h"
#include "dataplane/lcall.h"
#include "dataplane/monitor.h"
#include "dataplane/stats.h"
#include "dataplane/telemetry.h"
#include "profiles.h"

#define MAIN_TIMEOUT_MS 1000

static struct dp *the_dp;

/* The parameters: a name and an optional start after a comma; or, for
 * the captures, the whole string (ARG). */
struct params {
	char name[DP_NAME_MAX];
	unsigned start;
	const char *arg;
};

static int parse(const char *p, struct params *out, bool need_name)
{
	const char *comma = p ? strchr(p, ',') : NULL;
	size_t len = comma ? (size_t)(comma - p) : p ? strlen(p) : 0;
	char *end;

	memset(out, 0, sizeof(*out));
	if (len >= sizeof(out->name) || (need_name && !len))
		return -1;
	if (len)
		memcpy(out->name, p, len);
	if (comma) {
		unsigned long v = strtoul(comma + 1, &end, 10);
		if (*end || end == comma + 1 || v > UINT32_MAX)
			return -1;
		out->start = v;
	}
	return 0;
}

/* On the main lcore. */
struct main_call {
	int (*fn)(const struct params *p, struct rte_tel_data *d);
	const struct params *p;
	struct rte_tel_data *d;
	int rc;
};

static void on_main(void *arg)
{
	struct main_call *c = arg;

	c->rc = c->fn(c->p, c->d);
}

static int run_on_main(int (*fn)(const struct params *, struct rte_tel_data *),
		       const struct params *p, struct rte_tel_data *d)
{
	struct main_call c = { fn, p, d, -1 };

	if (lcall_run(rte_get_main_lcore(), on_main, &c, MAIN_TIMEOUT_MS) < 0)
		return -1;
	return c.rc;
}

static int ports(const struct params *p, struct rte_tel_data *d)
{
	(void)p;
	rte_tel_data_start_array(d, RTE_TEL_STRING_VAL);
	for (unsigned i = 0; i < the_dp->nports; i++)
		rte_tel_data_add_array_string(d, the_dp->port[i].conf->name);
	return 0;
}

static void add_counter(void *d, const char *name, uint64_t v)
{
	rte_tel_data_add_dict_u64(d, name, v);
}

static int port(const struct params *p, struct rte_tel_data *d)
{
	const struct dp_port *dp = port_find(the_dp->port, the_dp->nports, p->name);
	struct rte_eth_link link = { 0 };
	struct if_counters c;
	uint16_t mtu = 0;

	if (!dp)
		return -1;
	rte_eth_link_get_nowait(dp->id, &link);
	rte_eth_dev_get_mtu(dp->id, &mtu);
	stats_read(dp, &c);
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_string(d, "name", dp->conf->name);
	rte_tel_data_add_dict_u64(d, "ethdev", dp->id);
	rte_tel_data_add_dict_string(d, OBJ_ifDescr, dp->conf->descr);
	rte_tel_data_add_dict_string(d, OBJ_ifName, dp->conf->ifname);
	rte_tel_data_add_dict_string(d, OBJ_ifAlias, dp->conf->alias);
	rte_tel_data_add_dict_string(d, "link", link.link_status ? "up" : "down");
	rte_tel_data_add_dict_u64(d, "speed_mbps",
		link.link_speed == RTE_ETH_SPEED_NUM_UNKNOWN ? 0 : link.link_speed);
	rte_tel_data_add_dict_u64(d, "mtu", mtu);
	rte_tel_data_add_dict_string(d, "xconnect", dp->conf->xconnect_name);
	/* Named as the IF-MIB objects they are published as. */
	ifseg_each_counter(&c, add_counter, d);
	return 0;
}

static void add_names(struct rte_tel_data *d, const char *key, const char *names,
		      size_t stride, unsigned n)
{
	struct rte_tel_data *a = rte_tel_data_alloc();

	if (!a)
		return;
	rte_tel_data_start_array(a, RTE_TEL_STRING_VAL);
	for (unsigned i = 0; i < n; i++)
		rte_tel_data_add_array_string(a, names + i * stride);
	rte_tel_data_add_dict_container(d, key, a, 0);
}

static int config(const struct params *p, struct rte_tel_data *d)
{
	const struct dp_config *c = the_dp->cfg;
	const struct l2vpn_conf *l = c->l2vpn;

	(void)p;
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_string(d, "file", c->file);
	rte_tel_data_add_dict_string(d, "shmem_dir", c->shmem_dir);
	rte_tel_data_add_dict_u64(d, "publish_interval_ms", c->publish_ms);
	rte_tel_data_add_dict_u64(d, "mbufs", c->mbufs);
	add_names(d, "ports", c->port[0].name, sizeof(c->port[0]), c->nports);
	if (!l)
		return 0;
	add_names(d, "uplinks", l->uplink[0].name, sizeof(l->uplink[0]), l->nuplinks);
	add_names(d, "vpls", l->vpls[0].name, sizeof(l->vpls[0]), l->nvpls);
	add_names(d, "pseudowires", l->pw[0].name, sizeof(l->pw[0]), l->npws);
	return 0;
}

/* A capture's errors are replies ({"error": why}), not nulls. */
static int capture_start(const struct params *p, struct rte_tel_data *d)
{
	monitor_start(the_dp, p->arg, d);
	return 0;
}

static int capture_stop(const struct params *p, struct rte_tel_data *d)
{
	monitor_stop(the_dp, p->arg, d);
	return 0;
}

static int captures(const struct params *p, struct rte_tel_data *d)
{
	(void)p;
	monitor_list(the_dp, d);
	return 0;
}

static int cmd_capture(const char *c, const char *p, struct rte_tel_data *d)
{
	static const struct {
		const char *cmd;
		int (*fn)(const struct params *, struct rte_tel_data *);
	} fns[] = {
		{ "/shmib/capture_start", capture_start },
		{ "/shmib/capture_stop", capture_stop },
		{ "/shmib/captures", captures },
	};
	struct params x = { .arg = p ? p : "" };

	for (size_t i = 0; i < sizeof(fns) / sizeof(fns[0]); i++)
		if (!strcmp(c, fns[i].cmd))
			return run_on_main(fns[i].fn, &x, d);
	return -1;
}

static int cmd_ports(const char *c, const char *p, struct rte_tel_data *d)
{
	struct params x;

	(void)c;
	if (parse(p, &x, false) < 0)
		return -1;
	return run_on_main(ports, &x, d);
}

static int cmd_port(const char *c, const char *p, struct rte_tel_data *d)
{
	struct params x;

	(void)c;
	if (parse(p, &x, true) < 0)
		return -1;
	return run_on_main(port, &x, d);
}

static int cmd_config(const char *c, const char *p, struct rte_tel_data *d)
{
	struct params x;

	(void)c;
	if (parse(p, &x, false) < 0)
		return -1;
	return run_on_main(config, &x, d);
}

static int cmd_pws(const char *c, const char *p, struct rte_tel_data *d)
{
	(void)c, (void)p;
	return l2vpn_show(SHOW_PW_LIST, NULL, 0, d);
}

static int cmd_pw(const char *c, const char *p, struct rte_tel_data *d)
{
	struct params x;

	(void)c;
	if (parse(p, &x, true) < 0)
		return -1;
	return l2vpn_show(SHOW_PW, x.name, 0, d);
}

static int cmd_filter(const char *c, const char *p, struct rte_tel_data *d)
{
	struct params x;

	(void)c;
	if (parse(p, &x, true) < 0)
		return -1;
	return l2vpn_show(SHOW_FILTER, x.name, 0, d);
}

static int cmd_vpls(const char *c, const char *p, struct rte_tel_data *d)
{
	struct params x;

	(void)c;
	if (parse(p, &x, false) < 0)
		return -1;
	return l2vpn_show(*x.name ? SHOW_VPLS : SHOW_VPLS_LIST, x.name, 0, d);
}

static int cmd_macs(const char *c, const char *p, struct rte_tel_data *d)
{
	struct params x;

	(void)c;
	if (parse(p, &x, true) < 0)
		return -1;
	return l2vpn_show(SHOW_MACS, x.name, x.start, d);
}

static const struct {
	const char *cmd;
	telemetry_cb fn;
	const char *help;
} cmds[] = {
	{ "/shmib/ports", cmd_ports, "Port names. No parameters" },
	{ "/shmib/port", cmd_port, "A port: device, link, counters. Parameter: port name" },
	{ "/shmib/pseudowires", cmd_pws, "Pseudowire names. No parameters" },
	{ "/shmib/pseudowire", cmd_pw, "A pseudowire: peer, tunnel, status, control channel, counters. Parameter: name" },
	{ "/shmib/capture_filter", cmd_filter, "BPF selecting a pseudowire's frames on its uplink (dpdk-dumpcap -f). Parameter: pseudowire name" },
	{ "/shmib/vpls", cmd_vpls, "VPLS names; with a name, that VPLS. Parameter: [name]" },
	{ "/shmib/macs", cmd_macs, "A page of a VPLS's MAC table (\"next\": where the next page starts, -1 at the end). Parameters: vpls[,start]" },
	{ "/shmib/config", cmd_config, "The configuration in force. No parameters" },
	{ "/shmib/capture_start", cmd_capture, "Captures a port into capture_dir. Parameters: " CAPREQ_USAGE },
	{ "/shmib/capture_stop", cmd_capture, "Stops the capture on a port: its final counts. Parameter: port" },
	{ "/shmib/captures", cmd_capture, "Captures running or ended, by port: frames, drops, bytes. No parameters" },
};

void telemetry_start(struct dp *dp)
{
	the_dp = dp;
	for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		rte_telemetry_register_cmd(cmds[i].cmd, cmds[i].fn, cmds[i].help);
}
