// SPDX-License-Identifier: BSD-2-Clause
// A user-level stand-in for "svc #0" (tests only): libtessera built with
// -DTSR_FAKE_SVC does "bl tsr_fake_svc" instead. Like the kernel, this
// keeps every register except x0-x6 (results) and x30 (the bl): it saves
// the caller-saved ones and calls fake_kernel(uint64_t regs[8]) with
// regs = x0..x7 in, x0..x6 out.
	.text
	.global tsr_fake_svc
	.type tsr_fake_svc, %function
tsr_fake_svc:
	stp	x29, x30, [sp, #-240]!
	mov	x29, sp
	stp	x0, x1, [sp, #16]
	stp	x2, x3, [sp, #32]
	stp	x4, x5, [sp, #48]
	stp	x6, x7, [sp, #64]
	stp	x8, x9, [sp, #80]
	stp	x10, x11, [sp, #96]
	stp	x12, x13, [sp, #112]
	stp	x14, x15, [sp, #128]
	stp	x16, x17, [sp, #144]
	str	x18, [sp, #160]
	sub	sp, sp, #384
	stp	q0, q1, [sp, #0]
	stp	q2, q3, [sp, #32]
	stp	q4, q5, [sp, #64]
	stp	q6, q7, [sp, #96]
	stp	q16, q17, [sp, #128]
	stp	q18, q19, [sp, #160]
	stp	q20, q21, [sp, #192]
	stp	q22, q23, [sp, #224]
	stp	q24, q25, [sp, #256]
	stp	q26, q27, [sp, #288]
	stp	q28, q29, [sp, #320]
	stp	q30, q31, [sp, #352]
	add	x0, sp, #384 + 16	// regs[] = the saved x0..x7
	bl	fake_kernel
	ldp	q0, q1, [sp, #0]
	ldp	q2, q3, [sp, #32]
	ldp	q4, q5, [sp, #64]
	ldp	q6, q7, [sp, #96]
	ldp	q16, q17, [sp, #128]
	ldp	q18, q19, [sp, #160]
	ldp	q20, q21, [sp, #192]
	ldp	q22, q23, [sp, #224]
	ldp	q24, q25, [sp, #256]
	ldp	q26, q27, [sp, #288]
	ldp	q28, q29, [sp, #320]
	ldp	q30, q31, [sp, #352]
	add	sp, sp, #384
	ldp	x0, x1, [sp, #16]
	ldp	x2, x3, [sp, #32]
	ldp	x4, x5, [sp, #48]
	ldr	x6, [sp, #64]
	ldp	x8, x9, [sp, #80]
	ldp	x10, x11, [sp, #96]
	ldp	x12, x13, [sp, #112]
	ldp	x14, x15, [sp, #128]
	ldp	x16, x17, [sp, #144]
	ldr	x18, [sp, #160]
	ldp	x29, x30, [sp], #240
	ret
	.size tsr_fake_svc, . - tsr_fake_svc
