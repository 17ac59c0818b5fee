/*
 * Sending a notification (see notify.h): the varbind list, then
 * net-snmp's send_v2trap, which in a subagent becomes an AgentX
 * Notify-PDU to the master.  The list starts with sysUpTime.0 as the
 * master's (net-snmp would put the subagent's own uptime there): that
 * of the change when the row's segment gives its TimeStamp, so that
 * the notification and ifLastChange (pwLastChange) agree to the tick.
 */
#include <stdio.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include "subagents/common/core.h"
#include "subagents/common/handler.h"
#include "subagents/common/notify.h"
#include "subagents/common/uptime.h"
#include "subagents/common/values.h"
#include "profiles.h"

/* The OID of MIB with the N arcs of IDX appended, into OUT. */
static size_t instance(const struct mib_object *mib, const uint32_t *idx,
		       unsigned n, oid *out)
{
	size_t len = 0;

	for (; len < mib->oid_len; len++)
		out[len] = mib->oid[len];
	for (unsigned i = 0; i < n; i++)
		out[len++] = idx[i];
	return len;
}

static const uint32_t scalar_idx[] = { 0 };

static void add_scalar(netsnmp_variable_list **vl, const char *name,
		       const struct agent_value *v)
{
	const struct mib_object *mib = mib_lookup(name);
	oid o[MAX_OID_LEN];
	netsnmp_variable_list *vb;

	vb = snmp_varlist_add_variable(vl, o, instance(mib, scalar_idx, 1, o),
				       ASN_NULL, NULL, 0);
	if (vb)
		handler_set_value(vb, mib, v);
}

/* The row of table T with the index arcs of row ROW of W's table. */
static bool row_in(struct agent *a, const struct watched *w, size_t row,
		   size_t t, size_t *out)
{
	ssize_t at = row;

	if (t != w->table)
		at = rows_find(&a->index->rows[t], a->tables.v[t].nindex,
			       a->index->rows[w->table].v[row].idx);
	*out = at;
	return at >= 0;
}

/* Varbind I of K for row ROW, as a GET gets it (the status as polled);
 * left out when its segment has no such object. */
static void add_var(struct agent *a, const struct watched *w,
		    netsnmp_variable_list **vl, const struct nkind *k, size_t i,
		    size_t row)
{
	const struct table *t = &a->tables.v[k->table[i]];
	struct agent_value v = { .buf = a->strbuf, .bufsz = sizeof a->strbuf };
	oid o[MAX_OID_LEN];
	netsnmp_variable_list *vb;
	size_t col = k->col[i], at;

	if (!row_in(a, w, row, k->table[i], &at))
		return;
	if (k->table[i] == w->table && col == w->status_col)
		v.num = (uint64_t)(int64_t)w->rows[row].last;
	else if (!handler_cell_value(a, k->table[i], &(struct pos){ col, at }, &v))
		return;
	vb = snmp_varlist_add_variable(vl, o, instance(t->cols[col].mib,
						       a->index->rows[k->table[i]].v[at].idx,
						       t->nindex, o),
				       ASN_NULL, NULL, 0);
	if (vb)
		handler_set_value(vb, t->cols[col].mib, &v);
}

/* "pwIndex 3" or "3..5" for the log. */
static void describe(struct agent *a, const struct watched *w, size_t first,
		     size_t last, char *buf, size_t size)
{
	const struct rows *r = &a->index->rows[w->table];
	unsigned n = a->tables.v[w->table].nindex;
	size_t len = 0;

	for (size_t row = first; ; row = last) {
		for (unsigned i = 0; i < n && len < size; i++)
			len += snprintf(buf + len, size - len, "%s%u", i ? "." : "",
					r->v[row].idx[i]);
		if (row == last || len >= size)
			break;
		len += snprintf(buf + len, size - len, "..");
	}
}

/* A stamp older than this is not of the change being sent (a writer
 * that changed the status and not the stamp): the time sent is. */
#define STAMP_FRESH_TICKS 1000

/* sysUpTime.0 of a notification for row ROW. */
static uint32_t event_time(struct agent *a, const struct watched *w, size_t row)
{
	uint32_t now = agent_stamp(a, uptime_now_cs());
	const struct mib_object *mib = w->def->stamp ? mib_lookup(w->def->stamp) : NULL;
	struct agent_value v = { .buf = a->strbuf, .bufsz = sizeof a->strbuf };

	if (!mib || !agent_seg_value(a, a->index->rows[w->table].v[row].seg, mib, &v) ||
	    v.num == 0 || v.num > now || now - v.num > STAMP_FRESH_TICKS)
		return now;
	return (uint32_t)v.num;
}

void notify_send(struct agent *a, const struct watched *w,
		 const struct nkind *k, size_t first, size_t last)
{
	netsnmp_variable_list *vl = NULL;
	struct agent_value up = { .num = event_time(a, w, first) };
	struct agent_value trap = { .ptr = NULL, .len = k->mib->oid_len };
	oid trap_oid[MIB_OID_MAX];
	char rows[64];

	for (size_t i = 0; i < k->mib->oid_len; i++)
		trap_oid[i] = k->mib->oid[i];
	trap.ptr = trap_oid;
	add_scalar(&vl, OBJ_sysUpTime, &up);
	add_scalar(&vl, OBJ_snmpTrapOID, &trap);
	for (size_t i = 0; i < k->nvars; i++)
		add_var(a, w, &vl, k, i, w->def->range && i >= k->nvars / 2 ? last : first);
	describe(a, w, first, last, rows, sizeof rows);
	if (!vl || !vl->next_variable) {
		snmp_log(LOG_ERR, "out of memory: %s of %s %s not sent\n", k->mib->name,
			 w->def->table, rows);
	} else {
		send_v2trap(vl);
		snmp_log(LOG_INFO, "%s: %s %s\n", k->mib->name, w->def->table, rows);
	}
	snmp_free_varbind(vl);
}
