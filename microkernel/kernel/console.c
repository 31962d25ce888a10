// SPDX-License-Identifier: BSD-2-Clause
/*
 * Kernel console output, through the kernel log (kernel/log.h).
 */
#include <kernel/arch.h>
#include <kernel/log.h>
#include <kernel/printf.h>

static void console_vprintf(const char *fmt, va_list ap)
{
	char buf[256];
	int n = kvsnprintf(buf, sizeof(buf), fmt, ap);

	if (n < 0)
		return;
	log_write(buf, (size_t)n < sizeof(buf) ? (size_t)n : sizeof(buf) - 1);
}

void kprintf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	console_vprintf(fmt, ap);
	va_end(ap);
}

void panic(const char *fmt, ...)
{
	va_list ap;

	log_panic_mode();
	kprintf("\nPANIC: ");
	va_start(ap, fmt);
	console_vprintf(fmt, ap);
	va_end(ap);
	kprintf("\n");
	arch_halt();
}
