/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * EL2 exception vector table (ARM ARM D1.10.2): 16 entries of 0x80 bytes,
 * 2 KiB aligned. Every entry saves a trap frame and calls a C handler with
 * (frame, kind); kinds are listed in trap.h.
 */
#include <arch/asm.h>

.macro	vector_entry kind
	.balign	0x80
	sub	sp, sp, #FRAME_SIZE
	stp	x0, x1, [sp, #0]
	mov	x1, #\kind
	b	trap_entry
.endm

/*
 * From EL0: save the user registers into the current thread's struct
 * user_regs (struct cpu's first field, via TPIDR_EL2), then enter C on this
 * core's kernel stack, which is empty whenever user code runs.
 */
.macro	user_vector kind
	.balign	0x80
	stp	x0, x1, [sp, #-16]!
	mrs	x0, tpidr_el2
	ldr	x0, [x0]
	stp	x2, x3, [x0, #16]
	mov	x2, #\kind
	b	user_entry
.endm

	.text
	.balign	0x800
	.global	vectors_el2
vectors_el2:
	vector_entry 0	/* current EL, SP_EL0: sync */
	vector_entry 1	/* irq */
	vector_entry 2	/* fiq */
	vector_entry 3	/* serror */
	vector_entry 4	/* current EL, SP_ELx: sync */
	vector_entry 5
	vector_entry 6
	vector_entry 7
	user_vector 8	/* lower EL, aarch64: sync */
	user_vector 9	/* irq */
	user_vector 10	/* fiq */
	user_vector 11	/* serror */
	vector_entry 12	/* lower EL, aarch32 */
	vector_entry 13
	vector_entry 14
	vector_entry 15

/* x0 and x1 are saved; x1 holds the vector kind. */
trap_entry:
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x19, [sp, #144]
	stp	x20, x21, [sp, #160]
	stp	x22, x23, [sp, #176]
	stp	x24, x25, [sp, #192]
	stp	x26, x27, [sp, #208]
	stp	x28, x29, [sp, #224]
	mrs	x2, elr_el2
	stp	x30, x2, [sp, #240]
	mrs	x2, spsr_el2
	mrs	x3, esr_el2
	stp	x2, x3, [sp, #FRAME_SPSR]
	mrs	x2, far_el2
	str	x2, [sp, #FRAME_FAR]
	mov	x0, sp
	bl	trap_handle
	ldp	x2, x3, [sp, #FRAME_ELR]
	msr	elr_el2, x2
	msr	spsr_el2, x3
	ldp	x0, x1, [sp, #0]
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	ldp	x8, x9, [sp, #64]
	ldp	x10, x11, [sp, #80]
	ldp	x12, x13, [sp, #96]
	ldp	x14, x15, [sp, #112]
	ldp	x16, x17, [sp, #128]
	ldp	x18, x19, [sp, #144]
	ldp	x20, x21, [sp, #160]
	ldp	x22, x23, [sp, #176]
	ldp	x24, x25, [sp, #192]
	ldp	x26, x27, [sp, #208]
	ldp	x28, x29, [sp, #224]
	ldr	x30, [sp, #240]
	add	sp, sp, #FRAME_SIZE
	eret

/* x0 = user_regs, x2 = kind; x0/x1 of the user are on the stack, x2/x3 saved. */
user_entry:
	stp	x4, x5, [x0, #32]
	stp	x6, x7, [x0, #48]
	stp	x8, x9, [x0, #64]
	stp	x10, x11, [x0, #80]
	stp	x12, x13, [x0, #96]
	stp	x14, x15, [x0, #112]
	stp	x16, x17, [x0, #128]
	stp	x18, x19, [x0, #144]
	stp	x20, x21, [x0, #160]
	stp	x22, x23, [x0, #176]
	stp	x24, x25, [x0, #192]
	stp	x26, x27, [x0, #208]
	stp	x28, x29, [x0, #224]
	mrs	x3, sp_el0
	stp	x30, x3, [x0, #240]
	mrs	x3, elr_el2
	mrs	x4, spsr_el2
	stp	x3, x4, [x0, #256]
	ldp	x3, x4, [sp], #16
	stp	x3, x4, [x0, #0]
	mov	x0, x2
	bl	user_trap	/* does not return: leaves through user_return */

/*
 * user_return(regs, stack_top): back to EL0 with regs; the kernel stack is
 * reset to empty for the next entry.
 */
	.global	user_return
user_return:
	mov	sp, x1
	ldp	x2, x3, [x0, #256]
	msr	elr_el2, x2
	msr	spsr_el2, x3
	ldr	x2, [x0, #248]
	msr	sp_el0, x2
	ldp	x2, x3, [x0, #16]
	ldp	x4, x5, [x0, #32]
	ldp	x6, x7, [x0, #48]
	ldp	x8, x9, [x0, #64]
	ldp	x10, x11, [x0, #80]
	ldp	x12, x13, [x0, #96]
	ldp	x14, x15, [x0, #112]
	ldp	x16, x17, [x0, #128]
	ldp	x18, x19, [x0, #144]
	ldp	x20, x21, [x0, #160]
	ldp	x22, x23, [x0, #176]
	ldp	x24, x25, [x0, #192]
	ldp	x26, x27, [x0, #208]
	ldp	x28, x29, [x0, #224]
	ldr	x30, [x0, #240]
	ldp	x0, x1, [x0, #0]
	eret
