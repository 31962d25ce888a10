/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Untyped pools (docs/lifecycle.md "Pools"): a group's objects are retyped
 * from a few untyped caps carved for it at boot (its parts). Stopping the
 * group revokes each part, which deletes every object made from it and
 * every capability derived from those, wherever it is; the parts stay, and
 * starting the group again retypes the same memory, zeroed by the kernel.
 * Parts are powers of two (a child untyped must be smaller than its parent
 * and a part is filled largest objects first, so no space is lost to
 * alignment); pool_plan splits a byte count into at most POOL_MAX_PARTS.
 */
#ifndef INIT_POOL_H
#define INIT_POOL_H

#include <stdint.h>
#include <tessera/sys.h>

#define POOL_MAX_PARTS 16
#define POOL_MIN_BITS  12

/* log2 sizes of the parts that hold bytes (largest first, their sum >=
 * bytes, rounded up so that at most max parts are needed); returns the
 * count, or -1 if bytes is 0 or too large. */
int pool_plan(uint64_t bytes, unsigned *bits, int max);

/* Carves group g's pool of at least bytes from the boot untyped caps. */
__attribute__((warn_unused_result)) enum tessera_err pool_create(int g, uint64_t bytes);
int pool_exists(int g);
/* Retypes one object from g's pool into slot (smallest part where it fits). */
__attribute__((warn_unused_result)) enum tessera_err pool_retype(int g, tsr_cptr_t slot,
								 unsigned type, unsigned size_bits);
/* Revokes every part: all objects made from g's pool are deleted. */
__attribute__((warn_unused_result)) enum tessera_err pool_revoke(int g);
/* Bytes and parts of g's pool, its free bytes (init's model) and the free
 * bytes the kernel reports for its parts (Untyped_Describe). */
uint64_t pool_bytes(int g);
unsigned pool_parts(int g);
uint64_t pool_free_bytes(int g);
uint64_t pool_kernel_free_bytes(int g);
/* The kernel's free bytes over all pools' parts. */
uint64_t pool_kernel_free_all(void);

#endif
