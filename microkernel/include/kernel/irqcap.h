/* SPDX-License-Identifier: BSD-2-Clause */
/* IRQ handler capabilities: interrupts delivered as notification signals. */
#ifndef KERNEL_IRQCAP_H
#define KERNEL_IRQCAP_H

#include <kernel/object.h>

struct notification;

void irq_handler_finalise(unsigned irq);
/* Called for a user-owned interrupt: masks it and signals its notification. */
void irq_deliver(unsigned irq);
/* Drops every route to n (n is being destroyed). */
void irq_forget_notification(const struct notification *n);

#endif
