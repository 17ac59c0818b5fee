/*
 * Bring-up and tear-down of the forwarding state, in an order that
 * creates no segment until every port is found and configured, and
 * that undoes whatever was done when a step fails or at shutdown (the
 * segment directory is owner.h's: created and locked before EAL).
 */
#ifndef SHMIB_DP_SETUP_H
#define SHMIB_DP_SETUP_H

#include "dataplane/config.h"
#include "dataplane/port.h"

struct dp {
	const struct dp_config *cfg;
	struct dp_port port[DP_PORTS_MAX];
	unsigned nports;                /* attached so far */
	unsigned mbufs;                 /* in the pools: all back at the end */
	bool segments;                  /* created: remove at shutdown */
};

/* Ports attached, configured and started, segments published. */
int setup_up(struct dp *dp, const struct dp_config *cfg);

/* Launches the workers. */
void setup_launch(struct dp *dp);

/* Stops workers and ports, removes segments; -1 if mbufs leaked. */
int setup_down(struct dp *dp);

#endif
