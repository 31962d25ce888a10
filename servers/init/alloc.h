/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * init's allocator: free slots of its CNode and kernel objects retyped from
 * the boot untyped caps. init keeps its own model of each untyped's
 * watermark (retype aligns it up to the object size, as the kernel does);
 * ut_fit is that model, host-tested in tests/unit/test_init_alloc.c.
 *
 * Groups (docs/lifecycle.md): everything one VM or one restartable server
 * owns is a group. Slots and objects made while alloc_set_group(g) is in
 * force belong to g: its slots are recorded so that they can be emptied and
 * reused when the group stops, and its objects come from the group's pool
 * (pool.h) when it has one, so that revoking the pool frees them all.
 * Group ALLOC_GROUP_INIT is init's own and everything shared; it never stops.
 */
#ifndef INIT_ALLOC_H
#define INIT_ALLOC_H

#include <stdint.h>
#include <tessera/bootinfo.h>
#include <tessera/sys.h>

#define ALLOC_GROUP_INIT (-1)
#define ALLOC_MAX_GROUPS 16

/* Places an object of 2^obj_bits bytes in an untyped of 2^ut_bits bytes
 * whose watermark is *used: on success advances *used and returns the
 * object's offset; returns -1 when it does not fit. */
int64_t ut_fit(uint64_t *used, unsigned ut_bits, unsigned obj_bits);

/* log2 of the bytes an object takes (size_bits for CNodes and untyped). */
unsigned obj_bits(unsigned type, unsigned size_bits);

void alloc_init(const struct bootinfo *bi);
/* Slots and objects allocated from now on belong to group g. */
void alloc_set_group(int g);
int alloc_group(void);
/* A free slot of init's CNode, or 0 when none is left. */
tsr_cptr_t alloc_slot(void);
/* n consecutive free slots (the first returned), or 0. */
tsr_cptr_t alloc_slots(unsigned n);
/* Frees one slot (it must be empty). */
void alloc_free_slot(tsr_cptr_t slot);
/* Deletes whatever is still in group g's slots, frees them; returns how many. */
unsigned alloc_release_slots(int g);
/* Slots in use (for the lifecycle report). */
unsigned alloc_slots_used(void);
/* A new object in a new slot: from the current group's pool if it has one,
 * else from RAM (not device) untyped; 0 on failure. */
tsr_cptr_t alloc_object(unsigned type, unsigned size_bits);
/* Retypes one object into init's free slot, as alloc_object;
 * ERR_NOT_ENOUGH_MEMORY when no untyped has room. */
__attribute__((warn_unused_result)) enum tessera_err
alloc_retype_into(tsr_cptr_t slot, unsigned type, unsigned size_bits);
/* The same from the boot untyped caps only, whatever the current group. */
__attribute__((warn_unused_result)) enum tessera_err
alloc_retype_boot(tsr_cptr_t slot, unsigned type, unsigned size_bits);
/* Bytes of RAM untyped init has not handed out yet (its model). */
uint64_t alloc_free_bytes(void);
/* Free bytes of every RAM untyped init holds as the kernel reports them
 * (Untyped_Describe): boot untyped plus every pool part. */
uint64_t alloc_kernel_free_bytes(void);

#endif
