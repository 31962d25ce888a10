/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What generic kernel code needs from the architecture. Each arch provides
 * these in arch/<arch>/ (functions) and <arch/machine.h> (inline helpers).
 */
#ifndef KERNEL_ARCH_H
#define KERNEL_ARCH_H

#include <kernel/types.h>
#include <arch/machine.h>

/* Early and panic console: writes one character, polling the UART. */
void arch_console_putc(char c);
/* Stops this core for good (interrupts masked). */
NORETURN void arch_halt(void);
/* Name of the privilege level the kernel runs at, e.g. "EL2". */
const char *arch_kernel_level(void);
/* Interrupt controller version found at boot (e.g. 2 or 3), 0 if unknown. */
unsigned arch_irqc_version(void);
struct boot_info;
struct selftest_result;
/* Runs the arch boot self-checks and prints one TEST line per check. */
struct selftest_result arch_selftest(const struct boot_info *bi);
/* Prints the arch part of the banner (CPU, interrupt controller). */
void arch_print_banner(void);

struct tcb;
struct user_regs;
/* Asks another core to reschedule (an IPI). */
void arch_send_resched(unsigned core);
/* Saves what the arch keeps lazily (FP/SIMD) when t stops running here. */
void arch_switch_out(struct tcb *t);
/* Installs t's address space and traps for its first FP/SIMD use. */
void arch_switch_in(struct tcb *t);
/* Restores regs and returns to EL0; releases the kernel lock. */
NORETURN void arch_return_to_user(struct user_regs *regs);
/* Idles until an interrupt, with the kernel lock released; returns with it held. */
void arch_idle_wait(void);
/* Per core: EL0 translation/trap setup and the empty kernel stack's top. */
void arch_user_init_cpu(unsigned core, uint64_t stack_top);
uint64_t arch_stack_top(unsigned core);
/* Per core, after irqc_init_cpu and timer_init_cpu: guest-mode (vCPU) setup. */
void arch_vcpu_init_cpu(unsigned core);
/* Zeroes [addr, addr + bytes) of kernel-mapped normal memory (a retyped object). */
void arch_zero(uint64_t addr, uint64_t bytes);
/* Kernel lock (one for all cores). */
void kernel_lock(void);
void kernel_unlock(void);

#endif
