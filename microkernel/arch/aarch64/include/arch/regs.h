/* SPDX-License-Identifier: BSD-2-Clause */
/* A user thread's saved registers (aarch64). Layout is used by vectors.S. */
#ifndef ARCH_REGS_H
#define ARCH_REGS_H

#include <stdint.h>

struct user_regs {
	uint64_t x[31];
	uint64_t sp;   /* SP_EL0 */
	uint64_t pc;   /* ELR_EL2 */
	uint64_t spsr; /* SPSR_EL2 */
};

struct fp_regs {
	uint64_t q[32][2];
	uint64_t fpsr, fpcr;
};

#define REGS_SP_OFFSET	 (31 * 8)
#define REGS_PC_OFFSET	 (32 * 8)
#define REGS_SPSR_OFFSET (33 * 8)

/* User PSTATE: EL0t, AArch64, interrupts unmasked; only NZCV may be set by users. */
#define SPSR_USER      0x0UL
#define SPSR_USER_MASK 0xf0000000UL

/* Syscall argument registers (see tessera/syscall.h). */
#define REG_CPTR  0
#define REG_INFO  1
#define REG_MR0	  2
#define REG_REPLY 6
#define REG_BADGE 6
#define REG_SYSNO 7

#endif
