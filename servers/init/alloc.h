/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * init's allocator: free slots of its CNode (bootinfo.empty, handed out in
 * order) and kernel objects retyped from the boot untyped caps. init keeps
 * its own model of each untyped's watermark (retype aligns it up to the
 * object size, as the kernel does); ut_fit is that model, host-tested in
 * tests/unit/test_init_alloc.c.
 */
#ifndef INIT_ALLOC_H
#define INIT_ALLOC_H

#include <stdint.h>
#include <tessera/bootinfo.h>
#include <tessera/sys.h>

/* Places an object of 2^obj_bits bytes in an untyped of 2^ut_bits bytes
 * whose watermark is *used: on success advances *used and returns the
 * object's offset; returns -1 when it does not fit. */
int64_t ut_fit(uint64_t *used, unsigned ut_bits, unsigned obj_bits);

/* log2 of the bytes an object takes (size_bits for CNodes and untyped). */
unsigned obj_bits(unsigned type, unsigned size_bits);

void alloc_init(const struct bootinfo *bi);
/* A free slot of init's CNode, or 0 when none is left. */
tsr_cptr_t alloc_slot(void);
/* A new object in a new slot, from RAM (not device) untyped; 0 on failure. */
tsr_cptr_t alloc_object(unsigned type, unsigned size_bits);
/* Retypes one object into init's free slot; ERR_NOT_ENOUGH_MEMORY when no
 * RAM untyped has room. */
__attribute__((warn_unused_result)) enum tessera_err
alloc_retype_into(tsr_cptr_t slot, unsigned type, unsigned size_bits);
/* Bytes of RAM untyped init has not handed out yet. */
uint64_t alloc_free_bytes(void);

#endif
