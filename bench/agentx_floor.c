/*
 * bench-agentx-floor: the AgentX floor for the subagent benchmarks.
 *
 * A minimal AgentX subagent on the net-snmp agent library that serves
 * the shape of ifTable + ifXTable (same OIDs and SMI types, from the
 * object catalogue, rows 1..N) plus ifNumber and ifTableLastChange,
 * from a table filled once at start-up.  A request costs an OID
 * compare and an array load, so a walk through snmpd measures what the
 * master-subagent round trips alone cost for a given varbind count:
 * the floor any real subagent is compared against.
 *
 *   bench-agentx-floor -x SOCKET --rows N
 */
#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mibs/catalogue.h"

#define MAX_COLS 32

/* One conceptual table: entry OID, column types by column number. */
struct table {
	const char *name;
	oid entry[MIB_OID_MAX];
	size_t entry_len;
	unsigned ncols;
	enum mib_type type[MAX_COLS + 1];
};

static struct table if_table = { .name = "ifTable" };
static struct table ifx_table = { .name = "ifXTable" };
static unsigned rows;
static uint64_t *values;            /* rows x MAX_COLS, 1-based row */
static char (*names)[16];           /* the OCTET STRING of each row */
static const oid spec_zero[] = { 0, 0 };
static const oid if_number[] = { 1, 3, 6, 1, 2, 1, 2, 1, 0 };
static const oid if_last_change[] = { 1, 3, 6, 1, 2, 1, 31, 1, 5, 0 };
static volatile sig_atomic_t stop;

/* Fills a table's columns from the catalogue entries naming it. */
static void table_from_catalogue(struct table *t)
{
	for (size_t i = 0; i < mib_catalogue_len; i++) {
		const struct mib_object *o = &mib_catalogue[i];
		if (strcmp(o->table, t->name) != 0 || !mib_readable(o))
			continue;
		unsigned col = o->oid[o->oid_len - 1];
		if (col > MAX_COLS)
			continue;
		t->entry_len = o->oid_len - 1;
		for (size_t k = 0; k < t->entry_len; k++)
			t->entry[k] = o->oid[k];
		t->type[col] = o->type;
		if (col > t->ncols)
			t->ncols = col;
	}
}

static void fill_values(void)
{
	values = calloc((size_t)(rows + 1) * MAX_COLS, sizeof *values);
	names = calloc(rows + 1, sizeof *names);
	if (!values || !names) {
		perror("bench-agentx-floor");
		exit(1);
	}
	for (unsigned r = 1; r <= rows; r++) {
		for (unsigned c = 0; c < MAX_COLS; c++)
			values[(size_t)r * MAX_COLS + c] = (uint64_t)r * 1000003u + c;
		snprintf(names[r], sizeof names[r], "floor%u", r);
	}
}

static void set_scalar(netsnmp_variable_list *vb, uint32_t v, u_char asn)
{
	snmp_set_var_typed_value(vb, asn, &v, sizeof v);
}

/* Puts the value of table cell (col,row) into the varbind. */
static void set_cell(netsnmp_variable_list *vb, const struct table *t,
		     unsigned col, unsigned row)
{
	uint64_t v = values[(size_t)row * MAX_COLS + col];
	struct counter64 c64 = { .high = v >> 32, .low = (uint32_t)v };

	switch (t->type[col]) {
	case MIB_COUNTER64:
		snmp_set_var_typed_value(vb, ASN_COUNTER64, &c64, sizeof c64);
		break;
	case MIB_OCTETSTR:
	case MIB_BITS:
		snmp_set_var_typed_value(vb, ASN_OCTET_STR, names[row], strlen(names[row]));
		break;
	case MIB_OBJECTID:
		snmp_set_var_typed_value(vb, ASN_OBJECT_ID, spec_zero, sizeof spec_zero);
		break;
	case MIB_INTEGER32:
		/* ifIndex is the row; enumerations cycle through 1, 2. */
		set_scalar(vb, col == 1 ? row : (uint32_t)(v % 2 + 1), ASN_INTEGER);
		break;
	case MIB_GAUGE32:
		set_scalar(vb, (uint32_t)v, ASN_GAUGE);
		break;
	case MIB_TIMETICKS:
		set_scalar(vb, (uint32_t)v, ASN_TIMETICKS);
		break;
	default:
		set_scalar(vb, (uint32_t)v, ASN_COUNTER);
	}
}

/* The instance (col,row) of the first cell after name, 0 when none. */
static int table_next(const struct table *t, const oid *name, size_t len,
		      unsigned *col, unsigned *row)
{
	size_t e = t->entry_len;
	size_t n = len < e ? len : e;
	int cmp = snmp_oid_compare(name, n, t->entry, n);

	if (cmp > 0 || rows == 0)
		return 0;
	/* Before the table, or a prefix of its entry OID. */
	if (cmp < 0 || len <= e || name[e] < 1) {
		*col = 1, *row = 1;
		return 1;
	}
	if (name[e] > t->ncols)
		return 0;
	*col = name[e];
	*row = len > e + 1 ? (unsigned)(name[e + 1] < rows ? name[e + 1] + 1 : 0) : 1;
	if (*row == 0)
		*col += 1, *row = 1;
	return *col <= t->ncols;
}

