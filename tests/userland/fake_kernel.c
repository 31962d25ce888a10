// SPDX-License-Identifier: BSD-2-Clause
/* The fake kernel behind tsr_fake_svc; see fake_kernel.h. */
#include <tessera/invocation.h>
#include <tessera/proc.h>
#include <tessera/runtime.h>
#include <tessera/syscall.h>

#include "fake_kernel.h"

#define LINUX_WRITE	 64
#define LINUX_EXIT_GROUP 94

struct fake_call fake_last;
uint64_t fake_status;
unsigned long fake_putc_count, fake_calls;

static long linux_syscall3(long nr, long a, long b, long c)
{
	register long x8 __asm__("x8") = nr;
	register long x0 __asm__("x0") = a;
	register long x1 __asm__("x1") = b;
	register long x2 __asm__("x2") = c;

	__asm__ volatile("svc 0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2) : "memory", "cc");
	return x0;
}

void fake_kernel(uint64_t regs[8])
{
	if (regs[7] == SYS_DEBUG_PUTC) {
		char c = (char)regs[0];
		fake_putc_count++;
		linux_syscall3(LINUX_WRITE, 1, (long)&c, 1);
		regs[0] = 0;
		return;
	}
	if (regs[7] == SYS_CALL && regs[0] == PROC_SLOT_TCB &&
	    MSGINFO_LABEL(regs[1]) == INV_TCB_SUSPEND)
		linux_syscall3(LINUX_EXIT_GROUP, tsr_exit_status, 0, 0);
	fake_calls++;
	for (int i = 0; i < 8; i++)
		fake_last.x[i] = regs[i];
	regs[0] = fake_status;
	for (int i = 2; i < 6; i++)
		regs[i] += 1;
	regs[6] = FAKE_BADGE;
}
