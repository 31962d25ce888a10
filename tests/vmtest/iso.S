/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Two-guest isolation (tests/vmtest/iso.c): two guests, each in its own
 * VSpace (own VMID), run this code at once on one core. x0 = its pattern,
 * x1 = an IPA mapped only in the other guest's VSpace. Each fills its
 * private page at GUEST_PRIV with its pattern, then reads it back while
 * the two alternate (the same IPA mapped to different frames in two
 * VMIDs on one core); then it reads the other guest's IPA, which must fault
 * to its own VMM (which injects an abort). Reports with HVC #HVC_REPORT
 * (badge says which guest), ends with HVC #HVC_DONE.
 * x19 pattern, x20 errors, x21 switches seen, x26 last sync EC.
 */
#include "guest.h"

#define ISO_LAST GUEST_ISO_SHARED
#define ISO_DONE (GUEST_ISO_SHARED + 8)

	.text
	.balign	4
	.global	iso_entry
iso_entry:
	adr	x2, iso_vectors
	msr	vbar_el1, x2
	isb
	mov	x19, x0
	mov	x22, x1
	mov	x20, #0
	/* fill the private page */
	mov	x2, #GUEST_PRIV
	mov	x3, #512
1:	str	x19, [x2], #8
	subs	x3, x3, #1
	b.ne	1b
	/* Check the page until this guest has seen the other run ISO_SWITCHES
	 * times (iso_last, in the page both guests map, names the last guest
	 * seen) or the other has finished (iso_done). On one core they
	 * alternate on the scheduler's round-robin tick. */
	mov	x21, #0
	ldr	x5, =ISO_LAST
	ldr	x6, =ISO_DONE
2:	mov	x2, #GUEST_PRIV
	ldr	x3, [x2]
	cmp	x3, x19
	cinc	x20, x20, ne
	ldr	x3, [x2, #4088]
	cmp	x3, x19
	cinc	x20, x20, ne
	ldr	x3, [x5]
	cmp	x3, x19
	b.eq	3f
	str	x19, [x5]
	add	x21, x21, #1
3:	ldr	x3, [x6]
	cbnz	x3, 4f
	cmp	x21, #ISO_SWITCHES
	b.lo	2b
4:	mov	x3, #1
	str	x3, [x6]
	mov	x1, x21
	mov	x0, #T_ISO_SWITCHES
	hvc	#HVC_REPORT
	mov	x1, x20
	mov	x0, #T_ISO_ERRORS
	hvc	#HVC_REPORT
	/* the other guest's memory: not in this VSpace */
	mov	x26, #0xff
	ldr	x3, [x22]
	mov	x1, x26
	mov	x0, #T_ISO_OTHER_EC
	hvc	#HVC_REPORT
	hvc	#HVC_DONE
3:	wfi
	b	3b

iso_sync:
	mrs	x26, esr_el1
	lsr	x26, x26, #26
	mrs	x27, elr_el1
	add	x27, x27, #4
	msr	elr_el1, x27
	eret

	.text
	.balign	0x800
iso_vectors:
	.rept	4
	.balign	0x80
	b	.
	.endr
	.balign	0x80
	b	iso_sync		/* current EL, SPx: sync */
	.rept	11
	.balign	0x80
	b	.
	.endr
