/* SPDX-License-Identifier: BSD-2-Clause */
/* IRQ handler capabilities: interrupts delivered as notification signals. */
#ifndef KERNEL_IRQCAP_H
#define KERNEL_IRQCAP_H

#include <kernel/object.h>

struct notification;
struct vcpu;

void irq_handler_finalise(unsigned irq);
/* Called for a user-owned interrupt: masks it and signals its notification,
 * or, routed to a vCPU (spec 4.30b), pends it there hardware-linked and
 * returns true (the interrupt stays active until the guest deactivates it). */
bool irq_deliver(unsigned irq);
/* Drops every route to n (n is being destroyed). */
void irq_forget_notification(const struct notification *n);
/* Drops every route to v (v is being destroyed); their active state is cleared. */
void irq_forget_vcpu(const struct vcpu *v);

#endif
