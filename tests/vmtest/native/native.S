/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The virtual timer latency benchmark run natively: QEMU virt boots this
 * image at EL1 with no hypervisor (virtualization=off, GICv3). It sets up
 * the GIC (distributor, CPU 0's redistributor, system-register CPU
 * interface) and PMU counter 0 itself, runs vtimer_latency (vtlat.S) and
 * prints BENCH vtimer_latency_native on the PL011.
 */
#define UART	  0x09000000
#define GICD	  0x08000000
#define GICR	  0x080a0000 /* CPU 0's RD_base; SGI_base is 64 KiB above */

	.text
	.global	_start
_start:
	msr	daifset, #0xf
	ldr	x0, =native_stack_top
	mov	sp, x0
	bl	gic3_init
	mov	x0, #8			/* INST_RETIRED */
	msr	pmevtyper0_el0, x0
	mrs	x0, pmcr_el0
	orr	x0, x0, #1		/* E */
	msr	pmcr_el0, x0
	mov	x0, #1
	msr	pmcntenset_el0, x0
	isb
	mov	x19, #1
	bl	vtimer_latency		/* warm-up, as the guest does */
	bl	vtimer_latency
	mov	x20, x0
	adr	x0, msg_bench
	bl	puts
	mov	x0, x20
	bl	putdec
	adr	x0, msg_pass		/* a plausible count: taken, and short */
	cbz	x20, 2f
	cmp	x20, #1000
	b.lo	3f
2:	adr	x0, msg_fail
3:	bl	puts
1:	wfi
	b	1b

gic3_init:
	ldr	x1, =GICD
	mov	w2, #0x12		/* GICD_CTLR: ARE, EnableGrp1 (DS = 1: no EL3) */
	str	w2, [x1]
	ldr	x1, =GICR
	ldr	w2, [x1, #0x14]		/* GICR_WAKER: clear ProcessorSleep */
	bic	w2, w2, #2
	str	w2, [x1, #0x14]
1:	ldr	w2, [x1, #0x14]
	tbnz	w2, #2, 1b		/* ChildrenAsleep */
	add	x1, x1, #0x10000
	mov	w2, #-1
	str	w2, [x1, #0x80]		/* GICR_IGROUPR0: Group 1 */
	mov	w2, #0xa0
	strb	w2, [x1, #0x41b]	/* GICR_IPRIORITYR, INTID 27 */
	mov	w2, #(1 << 27)
	str	w2, [x1, #0x100]	/* GICR_ISENABLER0 */
	mov	x2, #1
	msr	S3_0_C12_C12_5, x2	/* ICC_SRE_EL1.SRE */
	isb
	mov	x2, #0xff
	msr	S3_0_C4_C6_0, x2	/* ICC_PMR_EL1 */
	mov	x2, #1
	msr	S3_0_C12_C12_7, x2	/* ICC_IGRPEN1_EL1 */
	isb
	ret

/* Prints the NUL-terminated string at x0. */
puts:
	ldr	x1, =UART
1:	ldrb	w2, [x0], #1
	cbz	w2, 3f
2:	ldr	w3, [x1, #0x18]		/* UARTFR.TXFF */
	tbnz	w3, #5, 2b
	str	w2, [x1]
	b	1b
3:	ret

/* Prints x0 in decimal. */
putdec:
	stp	x29, x30, [sp, #-48]!
	add	x4, sp, #47
	strb	wzr, [x4]
	mov	x5, #10
1:	udiv	x6, x0, x5
	msub	x7, x6, x5, x0
	add	w7, w7, #'0'
	strb	w7, [x4, #-1]!
	mov	x0, x6
	cbnz	x0, 1b
	mov	x0, x4
	bl	puts
	ldp	x29, x30, [sp], #48
	ret

msg_bench:
	.asciz	"BENCH vtimer_latency_native "
msg_pass:
	.asciz	"\nTEST vtlat.native_measured PASS\nSUMMARY vtlat 1 0\n"
msg_fail:
	.asciz	"\nTEST vtlat.native_measured FAIL\nSUMMARY vtlat 0 1\n"

	.bss
	.balign	16
	.skip	4096
native_stack_top:
