/* SPDX-License-Identifier: BSD-2-Clause */
/* The kernel's own EL2 address space (identity map of devices and RAM). */
#ifndef ARCH_MMU_H
#define ARCH_MMU_H

#include <kernel/types.h>
#include <arch/machine.h>

void mmu_init(void);
void mmu_enable_this_cpu(void);
bool mmu_enabled(void);
bool mmu_translate(vaddr_t va, paddr_t *pa);

#endif
