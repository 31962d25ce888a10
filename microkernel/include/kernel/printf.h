/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Kernel formatted output. kvsnprintf is a pure function (host-tested);
 * kprintf formats into a bounded buffer and hands it to the console.
 * Supported: %c %s %d %i %u %x %X %p %%, flags '0' and '-', a field width,
 * length modifiers l, ll, z. Output longer than the buffer is truncated;
 * the return value is the length the full output would have had.
 */
#ifndef KERNEL_PRINTF_H
#define KERNEL_PRINTF_H

#include <kernel/types.h>

int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int ksnprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
NORETURN void panic(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
