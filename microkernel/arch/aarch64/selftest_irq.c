// SPDX-License-Identifier: BSD-2-Clause
/*
 * Boot self-checks of interrupts, timer and secondary cores. Each check
 * opens a short window with IRQs unmasked at EL2 on the boot core and
 * watches the per-core counters arch_irq_dispatch keeps (irq_stats), with
 * a time limit, so a lost interrupt fails the check instead of hanging.
 */
#include <arch/gic.h>
#include <arch/selftest.h>
#include <arch/smp.h>
#include <kernel/arch.h>
#include <kernel/irq.h>
#include <kernel/printf.h>

#define WAIT_MS 2000 /* generous: under host load a vCPU may wait long for its turn */

static uint64_t ms_to_ticks(uint64_t ms)
{
	return timer_freq() * ms / 1000;
}

/* Waits until *counter moves from `before`, taking interrupts on this core meanwhile. */
static bool wait_change(volatile unsigned long *counter, unsigned long before)
{
	uint64_t end = timer_now() + ms_to_ticks(WAIT_MS);
	bool changed = false;

	__asm__ volatile("msr daifclr, #2" ::: "memory");
	while (!changed && timer_now() < end) {
		changed = __atomic_load_n(counter, __ATOMIC_ACQUIRE) != before;
		cpu_relax(); /* lets an emulator run the core that must answer */
	}
	__asm__ volatile("msr daifset, #2" ::: "memory");
	return changed || __atomic_load_n(counter, __ATOMIC_ACQUIRE) != before;
}

/* Waits until irq is neither pending nor active (its handler, maybe on another core, ended it). */
static bool wait_inactive(unsigned irq)
{
	uint64_t end = timer_now() + ms_to_ticks(WAIT_MS);

	while (irqc_is_pending(irq) || irqc_is_active(irq)) {
		if (timer_now() > end)
			return false;
		cpu_relax();
	}
	return true;
}

bool selftest_timer_irq(char *detail, size_t n)
{
	struct irq_cpu_stats *s = &irq_stats[cpu_id()];
	unsigned long before = s->timer;
	uint64_t deadline = timer_now() + ms_to_ticks(1) / 10; /* 100 us */

	timer_set_deadline(deadline);
	bool taken = wait_change(&s->timer, before);
	uint64_t seen = timer_now();
	timer_stop();
	ksnprintf(detail, n, "%s, %lu ticks after the deadline", taken ? "taken" : "not taken",
		  (unsigned long)(seen - deadline));
	/* Taken, and not before the deadline. The kernel's tick handler re-arms
	 * the timer, so a slow host may see a second tick: that is not an error. */
	return taken && seen >= deadline && s->timer >= before + 1;
}

bool selftest_smp(char *detail, size_t n)
{
	unsigned cores = 0;

	for (unsigned c = 0; c < PLAT_MAX_CPUS; c++)
		cores += smp_core_online(c);
	ksnprintf(detail, n, "cores=%u", cores);
	return cores >= 1 && smp_core_online(cpu_id());
}

/* Every online core, this one included, takes an SGI and counts it. */
bool selftest_ipi(char *detail, size_t n)
{
	unsigned sent = 0, acked = 0;

	for (unsigned c = 0; c < PLAT_MAX_CPUS; c++) {
		if (!smp_core_online(c))
			continue;
		unsigned long before = irq_stats[c].ipi;
		irqc_send_ipi(c);
		sent++;
		acked += wait_change(&irq_stats[c].ipi, before);
	}
	ksnprintf(detail, n, "acked=%u/%u", acked, sent);
	return sent >= 1 && acked == sent;
}

/* Raises one edge-triggered SPI through GICD_ISPENDR on core `core` and checks its handling. */
static bool spi_roundtrip(unsigned irq, unsigned core)
{
	struct irq_cpu_stats *s = &irq_stats[core];
	unsigned long before = s->other;

	irqc_set_target(irq, core);
	irqc_set_pending(irq);
	if (!irqc_is_pending(irq))
		return false;
	irqc_enable(irq);
	bool taken = wait_change(&s->other, before);
	bool ended = wait_inactive(irq);
	irqc_disable(irq);
	return taken && s->last_other == irq && ended;
}

bool selftest_irqc_spi(char *detail, size_t n)
{
	unsigned irq = irqc_num_irqs() - 1, me = cpu_id(), other = me;
	bool ok = irqc_num_irqs() > IRQC_FIRST_SPI && irqc_user_irq_ok(irq) &&
		  !irqc_user_irq_ok(IRQC_TIMER_PPI) && !irqc_user_irq_ok(IRQC_VTIMER_PPI) &&
		  irqc_user_irq_ok(IRQC_USER_TIMER_PPI) && !irqc_user_irq_ok(irqc_num_irqs());

	for (unsigned c = 0; c < PLAT_MAX_CPUS; c++)
		if (c != me && smp_core_online(c))
			other = c;
	irqc_set_level(irq, false);
	ok = ok && spi_roundtrip(irq, me);
	if (other != me) /* routed to another core */
		ok = ok && spi_roundtrip(irq, other);
	irqc_set_target(irq, me);
	irqc_set_level(irq, true);
	ksnprintf(detail, n, "intid=%u of %u, cores %u and %u", irq, irqc_num_irqs(), me, other);
	return ok;
}
