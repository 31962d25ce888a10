/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The kernel log. Before init exists, and on panic, the kernel writes to the
 * UART itself; afterwards into a ring (struct log_ring, tessera/bootinfo.h)
 * that the console owner drains, signalling a notification for each write.
 * With CONFIG_LOG_ECHO=1 the kernel also echoes to the UART (duplicates
 * what the console owner prints). log_urgent goes to the UART only, for
 * messages that must be seen even if the console owner is the one failing.
 */
#ifndef KERNEL_LOG_H
#define KERNEL_LOG_H

#include <kernel/types.h>

struct log_ring;
struct notification;

void log_attach(struct log_ring *ring, struct notification *ntfn);
void log_write(const char *s, size_t n);
void log_panic_mode(void);
void log_urgent(const char *s, size_t n); /* from now on straight to the UART */

#endif
