/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Mapping frames into a VSpace (init's own or a child's). The kernel
 * answers ERR_FAILED_LOOKUP when a page table on the way is missing; then
 * vs_map retypes a page table, maps it at the address (the kernel puts it
 * at the first missing level) and tries again, at most VS_MAX_TABLES times.
 * Init's scratch page at INIT_SCRATCH_VADDR is where it fills frames
 * before they are moved to a child.
 */
#ifndef INIT_VSPACE_H
#define INIT_VSPACE_H

#include <tessera/sys.h>

#define VS_MAX_TABLES		 3
#define INIT_UART_VADDR		 0x0e000000UL
#define INIT_SCRATCH_VADDR	 0x0e001000UL
#define INIT_SCRATCH_LARGE_VADDR 0x0e200000UL /* 2 MiB frames */

__attribute__((warn_unused_result)) enum tessera_err
vs_map(tsr_cptr_t vspace, tsr_cptr_t frame, uint64_t vaddr, unsigned rights, unsigned attrs);

/* Maps frame read-write at the scratch address in init's VSpace; returns
 * the pointer, or NULL. Only one scratch mapping at a time. */
void *vs_scratch_map(tsr_cptr_t frame);
/* The same for a 2 MiB frame, at INIT_SCRATCH_LARGE_VADDR. */
void *vs_scratch_map_large(tsr_cptr_t frame);
void vs_scratch_unmap(tsr_cptr_t frame);

#endif
