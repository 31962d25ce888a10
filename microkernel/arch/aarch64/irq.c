// SPDX-License-Identifier: BSD-2-Clause
/*
 * Interrupt entry (from the IRQ vectors through trap.c) and the weak
 * defaults of the generic kernel's interrupt handlers.
 */
#include <arch/gic.h>
#include <kernel/irq.h>

struct irq_cpu_stats irq_stats[PLAT_MAX_CPUS];

/* Only this core writes its counters; others read them (release: last_other first). */
static void count(volatile unsigned long *counter)
{
	__atomic_store_n(counter, *counter + 1, __ATOMIC_RELEASE);
}

/*
 * Runs with PSTATE.I set. Handles everything pending, highest priority
 * first; the GIC returns the spurious INTID once nothing is left (IHI 0069
 * 2.2.1, IHI 0048B 3.2.5). EOImode 1: the EOI drops the running priority,
 * the deactivation follows, except for an interrupt the generic kernel
 * handed to a guest hardware-linked: the guest's deactivation ends it.
 */
void arch_irq_dispatch(void)
{
	struct irq_cpu_stats *s = &irq_stats[cpu_id()];

	for (;;) {
		unsigned irq = irqc_ack();
		bool linked = false;
		if (irq == IRQC_SPURIOUS)
			break;
		if (irq == IRQC_TIMER_PPI) {
			timer_stop(); /* one-shot: the level interrupt falls silent */
			count(&s->timer);
			kernel_timer_tick();
		} else if (irq == IRQC_VTIMER_PPI || irq == IRQC_VGIC_MAINT_PPI) {
			vgic_irq(irq);
		} else if (irq == IRQC_IPI_SGI) {
			count(&s->ipi);
			kernel_ipi();
		} else {
			s->last_other = irq;
			count(&s->other);
			linked = kernel_irq(irq);
		}
		irqc_end(irq, !linked);
	}
}

/* arch/aarch64/vgic.c; the weak default serves host tests of this file. */
__attribute__((weak)) void vgic_irq(unsigned irq)
{
	(void)irq;
}

__attribute__((weak)) void kernel_timer_tick(void)
{
}

__attribute__((weak)) void kernel_ipi(void)
{
}

__attribute__((weak)) bool kernel_irq(unsigned irq)
{
	(void)irq;
	return false;
}
