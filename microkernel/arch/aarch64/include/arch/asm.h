/* SPDX-License-Identifier: BSD-2-Clause */
/* Constants shared by the aarch64 assembly files. */
#ifndef ARCH_ASM_H
#define ARCH_ASM_H

#define CURRENTEL_EL2	  (2 << 2)
#define PMCR_E		  (1 << 0)
#define PMCR_P		  (1 << 1)
#define PMCR_LP		  (1 << 7)
#define KERNEL_STACK_SIZE 16384

/* Trap frame: x0-x30, elr, spsr, esr, far (ARM ARM D1.10). */
#define FRAME_ELR  (31 * 8)
#define FRAME_SPSR (32 * 8)
#define FRAME_ESR  (33 * 8)
#define FRAME_FAR  (34 * 8)
#define FRAME_SIZE (36 * 8)

#endif
