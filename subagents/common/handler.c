/*
 * The request handler (see handler.h).  A subtree's nodes are sorted
 * by OID; GET finds the node that holds the OID, GETNEXT the first
 * node with an instance after it.  Values are read from the mapped
 * segment now: never a copy.  A GETNEXT that finds nothing leaves the
 * varbind alone, and net-snmp goes on past the subtree (endOfMibView
 * at the end).
 */
#include <stdlib.h>
#include <string.h>

#include "subagents/common/core.h"
#include "subagents/common/handler.h"
#include "subagents/common/resident.h"
#include "subagents/common/strcap.h"
#include "subagents/common/values.h"

static const u_char asn_type[] = {
	[MIB_INTEGER32]  = ASN_INTEGER,
	[MIB_UNSIGNED32] = ASN_UNSIGNED,
	[MIB_COUNTER32]  = ASN_COUNTER,
	[MIB_COUNTER64]  = ASN_COUNTER64,
	[MIB_GAUGE32]    = ASN_GAUGE,
	[MIB_TIMETICKS]  = ASN_TIMETICKS,
	[MIB_OCTETSTR]   = ASN_OCTET_STR,
	[MIB_BITS]       = ASN_OCTET_STR,
	[MIB_OBJECTID]   = ASN_OBJECT_ID,
};

void handler_set_value(netsnmp_variable_list *vb, const struct mib_object *mib,
		       const struct agent_value *v)
{
	u_char type = asn_type[mib->type];
	struct counter64 c64 = { v->num >> 32, v->num & 0xffffffff };
	long l = (long)(int64_t)v->num;

	switch (mib->type) {
	case MIB_OCTETSTR:
	case MIB_BITS:
		snmp_set_var_typed_value(vb, type, v->ptr, strcap_len(vb, mib, v->len));
		break;
	case MIB_OBJECTID:
		snmp_set_var_typed_value(vb, type, v->ptr, v->len * sizeof(oid));
		break;
	case MIB_COUNTER64:
		snmp_set_var_typed_value(vb, type, &c64, sizeof c64);
		break;
	default:
		snmp_set_var_typed_value(vb, type, &l, sizeof l);
	}
}

static struct agent_value new_value(struct agent *a)
{
	return (struct agent_value){ .buf = a->strbuf, .bufsz = sizeof a->strbuf };
}

bool handler_cell_value(struct agent *a, size_t t, const struct pos *p,
			struct agent_value *v)
{
	const struct table *tab = &a->tables.v[t];
	const struct rows *r = &a->index->rows[t];
	const struct row *row = &r->v[p->row];
	const struct column *col = &tab->cols[p->col];
	const struct cell *c = &row->cells[p->col];
	bool ok;

	resident_rows(a, row, r->n - p->row);
	if (col->value)
		ok = col->value(&(struct agent_cell){ a, row->seg, row->idx, col->mib }, v);
	else
		ok = c->obj && value_read(a, row->seg, col->mib,
					  shm_seg_obj(row->seg, c->obj - 1),
					  c->aux ? shm_seg_obj(row->seg, c->aux - 1) : NULL, v);
	if (ok && !col->value && row->gone && owner_status_column(col->mib))
		v->num = OWNER_GONE_STATUS;
	/* Its data file shrank under the read: the rescan drops or reopens it. */
	if (shm_seg_faulted(row->seg))
		agent_rebuild_soon(a);
	return ok;
}

static const struct mib_object *scalar_mib(const struct node *n)
{
	return mib_lookup(n->scalar->name);
}

static bool scalar_value(struct agent *a, const struct node *n, struct agent_value *v)
{
	return n->scalar->value(a, scalar_mib(n), v);
}

