/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The kernel log. Before init exists, and on panic, the kernel writes to the
 * UART itself; afterwards into a ring (struct log_ring, tessera/bootinfo.h)
 * that the console owner drains, signalling a notification for each write.
 * Debug builds (CONFIG_LOG_ECHO=1, the default) also echo to the UART.
 */
#ifndef KERNEL_LOG_H
#define KERNEL_LOG_H

#include <kernel/types.h>

struct log_ring;
struct notification;

void log_attach(struct log_ring *ring, struct notification *ntfn);
void log_write(const char *s, size_t n);
void log_panic_mode(void); /* from now on straight to the UART */

#endif
