/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Per-core kernel state. TPIDR_EL2 (arch) points at this core's struct cpu;
 * cur_regs must stay first: the trap entry saves user registers through it.
 */
#ifndef KERNEL_CPU_H
#define KERNEL_CPU_H

#include <kernel/thread.h>

#define NUM_PRIOS 256

struct cpu {
	struct user_regs *cur_regs; /* == &current->regs (offset 0: used by vectors.S) */
	struct tcb *current;
	struct tcb *idle;
	struct tcb *fp_owner;
	bool resched;
	uint64_t vttbr; /* what VTTBR_EL2 holds (arch) */
	unsigned index;
	uint64_t bitmap[NUM_PRIOS / 64];
	struct tcb *head[NUM_PRIOS], *tail[NUM_PRIOS];
	struct tcb idle_tcb;
};

extern struct cpu cpus[];
struct cpu *this_cpu(void); /* arch: from TPIDR_EL2 */
unsigned cpus_online(void);

#endif