static int get_at(struct agent *a, const struct node *n, netsnmp_variable_list *vb)
{
	struct agent_value v = new_value(a);
	struct pos p;
	int rc;

	if (n->scalar) {
		if (vb->name_length != n->len + 1 || vb->name[n->len] != 0)
			return SNMP_NOSUCHINSTANCE;
		if (!scalar_value(a, n, &v))
			return SNMP_NOSUCHINSTANCE;
		handler_set_value(vb, scalar_mib(n), &v);
		return 0;
	}
	rc = table_get(&a->tables.v[n->table], &a->index->rows[n->table],
		       vb->name, vb->name_length, &p);
	if (rc)
		return rc;
	if (!handler_cell_value(a, n->table, &p, &v))
		return SNMP_NOSUCHINSTANCE;
	handler_set_value(vb, a->tables.v[n->table].cols[p.col].mib, &v);
	return 0;
}

static int get(struct subtree *st, netsnmp_variable_list *vb)
{
	for (size_t i = 0; i < st->n; i++) {
		const struct node *n = &st->nodes[i];

		if (vb->name_length > n->len && !oid_cmp(vb->name, n->len, n->oid, n->len))
			return get_at(st->agent, n, vb);
	}
	return SNMP_NOSUCHOBJECT;
}

static bool next_scalar(struct agent *a, const struct node *n, netsnmp_variable_list *vb)
{
	struct agent_value v = new_value(a);
	oid inst[MIB_OID_MAX + 1];

	memcpy(inst, n->oid, n->len * sizeof *inst);
	inst[n->len] = 0;
	if (oid_cmp(inst, n->len + 1, vb->name, vb->name_length) <= 0 ||
	    !scalar_value(a, n, &v))
		return false;
	snmp_set_var_objid(vb, inst, n->len + 1);
	handler_set_value(vb, scalar_mib(n), &v);
	return true;
}

static bool next_cell(struct agent *a, const struct node *n, netsnmp_variable_list *vb)
{
	const struct table *t = &a->tables.v[n->table];
	const struct rows *r = &a->index->rows[n->table];
	struct agent_value v = new_value(a);
	oid inst[MAX_OID_LEN];
	struct pos p;
	bool found;

	for (found = table_next(t, r, vb->name, vb->name_length, &p); found;
	     found = table_step(t, r, &p))
		if (handler_cell_value(a, n->table, &p, &v))
			break;
	if (!found)
		return false;
	snmp_set_var_objid(vb, inst, table_oid(t, r, &p, inst));
	handler_set_value(vb, t->cols[p.col].mib, &v);
	return true;
}

static void get_next(struct subtree *st, netsnmp_variable_list *vb)
{
	for (size_t i = 0; i < st->n; i++) {
		const struct node *n = &st->nodes[i];

		if (n->scalar ? next_scalar(st->agent, n, vb) : next_cell(st->agent, n, vb))
			return;
	}
}

static void answer(struct subtree *st, int mode, netsnmp_agent_request_info *info,
		   netsnmp_request_info *requests)
{
	int rc;

	if (st->agent->def->source && st->agent->def->source->refresh)
		st->agent->def->source->refresh(st->agent);
	resident_touched(st->agent);
	for (netsnmp_request_info *r = requests; r; r = r->next) {
		if (r->processed)
			continue;
		switch (mode) {
		case MODE_GET:
			rc = get(st, r->requestvb);
			if (rc)
				netsnmp_set_request_error(info, r, rc);
			break;
		case MODE_GETNEXT:
			get_next(st, r->requestvb);
			break;
		default:
			netsnmp_set_request_error(info, r, SNMP_ERR_NOTWRITABLE);
		}
	}
}

/* A request held: its subtree and the mode the handler was called in
 * (a GETBULK's passes come as GETNEXT; the request's own mode is
 * GETBULK again once the handler returned). */
struct held {
	struct subtree *st;
	int mode;
};

/* Requests that come while the first index is being built wait for it
 * (net-snmp's delegated requests), snmpd serving the rest meanwhile:
 * no table reads as empty at a start or after a SIGHUP.  False when
 * out of memory: then they are answered now. */
