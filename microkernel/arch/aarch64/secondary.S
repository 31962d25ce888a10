/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Secondary-core entry, the target of PSCI CPU_ON (DEN0022 5.6): EL2, MMU
 * and caches off, x0 = the context id = this core's index. Each core gets
 * its own stack from kernel_stacks (head.S), the common vectors and the
 * boot core's page tables, then continues in secondary_main (smp.c).
 */
#include <arch/asm.h>

	.text
	.global secondary_entry
secondary_entry:
	msr	daifset, #0xf
	mrs	x1, CurrentEL
	cmp	x1, #CURRENTEL_EL2
	b.ne	1f
	cmp	x0, #PLAT_MAX_CPUS
	b.hs	1f
	mov	x19, x0
	msr	tpidr_el2, x19
	/* sp = kernel_stacks + (index + 1) * KERNEL_STACK_SIZE */
	adrp	x1, kernel_stacks
	add	x1, x1, :lo12:kernel_stacks
	add	x2, x19, #1
	mov	x3, #KERNEL_STACK_SIZE
	madd	x1, x2, x3, x1
	mov	sp, x1
	adrp	x1, vectors_el2
	add	x1, x1, :lo12:vectors_el2
	msr	vbar_el2, x1
	isb
	/* A leaf function: touches no memory while the MMU is still off. */
	bl	mmu_enable_this_cpu
	mov	x0, x19
	bl	secondary_main
1:	wfe
	b	1b

/* long psci_smc(fn, a1, a2, a3): SMC Calling Convention (DEN0028) fast call. */
	.global psci_smc
psci_smc:
	smc	#0
	ret
