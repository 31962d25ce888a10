/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The lifecycle test guest (tests/fault/lifeguest.h; configs/test-vms.tsr):
 * a bare-metal EL1 program, MMU off, loaded by the VMM as an ELF kernel.
 * It prints "lifeguest: up" on the PL011, checks that [LG_SCAN_BASE,
 * LG_SCAN_END) is all zero ("lifeguest: ram zeroed yes|no"), fills it with
 * LG_FILL_BYTE (so memory leaked into a next run shows), then loops: every
 * 10 ms (virtual timer, WFI with IRQs masked, acknowledged at the GIC) it
 * reads the PL031 (an emulated MMIO exit) and polls the mailbox word; every
 * LG_ALIVE_TICKS iterations it prints "lifeguest: alive N".
 * With the MMU off its loads and stores are Device-nGnRnE (uncached): under
 * QEMU's TCG init's and the VMM's cached writes (the mailbox) are seen at
 * once; on hardware the writers would have to clean their caches.
 * UART lines are written without polling UARTFR: the VMM's PL011 model
 * flushes a line at its newline, so each line leaves the VMM whole.
 * Registers: x19 GIC version field (1: GICv3 system registers, else GICv2),
 * x20 UART, x21 ticks since the last alive line, x22 timer ticks per
 * iteration, x23 RTC, x24 mailbox, x25 alive count, x26 next deadline.
 */
#include "lifeguest.h"

#define UART_DR		  0x09000000
#define RTC_DR		  0x09010000
#define GICD		  0x08000000
#define GICC		  0x08010000 /* GICv2: init maps the GICV frame here */
#define GICR_SGI	  0x080b0000 /* vCPU 0's SGI_base (RD_base + 64 KiB) */
#define VTIMER_INTID	  27
#define PSCI_SYSTEM_OFF	  0x84000008
#define PSCI_SYSTEM_RESET 0x84000009

	.section .text.entry, "ax"
	.global	_start
_start:
	msr	daifset, #0xf
	ldr	x0, =lg_stack_top
	mov	sp, x0
	adr	x0, lg_vectors
	msr	vbar_el1, x0
	isb
	ldr	x20, =UART_DR
	ldr	x23, =RTC_DR
	ldr	x24, =LG_MAILBOX
	mrs	x1, id_aa64pfr0_el1
	ubfx	x19, x1, #24, #4
	adr	x0, s_up
	bl	puts
	bl	check_zero
	/* the verdict for init too: LG_STATUS = ZEROED or NOT_ZEROED */
	mov	x1, #LG_STATUS_ZEROED
	mov	x2, #LG_STATUS_NOT_ZEROED
	cmp	x0, #0
	csel	x3, x1, x2, ne
	ldr	x4, =LG_STATUS
	str	x3, [x4]
	adr	x1, s_zero_yes
	adr	x2, s_zero_no
	csel	x0, x1, x2, ne
	bl	puts
	bl	fill
	bl	gic_init
	mrs	x22, cntfrq_el0
	mov	x1, #LG_TICK_HZ
	udiv	x22, x22, x1
	mov	x21, #0
	mov	x25, #0
	mrs	x26, cntvct_el0
main_loop:
	/* The next deadline; after a long stop (paused VM) restart from now
	 * rather than catch up. */
	add	x26, x26, x22
	mrs	x0, cntvct_el0
	cmp	x26, x0
	b.hs	1f
	add	x26, x0, x22
1:	msr	cntv_cval_el0, x26
	mov	x0, #1
	msr	cntv_ctl_el0, x0
	isb
	bl	wait_timer
	ldr	w0, [x23]		/* RTCDR: an exit the VMM emulates */
	ldr	x0, [x24]
	cbz	x0, 2f
	str	xzr, [x24]
	bl	command
2:	add	x21, x21, #1
	cmp	x21, #LG_ALIVE_TICKS
	b.lo	main_loop
	mov	x21, #0
	add	x25, x25, #1
	adr	x0, s_alive
	bl	puts
	mov	x0, x25
	bl	put_dec
	adr	x0, s_nl
	bl	puts
	b	main_loop

/* Waits with IRQs masked (WFI still wakes on a pending one) until the GIC
 * hands out the virtual timer's INTID; turns the timer off (its line drops)
 * and EOIs it. Any other interrupt is EOId and ignored. */