static bool hold(netsnmp_mib_handler *handler, netsnmp_handler_registration *reg,
		 netsnmp_agent_request_info *info, netsnmp_request_info *requests)
{
	struct subtree *st = reg->my_reg_void;
	struct agent *a = st->agent;
	netsnmp_delegated_cache **v = reallocarray(a->held, a->nheld + 1, sizeof *v);
	struct held *h;

	if (!v)
		return false;
	a->held = v;
	if (!(h = malloc(sizeof *h)))
		return false;
	*h = (struct held){ st, info->mode };
	if (!(v[a->nheld] = netsnmp_create_delegated_cache(handler, reg, info, requests, h))) {
		free(h);
		return false;
	}
	a->nheld++;
	for (netsnmp_request_info *r = requests; r; r = r->next)
		r->delegated = 1;
	return true;
}

void handler_release(struct agent *a)
{
	for (size_t i = 0; i < a->nheld; i++) {
		/* NULL: the request is gone (timed out, snmpd dropped it). */
		netsnmp_delegated_cache *c = netsnmp_handler_check_cache(a->held[i]);

		struct held *h = a->held[i]->localinfo;

		if (c) {
			for (netsnmp_request_info *r = c->requests; r; r = r->next)
				r->delegated = 0;
			answer(h->st, h->mode, c->reqinfo, c->requests);
			/* What the bulk-to-next helper does after a handler. */
			if (c->reqinfo->mode == MODE_GETBULK)
				netsnmp_bulk_to_next_fix_requests(c->requests);
		}
		free(h);
		netsnmp_free_delegated_cache(a->held[i]);
	}
	free(a->held);
	a->held = NULL;
	a->nheld = 0;
}

int handle_request(netsnmp_mib_handler *handler,
		   netsnmp_handler_registration *reg,
		   netsnmp_agent_request_info *info,
		   netsnmp_request_info *requests)
{
	struct subtree *st = reg->my_reg_void;

	if (!st->agent->started && st->agent->job && hold(handler, reg, info, requests))
		return SNMP_ERR_NOERROR;
	answer(st, info->mode, info, requests);
	return SNMP_ERR_NOERROR;
}

static int by_oid(const void *a, const void *b)
{
	const struct node *x = a, *y = b;

	return oid_cmp(x->oid, x->len, y->oid, y->len);
}

/* Adds the node at OID (LEN arcs) if it lies in ST. */
static void add(struct subtree *st, const uint32_t *o, size_t len, size_t table,
		const struct agent_scalar *scalar)
{
	struct node *n = &st->nodes[st->n];

	for (size_t i = 0; i < len; i++)
		n->oid[i] = o[i];
	if (len <= st->root_len || oid_cmp(n->oid, st->root_len, st->root, st->root_len))
		return;
	n->len = len;
	n->table = table;
	n->scalar = scalar;
	st->n++;
}

struct subtree *subtree_new(struct agent *a, const struct agent_subtree *def)
{
	const struct mib_object *m = mib_lookup(def->object);
	struct subtree *st;
	size_t ns = 0;

	if (!m || def->up >= m->oid_len) {
		snmp_log(LOG_ERR, "subtree %s: bad object %s\n", def->name, def->object);
		return NULL;
	}
	while (a->def->scalars && a->def->scalars[ns].name)
		ns++;
	st = calloc(1, sizeof *st);
	if (!st || !(st->nodes = calloc(a->tables.n + ns + 1, sizeof *st->nodes))) {
		free(st);
		return NULL;
	}
	st->agent = a;
	st->name = def->name;
	st->root_len = m->oid_len - def->up;
	for (size_t i = 0; i < st->root_len; i++)
		st->root[i] = m->oid[i];
	for (size_t t = 0; t < a->tables.n; t++) {
		const struct mib_object *c = a->tables.v[t].cols[0].mib;

		add(st, c->oid, c->oid_len - 1, t, NULL);
	}
	for (size_t i = 0; i < ns; i++) {
		const struct mib_object *s = mib_lookup(a->def->scalars[i].name);

		if (s)
			add(st, s->oid, s->oid_len, 0, &a->def->scalars[i]);
	}
	qsort(st->nodes, st->n, sizeof *st->nodes, by_oid);
	return st;
}

void subtree_free(struct subtree *st)
{
	if (st)
		free(st->nodes);
	free(st);
}
