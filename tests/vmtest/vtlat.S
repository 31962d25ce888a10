/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Virtual timer interrupt latency, shared by the test guest (guest.S, under
 * Tessera) and the native image (native.S, QEMU at EL1, no hypervisor):
 * instructions from the timer deadline to the first instruction of the IRQ
 * handler, counted by PMU event counter 0 (INST_RETIRED; under Tessera it
 * counts EL2 too). The wait loop samples the counter every 2 instructions,
 * so the result is at most 2 more than the true path length.
 * x19 = 1: GICv3 system registers, else GICv2 with its GICC at GUEST_GICC.
 * IRQs masked on entry and on return. Returns x0; clobbers x1-x2, x9-x11.
 */
#include "guest.h"

	.text
	.balign	4
	.global	vtimer_latency
vtimer_latency:
	mrs	x11, vbar_el1
	adr	x1, vtlat_vectors
	msr	vbar_el1, x1
	mrs	x2, cntvct_el0
	add	x2, x2, #1000		/* 16 us at 62.5 MHz */
	msr	cntv_cval_el0, x2
	mov	x2, #1
	msr	cntv_ctl_el0, x2
	isb
	msr	daifclr, #2
1:	mrs	x9, pmevcntr0_el0
	b	1b
vtlat_done:				/* the handler returns here, IRQs masked */
	msr	vbar_el1, x11
	isb
	sub	x0, x10, x9
	ret

vtlat_irq:
	msr	cntv_ctl_el0, xzr	/* its line drops */
	cbz	x19, 1f
	mrs	x1, S3_0_C12_C12_0	/* ICC_IAR1_EL1 */
	msr	S3_0_C12_C12_1, x1	/* ICC_EOIR1_EL1 */
	b	2f
1:	mov	x2, #GUEST_GICC
	ldr	w1, [x2, #0xc]		/* GICC_IAR */
	str	w1, [x2, #0x10]		/* GICC_EOIR */
2:	isb
	adr	x1, vtlat_done
	msr	elr_el1, x1
	mov	x1, #0x3c5		/* EL1h, DAIF masked */
	msr	spsr_el1, x1
	eret

	.balign	0x800
vtlat_vectors:
	.rept	5
	.balign	0x80
	b	.
	.endr
	.balign	0x80			/* current EL, SPx: IRQ */
	mrs	x10, pmevcntr0_el0
	b	vtlat_irq
	.rept	10
	.balign	0x80
	b	.
	.endr
