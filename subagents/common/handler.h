/*
 * The request handler: GET and GETNEXT over the nodes (tables and
 * scalars) of one registered subtree, on the instance index in force.
 */
#ifndef SHMIB_HANDLER_H
#define SHMIB_HANDLER_H

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include "subagents/common/agent.h"

/* A table or scalar inside a subtree. */
struct node {
	oid oid[MIB_OID_MAX];
	size_t len;             /* entry OID of a table, scalar OID */
	size_t table;           /* index into the agent's tables, or: */
	const struct agent_scalar *scalar;
};

struct subtree {
	struct agent *agent;
	const char *name;
	oid root[MIB_OID_MAX];
	size_t root_len;
	struct node *nodes;     /* sorted by OID */
	size_t n;
	netsnmp_handler_registration *reg;      /* once registered */
};

/* The subtree of DEF (nodes filled in); NULL (logged) on error. */
struct subtree *subtree_new(struct agent *a, const struct agent_subtree *def);
void subtree_free(struct subtree *st);

Netsnmp_Node_Handler handle_request;

/* Answers the requests held until the first index is in force (or the
 * agent stops), from the index in force. */
void handler_release(struct agent *a);

struct pos;

/* The value at P of table T as a request gets it; false when the row
 * has none.  (Also for the varbinds of notifications.) */
bool handler_cell_value(struct agent *a, size_t t, const struct pos *p,
			struct agent_value *v);

/* Puts V into VB with the ASN.1 type of MIB's SMI type. */
void handler_set_value(netsnmp_variable_list *vb, const struct mib_object *mib,
		       const struct agent_value *v);

#endif
