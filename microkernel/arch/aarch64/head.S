/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Kernel entry. QEMU starts the boot core at EL2 (virtualization=on) with
 * the MMU off; secondary cores stay powered off until PSCI CPU_ON.
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
	adrp	x0, boot_stack_top
	add	x0, x0, :lo12:boot_stack_top
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

	.section .bss.stack, "aw", %nobits
	.balign 16
boot_stack:
	.skip	KERNEL_STACK_SIZE
	.global boot_stack_top
boot_stack_top:
