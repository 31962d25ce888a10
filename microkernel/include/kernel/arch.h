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

#endif
