// SPDX-License-Identifier: BSD-2-Clause
// Entry of a root task (init, or a test root task) in the init image format
// of <tessera/bootinfo.h>: the image header comes first, at INIT_VADDR
// (root.ld puts section .init_header there). The kernel enters _start at
// EL0 with x0 = the boot information's address and sp = INIT_STACK_TOP,
// with nothing on the stack: root_start.c builds what musl expects.

	.section .init_header, "a"
	.balign 8
	.global tsr_init_image_header
tsr_init_image_header:
	.quad 0x54534952494e4954	// INIT_IMAGE_MAGIC
	.quad _start			// entry
	.quad __image_file_size		// text + data (root.ld)
	.quad __image_mem_size		// ... + bss

	// One byte in each TLS section (see root.ld).
	.section .tdata.tsr_root, "awT", %progbits
	.balign 16
	.byte 0
	.section .tbss.tsr_root, "awT", %nobits
	.balign 16
	.zero 1

	.text
	.global _start
	.type _start, %function
_start:
	mov	x29, #0
	mov	x30, #0
	mov	x1, sp
	and	sp, x1, #-16		// AAPCS64: sp 16-byte aligned
	bl	tsr_root_start		// (bootinfo) never returns
1:	b	1b
	.size _start, . - _start
