/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Realising a generated capability-distribution spec (struct tsr_spec,
 * docs/idl.md "The spec", docs/userland.md "init realising a spec"):
 *   realise_objects  every object retyped from RAM untyped into init's
 *                    CNode (an array in consecutive slots), frames filled
 *                    from the boot archive, IRQ handlers from IrqControl;
 *   realise_space    one component: its CNode slots (copies or badged
 *                    mints), page tables, mappings (a fresh copy of the
 *                    frame cap per mapping), its ELF from the boot archive,
 *                    its threads configured (CSpace, VSpace, IPC buffer,
 *                    fault endpoint, priority, core, bound notification);
 *   realise_start    IRQ notifications bound, every thread started.
 * Every function prints what failed and names the component; they return
 * the first error. The spec is trusted (made by the generator and linked
 * into init), but not its fit into this machine's memory and cores.
 */
#ifndef INIT_REALISE_H
#define INIT_REALISE_H

#include <stdint.h>
#include <tessera/bootinfo.h>
#include <tessera/sys.h>

#include "tessera_spec.h"

struct realise_stats {
	unsigned objects, caps, threads, image_pages;
	uint64_t bytes;
	uint64_t entry;
	tsr_cptr_t cnode_root; /* init's slot of the guarded CNode cap */
};

struct realise {
	const struct tsr_spec *spec;
	const struct bootinfo *bi;
	tsr_cptr_t *slot;	     /* per object: init's slot of its element 0 */
	struct realise_stats *stats; /* per space */
	struct realise_stats shared; /* objects of no single component */
	/* Groups (alloc.h, docs/lifecycle.md): per space its group or
	 * ALLOC_GROUP_INIT; per group 1 while its objects exist. NULL: every
	 * space is init's (nothing restartable). */
	const int8_t *space_group;
	const uint8_t *group_live;
};

/* Allocates r->slot and r->stats; ERR_NOT_ENOUGH_MEMORY if the heap is too small.
 * ERR_RANGE (with the reason printed) if a partitioned VM names a core this
 * machine does not have or the spec places another thread on its cores. */
__attribute__((warn_unused_result)) enum tessera_err
realise_init(struct realise *r, const struct tsr_spec *spec, const struct bootinfo *bi);
__attribute__((warn_unused_result)) enum tessera_err realise_objects(struct realise *r);
__attribute__((warn_unused_result)) enum tessera_err realise_space(struct realise *r, uint32_t s);
__attribute__((warn_unused_result)) enum tessera_err realise_start(struct realise *r);

/* The group an object belongs to: its space's, except device frames, IRQ
 * handlers and IRQ control, which are made once and stay init's. */
int realise_object_group(const struct realise *r, uint32_t k);
int realise_space_group(const struct realise *r, uint32_t s);
/* Group g's objects (largest first, from its pool), as realise_objects. */
__attribute__((warn_unused_result)) enum tessera_err realise_group_objects(struct realise *r,
									   int g);
/* After group g was made again: the caps other live spaces hold to its
 * objects, installed again in their CNodes. */
__attribute__((warn_unused_result)) enum tessera_err realise_recap(struct realise *r, int g);
/* Group g's interrupts bound to their notifications, and its spaces'
 * threads started (realise_start does this for every group). */
__attribute__((warn_unused_result)) enum tessera_err realise_start_group(struct realise *r, int g);

/* The space an object belongs to (its name up to the first '.'), or -1. */
int realise_owner(const struct tsr_spec *spec, const char *object_name);
/* The "space.thread" a fault badge (global thread number, from 1) names. */
const char *realise_thread_name(const struct tsr_spec *spec, uint64_t badge, const char **space);

#endif