wait_timer:
	stp	x29, x30, [sp, #-16]!
1:	wfi
	bl	gic_ack
	and	x1, x0, #0x3ff
	cmp	x1, #1020
	b.hs	1b			/* spurious: nothing for us yet */
	cmp	x1, #VTIMER_INTID
	b.ne	2f
	msr	cntv_ctl_el0, xzr
	isb
	bl	gic_eoi
	ldp	x29, x30, [sp], #16
	ret
2:	bl	gic_eoi
	b	1b

/* The virtual timer PPI enabled, group 1, priority mask open. */
gic_init:
	ldr	x3, =GICD
	cbz	x19, 1f
	mov	w2, #0x12		/* GICD_CTLR: ARE, EnableGrp1 (DS = 1) */
	str	w2, [x3]
	ldr	x3, =GICR_SGI
	mov	w2, #1 << VTIMER_INTID
	str	w2, [x3, #0x80]		/* GICR_IGROUPR0 */
	str	w2, [x3, #0x100]	/* GICR_ISENABLER0 */
	mov	x2, #0xff
	msr	S3_0_C4_C6_0, x2	/* ICC_PMR_EL1 */
	mov	x2, #1
	msr	S3_0_C12_C12_7, x2	/* ICC_IGRPEN1_EL1 */
	isb
	ret
1:	mov	w2, #1
	str	w2, [x3]		/* GICD_CTLR: enable */
	mov	w2, #1 << VTIMER_INTID
	str	w2, [x3, #0x100]	/* GICD_ISENABLER0 (banked) */
	ldr	x3, =GICC
	mov	w2, #0xff
	str	w2, [x3, #0x4]		/* GICC_PMR */
	mov	w2, #1
	str	w2, [x3]		/* GICC_CTLR: EnableGrp0 */
	ret

/* x0 <- the acknowledged interrupt (1023: none). */
gic_ack:
	cbz	x19, 1f
	mrs	x0, S3_0_C12_C12_0	/* ICC_IAR1_EL1 */
	ret
1:	ldr	x3, =GICC
	ldr	w0, [x3, #0xc]		/* GICC_IAR */
	ret

/* End of interrupt x0 (priority drop and deactivation). */
gic_eoi:
	cbz	x19, 1f
	msr	S3_0_C12_C12_1, x0	/* ICC_EOIR1_EL1 */
	isb
	ret
1:	ldr	x3, =GICC
	str	w0, [x3, #0x10]		/* GICC_EOIR */
	ret

/* A mailbox command in x0. */
command:
	stp	x29, x30, [sp, #-16]!
	cmp	x0, #LG_CMD_PANIC
	b.eq	cmd_panic
	cmp	x0, #LG_CMD_RESET
	b.eq	cmd_reset
	cmp	x0, #LG_CMD_OFF
	b.eq	cmd_off
	cmp	x0, #LG_CMD_HELLO
	b.ne	cmd_unknown
	adr	x0, s_hello
	bl	puts
	b	cmd_done
cmd_unknown:
	mov	x27, x0
	adr	x0, s_unknown
	bl	puts
	mov	x0, x27
	bl	put_dec
	adr	x0, s_nl
	bl	puts
cmd_done:
	ldp	x29, x30, [sp], #16
	ret
cmd_panic:				/* hangs without another exit to the VMM */
	adr	x0, s_panic
	bl	puts
	msr	daifset, #0xf
	msr	cntv_ctl_el0, xzr
	isb
1:	wfi
	b	1b
cmd_reset:
	ldr	x0, =PSCI_SYSTEM_RESET
	b	1f
cmd_off:
	ldr	x0, =PSCI_SYSTEM_OFF
1:	mov	x27, x0
	hvc	#0			/* the VMM stops every vCPU: no return */
	adr	x0, s_psci_returned
	bl	puts
	mov	x0, x27
	bl	put_dec
	adr	x0, s_nl
	bl	puts
	b	cmd_done

/* x0 <- 1 if [LG_SCAN_BASE, LG_SCAN_END) is all zero, else 0. */
check_zero:
	ldr	x1, =LG_SCAN_BASE
	ldr	x2, =LG_SCAN_END
	mov	x0, #1
1:	ldp	x3, x4, [x1], #16
	orr	x3, x3, x4
	cbnz	x3, 2f
	cmp	x1, x2
	b.lo	1b
	ret
2:	mov	x0, #0
	ret

/* [LG_SCAN_BASE, LG_SCAN_END) <- LG_FILL_BYTE. */
fill:
	ldr	x1, =LG_SCAN_BASE
	ldr	x2, =LG_SCAN_END
	mov	x3, #LG_FILL_BYTE
	orr	x3, x3, x3, lsl #8
	orr	x3, x3, x3, lsl #16
	orr	x3, x3, x3, lsl #32
1:	stp	x3, x3, [x1], #16
	cmp	x1, x2
	b.lo	1b
	ret

/* Writes the NUL-terminated string at x0 (clobbers x0, x1). */
puts:
1:	ldrb	w1, [x0], #1
	cbz	w1, 2f
	str	w1, [x20]
	b	1b
2:	ret

/* Writes x0 in decimal (clobbers x0-x4). */
put_dec:
	stp	x29, x30, [sp, #-48]!
	add	x1, sp, #47
	strb	wzr, [x1]
	mov	x2, #10
1:	udiv	x3, x0, x2
	msub	x4, x3, x2, x0
	add	w4, w4, #'0'
	sub	x1, x1, #1
	strb	w4, [x1]
	mov	x0, x3
	cbnz	x0, 1b
	mov	x0, x1
	bl	puts
	ldp	x29, x30, [sp], #48
	ret

/* Any exception is unexpected: say so with ESR_EL1, then wait forever. */
unexpected:
	ldr	x0, =lg_stack_top
	mov	sp, x0
	adr	x0, s_exception
	bl	puts
	mrs	x0, esr_el1
	bl	put_dec
	adr	x0, s_nl
	bl	puts
	msr	daifset, #0xf
1:	wfi
	b	1b

	.balign	0x800
lg_vectors:
	.rept	16
	.balign	0x80
	b	unexpected
	.endr

	.section .rodata
s_up:		.asciz "lifeguest: up\n"
s_zero_yes:	.asciz "lifeguest: ram zeroed yes\n"
s_zero_no:	.asciz "lifeguest: ram zeroed no\n"
s_alive:	.asciz "lifeguest: alive "
s_nl:		.asciz "\n"
s_hello:	.asciz "lifeguest: hello\n"
s_panic:	.asciz "lifeguest: panic\n"
s_unknown:	.asciz "lifeguest: unknown mailbox command "
s_psci_returned: .asciz "lifeguest: PSCI call returned; function "
s_exception:	.asciz "lifeguest: unexpected exception, ESR_EL1 "

	.bss
	.balign	16
	.space	0x4000
lg_stack_top:
