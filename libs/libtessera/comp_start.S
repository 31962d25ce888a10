// SPDX-License-Identifier: BSD-2-Clause
// Entry of every thread of a generated component (docs/idl.md "Threads",
// docs/userland.md "init realising a spec"): init starts each thread at the
// image's ELF entry with x0 = the thread's index, x1 = its IPC buffer,
// x2 = the interrupt controller's version (bootinfo) and sp = its stack
// top, nothing on the stack. comp_start.c does the rest.

	.text
	.global _start
	.type _start, %function
_start:
	mov	x29, #0
	mov	x30, #0
	mov	x3, sp
	and	sp, x3, #-16		// AAPCS64: sp 16-byte aligned
	bl	tsr_comp_start		// (index, ipcbuf, irqc) never returns
1:	b	1b
	.size _start, . - _start
