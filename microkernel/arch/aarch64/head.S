/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Kernel entry. QEMU starts the boot core at EL2 (virtualization=on) with
 * the MMU off; secondary cores stay powered off until PSCI CPU_ON, which
 * starts them in secondary_entry (secondary.S).
 */
#include <arch/asm.h>

	.section .text.boot, "ax"
	.global _start
_start:
	msr	daifset, #0xf
	mrs	x0, CurrentEL
	cmp	x0, #CURRENTEL_EL2
	b.ne	1f
	/* Count instructions from here on (boot benchmark). */
	bl	pmu_boot_start
	/* Core index = MPIDR_EL1.Aff0, kept in TPIDR_EL2; its stack is kernel_stacks[index]. */
	mrs	x2, mpidr_el1
	and	x2, x2, #0xff
	cmp	x2, #PLAT_MAX_CPUS
	b.hs	1f
	msr	tpidr_el2, x2
	adrp	x0, kernel_stacks
	add	x0, x0, :lo12:kernel_stacks
	add	x2, x2, #1
	mov	x3, #KERNEL_STACK_SIZE
	madd	x0, x2, x3, x0
	mov	sp, x0
	adrp	x0, __bss_start
	add	x0, x0, :lo12:__bss_start
	adrp	x1, __bss_end
	add	x1, x1, :lo12:__bss_end
2:	cmp	x0, x1
	b.hs	3f
	str	xzr, [x0], #8
	b	2b
3:	bl	arch_boot
	/* arch_boot does not return. */
1:	wfe
	b	1b

pmu_boot_start:
	mov	x0, #0x08		/* INST_RETIRED */
	orr	x0, x0, #(1 << 27)	/* NSH: count EL2 */
	msr	pmevtyper0_el0, x0
	mov	x0, #1
	msr	pmcntenset_el0, x0
	mrs	x0, pmcr_el0
	mov	x1, #(PMCR_E | PMCR_P | PMCR_LP)
	orr	x0, x0, x1
	msr	pmcr_el0, x0
	isb
	ret

	/* One kernel stack per core, boot core included (secondary.S). */
	.section .bss.stack, "aw", %nobits
	.balign 16
	.global kernel_stacks
kernel_stacks:
	.skip	KERNEL_STACK_SIZE * PLAT_MAX_CPUS
