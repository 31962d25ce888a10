// SPDX-License-Identifier: BSD-2-Clause
/*
 * Kernel console output. During early boot and on panic the kernel writes to
 * the UART directly; the log ring for a user-level console owner comes with
 * the user-level console (see docs/architecture.md).
 */
#include <kernel/arch.h>
#include <kernel/printf.h>

static void console_write(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			arch_console_putc('\r');
		arch_console_putc(s[i]);
	}
}

static void console_vprintf(const char *fmt, va_list ap)
{
	char buf[256];
	int n = kvsnprintf(buf, sizeof(buf), fmt, ap);

	if (n < 0)
		return;
	console_write(buf, (size_t)n < sizeof(buf) ? (size_t)n : sizeof(buf) - 1);
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

	kprintf("\nPANIC: ");
	va_start(ap, fmt);
	console_vprintf(fmt, ap);
	va_end(ap);
	kprintf("\n");
	arch_halt();
}