/* The cell an exact GET names, 0 when none. */
static int table_exact(const struct table *t, const oid *name, size_t len,
		       unsigned *col, unsigned *row)
{
	size_t e = t->entry_len;

	if (len != e + 2 || snmp_oid_compare(name, e, t->entry, e) != 0)
		return 0;
	*col = name[e], *row = name[e + 1];
	return *col >= 1 && *col <= t->ncols && *row >= 1 && *row <= rows;
}

/* Scalars and tables in OID order: ifNumber, ifTable, ifXTable,
 * ifTableLastChange. */
static int scalar_get(netsnmp_variable_list *vb, const oid *s, size_t slen,
		      uint32_t v, u_char asn, int next)
{
	int cmp = snmp_oid_compare(vb->name, vb->name_length, s, slen);

	if (next ? cmp >= 0 : cmp != 0)
		return 0;
	if (next)
		snmp_set_var_objid(vb, s, slen);
	set_scalar(vb, v, asn);
	return 1;
}

static int table_get(netsnmp_variable_list *vb, const struct table *t, int next)
{
	unsigned col, row;
	oid inst[MIB_OID_MAX + 2];

	if (!next)
		return table_exact(t, vb->name, vb->name_length, &col, &row) &&
		       (set_cell(vb, t, col, row), 1);
	if (!table_next(t, vb->name, vb->name_length, &col, &row))
		return 0;
	memcpy(inst, t->entry, t->entry_len * sizeof(oid));
	inst[t->entry_len] = col;
	inst[t->entry_len + 1] = row;
	snmp_set_var_objid(vb, inst, t->entry_len + 2);
	set_cell(vb, t, col, row);
	return 1;
}

static int answer(netsnmp_variable_list *vb, int next)
{
	return scalar_get(vb, if_number, OID_LENGTH(if_number), rows, ASN_INTEGER, next) ||
	       table_get(vb, &if_table, next) ||
	       table_get(vb, &ifx_table, next) ||
	       scalar_get(vb, if_last_change, OID_LENGTH(if_last_change), 0, ASN_TIMETICKS, next);
}

static int handler(netsnmp_mib_handler *h, netsnmp_handler_registration *reg,
		   netsnmp_agent_request_info *reqinfo, netsnmp_request_info *req)
{
	(void)h, (void)reg;
	for (; req; req = req->next) {
		int next = reqinfo->mode == MODE_GETNEXT;

		if (reqinfo->mode != MODE_GET && !next) {
			netsnmp_set_request_error(reqinfo, req, SNMP_ERR_NOTWRITABLE);
			continue;
		}
		/* An unanswered GETNEXT stays ASN_NULL: the master moves on. */
		if (!answer(req->requestvb, next) && !next)
			netsnmp_set_request_error(reqinfo, req, SNMP_NOSUCHINSTANCE);
	}
	return SNMP_ERR_NOERROR;
}

static void register_subtree(const char *name, const oid *root, size_t len)
{
	netsnmp_handler_registration *reg =
		netsnmp_create_handler_registration(name, handler, root, len,
						    HANDLER_CAN_RONLY);
	if (!reg || netsnmp_register_handler(reg) != MIB_REGISTERED_OK) {
		fprintf(stderr, "bench-agentx-floor: cannot register %s\n", name);
		exit(1);
	}
}

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static void usage(void)
{
	fprintf(stderr, "usage: bench-agentx-floor -x SOCKET --rows N\n");
	exit(2);
}

static void parse_args(int argc, char **argv, const char **sock)
{
	static const struct option opts[] = {
		{ "rows", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	int c;

	while ((c = getopt_long(argc, argv, "x:f", opts, NULL)) != -1) {
		if (c == 'x')
			*sock = optarg;
		else if (c == 'r')
			rows = (unsigned)strtoul(optarg, NULL, 10);
		else if (c != 'f')
			usage();
	}
	if (!*sock || optind != argc)
		usage();
}

int main(int argc, char **argv)
{
	static const oid interfaces[] = { 1, 3, 6, 1, 2, 1, 2 };
	static const oid if_mib[] = { 1, 3, 6, 1, 2, 1, 31 };
	const char *sock = NULL;

	parse_args(argc, argv, &sock);
	table_from_catalogue(&if_table);
	table_from_catalogue(&ifx_table);
	fill_values();

	snmp_enable_stderrlog();
	netsnmp_ds_set_boolean(NETSNMP_DS_APPLICATION_ID, NETSNMP_DS_AGENT_ROLE, 1);
	netsnmp_ds_set_string(NETSNMP_DS_APPLICATION_ID, NETSNMP_DS_AGENT_X_SOCKET, sock);
	netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DONT_PERSIST_STATE, 1);
	netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DISABLE_PERSISTENT_LOAD, 1);
	init_agent("bench-agentx-floor");
	register_subtree("floor-interfaces", interfaces, OID_LENGTH(interfaces));
	register_subtree("floor-ifMIB", if_mib, OID_LENGTH(if_mib));
	init_snmp("bench-agentx-floor");

	signal(SIGTERM, on_signal);
	signal(SIGINT, on_signal);
	while (!stop)
		agent_check_and_process(1);
	snmp_shutdown("bench-agentx-floor");
	return 0;
}
