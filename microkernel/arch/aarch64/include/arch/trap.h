/* SPDX-License-Identifier: BSD-2-Clause */
/* aarch64 trap frame and exception syndrome fields (ARM ARM D17.2.37 ESR_ELx). */
#ifndef ARCH_TRAP_H
#define ARCH_TRAP_H

#include <kernel/types.h>
#include <arch/asm.h>

struct trap_frame {
	uint64_t x[31];
	uint64_t elr, spsr, esr, far;
	uint64_t pad;
};
_Static_assert(sizeof(struct trap_frame) == FRAME_SIZE, "frame layout matches vectors.S");
_Static_assert(__builtin_offsetof(struct trap_frame, elr) == FRAME_ELR, "elr offset");
_Static_assert(__builtin_offsetof(struct trap_frame, far) == FRAME_FAR, "far offset");

enum trap_kind {
	TRAP_CUR_SP0_SYNC = 0,
	TRAP_CUR_SPX_SYNC = 4,
	TRAP_CUR_SPX_IRQ = 5,
	TRAP_LOWER64_SYNC = 8,
	TRAP_LOWER64_IRQ = 9,
	TRAP_KINDS = 16,
};

#define ESR_EC(esr)  (((esr) >> 26) & 0x3f)
#define ESR_ISS(esr) ((esr)&0x1ffffff)
#define EC_BRK64     0x3c

/* Called from vectors.S; may change the frame (e.g. advance elr). */
void trap_handle(struct trap_frame *f, uint64_t kind);

/* Self-test hook: counts kernel BRK #imm traps with this immediate. */
#define BRK_SELFTEST 0x7e5
extern volatile unsigned trap_selftest_brks;

#endif
