/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A bare-metal test guest: runs at EL1 with its MMU off in a VSpace that
 * maps the VMM's image at the same addresses (tests/vmtest/vmm.c). It
 * reports every result to the VMM with HVC #HVC_REPORT; the VMM checks.
 * x19 = 1 on GICv3 (system-register CPU interface), x20 = MMIO base,
 * x24 = count of level IRQ 41, x25 = last IRQ taken, x26 = last sync EC,
 * x22 = its source CPU (GICv2 SGIs), x23 = the raw acknowledged value,
 * x28 = alarms of the passed-through RTC taken.
 * A second vCPU (VMPIDR 0x103; the first is 0x102) starts at guest_entry2.
 */
#include "guest.h"

.macro report tag, reg
	mov	x1, \reg
	mov	x0, #\tag
	hvc	#HVC_REPORT
.endm

	.text
	.balign	4
	.global	guest_entry
guest_entry:
	adr	x0, guest_vectors
	msr	vbar_el1, x0
	isb
	mov	x20, #GUEST_MMIO
	/* MMIO loads of every size; the VMM returns MMIO_PATTERN for each. */
	ldrb	w1, [x20, #0x1]
	report	T_LDRB, x1
	ldrh	w1, [x20, #0x2]
	report	T_LDRH, x1
	ldr	w1, [x20, #0x4]
	report	T_LDRW, x1
	ldr	x1, [x20, #0x8]
	report	T_LDRX, x1
	ldrsb	x1, [x20, #0x10]
	report	T_LDRSB, x1
	ldrsh	x1, [x20, #0x12]
	report	T_LDRSH, x1
	ldrsw	x1, [x20, #0x14]
	report	T_LDRSW, x1
	ldrsb	w1, [x20, #0x18]
	report	T_LDRSBW, x1
	/* MMIO stores of every size (the VMM logs them). */
	ldr	x2, =0x1122334455667788
	strb	w2, [x20, #0x20]
	strh	w2, [x20, #0x22]
	str	w2, [x20, #0x24]
	str	x2, [x20, #0x28]
	/* HVC round trip. */
	mov	x0, #41
	hvc	#HVC_ECHO
	report	T_ECHO, x0
	/* PSCI SYSTEM_OFF through SMC reaches the VMM, which says no. */
	ldr	x0, =0x84000008
	smc	#0
	mov	x2, #1
	report	T_SMC_ALIVE, x2
	/* Trapped system registers: the EL1 physical timer (CNTHCTL_EL2.EL1PCEN = 0). */
	mrs	x1, cntp_ctl_el0
	report	T_PMCR, x1
	mov	x2, #0x5a
	msr	cntp_cval_el0, x2
	/* Sanitised ID registers, emulated in the kernel; VMPIDR. */
	mrs	x1, id_aa64pfr0_el1
	ubfx	x19, x1, #24, #4	/* GIC field: 1 = GICv3 system registers */
	report	T_PFR0, x1
	mrs	x1, S3_0_C0_C4_4	/* ID_AA64ZFR0_EL1 */
	report	T_ZFR0, x1
	mrs	x1, mpidr_el1
	report	T_MPIDR, x1
	/* Stage-2 permission fault: read works, the write reaches the VMM. */
	mov	x21, #GUEST_RO
	ldr	x1, [x21]
	report	T_RO_READ, x1
	str	x1, [x21]
	/* Memory nobody gave the guest: the VMM injects an abort. */
	mov	x26, #0xff
	mov	x21, #GUEST_HOLE
	ldr	x1, [x21]
	report	T_HOLE_EC, x26
	/* An undefined instruction injected by the VMM. */
	mov	x26, #0xff
	hvc	#HVC_UNDEF
	nop
	report	T_UNDEF_EC, x26
	/* Virtual interrupts: enable the virtual CPU interface. */
	bl	gic_enable
	/* WFI woken by the virtual timer (1 ms). */
	mov	x25, #0
	mrs	x2, cntvct_el0
	ldr	x3, =62500
	add	x2, x2, x3
	msr	cntv_cval_el0, x2
	mov	x2, #1
	msr	cntv_ctl_el0, x2
	isb
	/* IRQs masked around the check: WFI still wakes on a pending one. */
1:	cbnz	x25, 2f
	wfi
	msr	daifclr, #2
	isb
	msr	daifset, #2
	b	1b
2:	msr	daifclr, #2
	report	T_VTIMER, x25
	/* An injected edge interrupt. */
	mov	x25, #0
	mov	x0, #40
	mov	x1, #0
	hvc	#HVC_INJECT
5:	cbz	x25, 5b
	report	T_EDGE, x25
	/* A level interrupt, taken again while still asserted. */
	mov	x24, #0
	mov	x0, #41
	mov	x1, #1
	hvc	#HVC_INJECT
3:	cmp	x24, #2
	b.lo	3b
	msr	daifset, #2
	report	T_LEVEL, x24
	bl	passthrough
	bl	second_vcpu
	bl	stress
	bl	bench
	hvc	#HVC_DONE
4:	wfe
	b	4b

/* IRQs masked; wait (WFI) until x25 == \n. */
.macro wait_irq n
1:	cmp	x25, #\n
	b.eq	2f
	wfi
	msr	daifclr, #2
	isb
	msr	daifset, #2
	b	1b
2:
.endm

/* Sends SGI \sgi: on GICv3 ICC_SGI1R_EL1 = \sgi1r, on GICv2 GICD_SGIR = \sgir. */
.macro send_sgi sgi1r, sgir
	cbz	x19, 1f
	ldr	x2, =\sgi1r
	msr	S3_0_C12_C11_5, x2	/* ICC_SGI1R_EL1 */
	isb
	b	2f
1:	ldr	x2, =\sgir
	ldr	x3, =GUEST_SGIR
	str	w2, [x3]
2:
.endm

/* The first vCPU starts the second, waits until its timer went off, sends
 * it SGI 5 and waits for SGI 6 back. */
second_vcpu:
	hvc	#HVC_START2
	adr	x2, second_ready
1:	ldr	x3, [x2]
	cbnz	x3, 2f
	wfe				/* a yield: lets the second vCPU run on one core */
	b	1b
2:	mov	x25, #0
	/* Aff1 = 1, TargetList = Aff0 3 / CPU interface 1 */
	send_sgi (5<<24)|(1<<16)|(1<<3), (1<<17)|5
	wait_irq 6
	report	T_SGI_RX1, x25
	report	T_SGI_SRC1, x22
	/* The unmap race: once the second vCPU reads GUEST_RACE, unmap it. */
	adr	x2, race_count
	ldr	x4, =1000
1:	ldr	x3, [x2]
	cmp	x3, x4
	b.hs	2f
	wfe
	b	1b
2:	hvc	#HVC_UNMAP
	ldr	x3, [x2]
	adr	x4, race_unmapped_at
	str	x3, [x4]
	adr	x2, race_done
3:	ldr	x3, [x2]
	cbnz	x3, 4f
	wfe
	b	3b
4:	ret

/* QEMU's PL031 passed through (GUEST_RTC, RTC_IRQ hardware-linked to this
 * vCPU): two alarms 1 s apart, each acknowledged, cleared at the device and
 * EOIed by guest_irq (which counts them in x28 and keeps the raw IAR value
 * in pt_iar); the second is taken only if the first EOI deactivated the
 * physical SPI. The guest waits in WFI, woken every ~16 ms by its virtual
 * timer to look at the RTC: it gives up 2-3 s later by the RTC's own clock
 * (under -icount the counter runs apart from the RTC's host time). */
passthrough:
	stp	x29, x30, [sp, #-16]!
	hvc	#HVC_PASSTHROUGH
	mov	x2, x0
	report	T_PT_SETUP, x2
	cbnz	x2, 9f
	ldr	x21, =GUEST_RTC
	str	wzr, [x21, #0x10]	/* RTCIMSC: masked */
	mov	w2, #1
	str	w2, [x21, #0x1c]	/* RTCICR: nothing left over */
	ldr	x3, =GUEST_ISENABLER1
	mov	w2, #(1 << (RTC_IRQ - 32))
	str	w2, [x3]		/* enable INTID 34 in the (emulated) distributor */
	mov	x28, #0
	mov	x29, #1			/* alarm number */
1:	adr	x2, pt_iar
	str	xzr, [x2]
	ldr	w5, [x21]		/* RTCDR */
	add	w2, w5, #1
	str	w2, [x21, #0x4]		/* RTCMR: in 1 s */
	add	w5, w5, #3		/* give up at RTCDR + 3 */
	mov	w2, #1
	str	w2, [x21, #0x10]	/* RTCIMSC: the alarm interrupts */
2:	cmp	x28, x29
	b.hs	3f
	ldr	w2, [x21]
	cmp	w2, w5
	b.hs	3f
	mrs	x2, cntvct_el0
	mrs	x3, cntfrq_el0
	add	x2, x2, x3, lsr #6
	msr	cntv_cval_el0, x2
	mov	x2, #1
	msr	cntv_ctl_el0, x2
	isb
	wfi
	msr	daifclr, #2
	isb
	msr	daifset, #2
	b	2b
3:	msr	cntv_ctl_el0, xzr
	isb
	add	x0, x29, #(T_PT_IRQ1 - 1)
	adr	x2, pt_iar
	ldr	x1, [x2]		/* what the alarm's acknowledge returned */
	hvc	#HVC_REPORT
	add	x29, x29, #1
	cmp	x29, #2
	b.ls	1b
	str	wzr, [x21, #0x10]	/* RTCIMSC: masked again */
	report	T_PT_COUNT, x28
	hvc	#HVC_PT_DONE
9:	ldp	x29, x30, [sp], #16
	ret

/* The second vCPU: its virtual timer (2 ms; on one core it is switched
 * out meanwhile), then SGI 5 from the first, then SGI 6 to every other
 * vCPU (IRM = 1 / TargetListFilter = 1). */
	.global	guest_entry2
guest_entry2:
	adr	x0, guest_vectors
	msr	vbar_el1, x0
	isb
	mrs	x1, id_aa64pfr0_el1
	ubfx	x19, x1, #24, #4
	bl	gic_enable
	mov	x25, #0
	mrs	x2, cntvct_el0
	ldr	x3, =125000
	add	x2, x2, x3
	msr	cntv_cval_el0, x2
	mov	x2, #1
	msr	cntv_ctl_el0, x2
	isb
	wait_irq 27
	report	T_VTIMER2, x25
	mov	x25, #0
	adr	x2, second_ready
	mov	x3, #1
	str	x3, [x2]
	wait_irq 5
	report	T_SGI_RX2, x25
	report	T_SGI_SRC2, x22
	send_sgi (6<<24)|(1<<40), (1<<24)|6
	/* Reads GUEST_RACE until the read faults (the VMM unmapped it). */
	mov	x26, #0
	ldr	x21, =GUEST_RACE
	adr	x4, race_count
	mov	x5, #0
1:	ldr	w1, [x21]
	cbnz	x26, 2f			/* guest_sync: the injected abort */
	add	x5, x5, #1
	str	x5, [x4]
	b	1b
2:	report	T_RACE_EC, x26
	adr	x4, race_count
	ldr	x5, [x4]
	adr	x2, race_unmapped_at
	ldr	x3, [x2]
	sub	x1, x5, x3
	report	T_RACE_LAG, x1
	adr	x2, race_done
	mov	x3, #1
	str	x3, [x2]
3:	wfi
	b	3b

/* STRESS_ITERS iterations of 8 exits, one of each class, every result
 * checked here: HVC, MMIO load, MMIO store (the VMM checks the sequence),
 * trapped sysreg read and write, SMC, stage-2 permission fault, and an
 * ID register read and a WFE finished in the kernel. x6 errors, x7 count. */
stress:
	stp	x29, x30, [sp, #-16]!
	mov	x6, #0
	mov	x7, #0
	ldr	x8, =STRESS_ITERS
	ldr	x9, =MMIO_PATTERN
	ldr	x10, =GUEST_STRESS
	mov	x11, #GUEST_RO
	mov	x12, #0x1234		/* what the VMM answers for CNTP_CTL_EL0 */
1:	mov	x0, x7
	hvc	#HVC_ECHO
	add	x2, x7, #1
	cmp	x0, x2
	cinc	x6, x6, ne
	ldr	x1, [x20, #0x8]
	cmp	x1, x9
	cinc	x6, x6, ne
	str	x7, [x10]
	mrs	x1, cntp_ctl_el0
	cmp	x1, x12
	cinc	x6, x6, ne
	msr	cntp_cval_el0, x7
	mov	x0, #0x84000000		/* PSCI_VERSION: the VMM answers -3 */
	smc	#0
	cmn	x0, #3
	cinc	x6, x6, ne
	ldr	x1, [x11]
	str	x1, [x11]		/* permission fault, skipped by the VMM */
	ldr	x2, [x11]
	cmp	x1, x2
	cinc	x6, x6, ne
	mrs	x1, S3_0_C0_C4_4	/* ID_AA64ZFR0_EL1: 0 */
	cmp	x1, #0
	cinc	x6, x6, ne
	wfe
	add	x7, x7, #1
	cmp	x7, x8
	b.lo	1b
	report	T_STRESS_N, x7
	report	T_STRESS_ER, x6
	ldp	x29, x30, [sp], #16
	ret

/* The PMU is granted to this guest (VCPU_F_PMU); without -icount there is
 * no instruction event and nothing is measured. */
bench:
	mrs	x2, pmceid0_el0
	tbz	x2, #8, 9f
	mov	x3, #1000
	isb
	mrs	x4, pmevcntr0_el0
5:	mov	x0, #0
	hvc	#HVC_ECHO
	subs	x3, x3, #1
	b.ne	5b
	isb
	mrs	x5, pmevcntr0_el0
	sub	x1, x5, x4
	mov	x2, #1000
	udiv	x1, x1, x2
	mov	x0, #B_HVC
	hvc	#HVC_BENCH
	mov	x3, #1000
	isb
	mrs	x4, pmevcntr0_el0
6:	ldr	w1, [x20, #0x4]
	subs	x3, x3, #1
	b.ne	6b
	isb
	mrs	x5, pmevcntr0_el0
	sub	x1, x5, x4
	mov	x2, #1000
	udiv	x1, x1, x2
	mov	x0, #B_MMIO
	hvc	#HVC_BENCH
	mov	x8, x30
	bl	vtimer_latency		/* warm-up: the first run loads the LRs' state */
	bl	vtimer_latency
	mov	x1, x0
	mov	x0, #B_VTIMER
	hvc	#HVC_BENCH
	mov	x30, x8
9:	ret

gic_enable:
	cbz	x19, 1f
	mov	x2, #0xff
	msr	S3_0_C4_C6_0, x2	/* ICC_PMR_EL1 */
	mov	x2, #1
	msr	S3_0_C12_C12_7, x2	/* ICC_IGRPEN1_EL1 */
	isb
	ret
1:	mov	x3, #GUEST_GICC
	mov	w2, #0xff
	str	w2, [x3, #0x4]		/* GICC_PMR */
	mov	w2, #1
	str	w2, [x3, #0x0]		/* GICC_CTLR: EnableGrp0 */
	ret

/* x0 <- acknowledged INTID */
gic_ack:
	cbz	x19, 1f
	mrs	x0, S3_0_C12_C12_0	/* ICC_IAR1_EL1 */
	ret
1:	mov	x3, #GUEST_GICC
	ldr	w0, [x3, #0xc]		/* GICC_IAR */
	ret

/* EOI of x0 */
gic_eoi:
	cbz	x19, 1f
	msr	S3_0_C12_C12_1, x0	/* ICC_EOIR1_EL1 */
	isb
	ret
1:	mov	x3, #GUEST_GICC
	str	w0, [x3, #0x10]		/* GICC_EOIR */
	ret

guest_irq:
	stp	x0, x1, [sp, #-48]!
	stp	x2, x3, [sp, #16]
	str	x30, [sp, #32]
	bl	gic_ack
	mov	x23, x0
	ubfx	x22, x0, #10, #3
	and	x0, x0, #0x3ff
	cmp	x0, #1020
	b.hs	9f
	mov	x25, x0
	cmp	x0, #27
	b.ne	1f
	msr	cntv_ctl_el0, xzr	/* timer off: its line drops */
	isb
1:	cmp	x0, #41
	b.ne	2f
	add	x24, x24, #1
	cmp	x24, #2
	b.ne	2f
	mov	x2, x0
	mov	x0, #41
	mov	x1, #2			/* VIRQ_LEVEL_LOW */
	hvc	#HVC_INJECT
2:	cmp	x25, #RTC_IRQ
	b.ne	3f
	ldr	x2, =GUEST_RTC
	mov	w3, #1
	str	w3, [x2, #0x1c]		/* RTCICR: the line drops before the EOI */
	add	x28, x28, #1
	adr	x2, pt_iar
	str	x23, [x2]
3:	mov	x0, x23		/* GICv2: the EOI names the SGI's source too */
	bl	gic_eoi
9:	ldr	x30, [sp, #32]
	ldp	x2, x3, [sp, #16]
	ldp	x0, x1, [sp], #48
	eret

guest_sync:
	mrs	x26, esr_el1
	lsr	x26, x26, #26
	mrs	x27, elr_el1
	add	x27, x27, #4
	msr	elr_el1, x27
	eret

	.balign	0x800
guest_vectors:
	.rept	4
	.balign	0x80
	b	.
	.endr
	.balign	0x80
	b	guest_sync		/* current EL, SPx: sync */
	.balign	0x80
	b	guest_irq		/* irq */
	.balign	0x80
	b	.
	.balign	0x80
	b	.
	.rept	8
	.balign	0x80
	b	.
	.endr

	.data
	.balign	8
second_ready:
	.quad	0
race_count:
	.quad	0
race_unmapped_at:
	.quad	0
race_done:
	.quad	0
pt_iar:
	.quad	0

	.bss
	.balign	16
	.global	guest_stack_top, guest_stack2_top
guest_stack:
	.skip	8192
guest_stack_top:
guest_stack2:
	.skip	8192
guest_stack2_top:
