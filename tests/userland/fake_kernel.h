/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A fake Tessera kernel inside a qemu-aarch64 user-mode process, for
 * testing libtessera's real inline-asm stubs and the runtime (tests only).
 * SYS_DEBUG_PUTC writes to the Linux stdout; Suspend of slot 1 (the
 * runtime's exit path) ends the process with tsr_exit_status; every other
 * call is recorded in fake_last and answered with: x0 = fake_status,
 * x1 = info, x2-x5 = words + 1, x6 = FAKE_BADGE.
 */
#ifndef FAKE_KERNEL_H
#define FAKE_KERNEL_H

#include <stdint.h>

#define FAKE_BADGE 0xbad9e

struct fake_call {
	uint64_t x[8]; /* x0..x7 as the stub passed them */
};
extern struct fake_call fake_last;
extern uint64_t fake_status;
extern unsigned long fake_putc_count, fake_calls;

void fake_kernel(uint64_t regs[8]);

#endif
