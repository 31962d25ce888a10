/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Fault-isolation experiments run by init's lifecycle manager
 * (docs/lifecycle.md "Experiments"): each injects one fault into one VM or
 * server, watches every group for a while, restarts the victim when the
 * policy does not, and prints one table row and a TEST line: what was
 * injected, what the victim did, whether every other VM kept running (its
 * VMM kept handling exits), and the recovery time in counter ticks (from
 * the injection until the victim runs again). The guest commands are those
 * of tests/fault/lifeguest.h.
 */
#ifndef INIT_EXPERIMENT_H
#define INIT_EXPERIMENT_H

#include <stdint.h>

/* kind: crash illegal spin panic reach server all; target: a VM (or, for
 * server, a server) name, or NULL for the first suitable one. */
void experiment_run(const char *kind, const char *target);
/* n injections of random kind and victim drawn from seed; prints each
 * injection's own seed (replay with 'campaign <that seed> 1') and the
 * survived/failed counts. */
void experiment_campaign(uint64_t seed, unsigned n);
/* Stops and starts VM g n times: free untyped after every stop and every
 * start equals its first value, and the guest finds its RAM zeroed. */
void experiment_cycle(int g, unsigned n);
/* Pauses VM g: its VMM handles no exit while paused, and does again after resume. */
void experiment_pause(int g);
/* SUMMARY lines of the suites fault, campaign and lifecycle so far. */
void experiment_summary(void);

#endif
