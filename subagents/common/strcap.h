/*
 * Strings within their MIB SIZE.  A segment's OctetStr may hold up to
 * 65,535 bytes; the modules allow far less (ifAlias 64, DisplayString
 * 255), and a response near 64 KiB is more than snmpd takes from a
 * subagent: it drops the AgentX session.  So a value longer than its
 * catalogue size is served cut to that size, and an object whose
 * module sets no SIZE (PhysAddress) is cut at STRCAP_UNSIZED.  Each
 * instance served cut is logged once.
 */
#ifndef SHMIB_STRCAP_H
#define SHMIB_STRCAP_H

#include <stddef.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#include "mibs/catalogue.h"

#define STRCAP_UNSIZED 255      /* as long as the longest DisplayString */

/* The length to serve of a string value of LEN bytes for VB, an
 * instance of MIB (logged once when it is less than LEN). */
size_t strcap_len(const netsnmp_variable_list *vb, const struct mib_object *mib,
		  size_t len);

void strcap_free(void);

#endif
