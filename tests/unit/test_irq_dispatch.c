// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host tests of the interrupt dispatcher (microkernel/arch/<arch>/irq.c, the
 * real file) against a fake interrupt controller and timer: the order of
 * acknowledge, timer stop, handler, priority drop (EOI) and deactivation
 * (EOImode 1; none for a hardware-linked interrupt), the loop until spurious, and the
 * per-core counters.
 */
#include <arch/gic.h>
#include <kernel/irq.h>
#include <string.h>

#include "check.h"

static char log_buf[256];
static unsigned script[8], script_len, script_pos, fake_core;

static void note(const char *fmt, unsigned v)
{
	size_t len = strlen(log_buf);
	snprintf(log_buf + len, sizeof(log_buf) - len, fmt, v);
}

static void start(const unsigned *irqs, unsigned n, unsigned core)
{
	log_buf[0] = '\0';
	for (unsigned i = 0; i < n; i++)
		script[i] = irqs[i];
	script_len = n;
	script_pos = 0;
	fake_core = core;
}

/* Fakes of the arch and of the generic kernel's handlers. */
unsigned irqc_ack(void)
{
	unsigned irq = script_pos < script_len ? script[script_pos++] : IRQC_SPURIOUS;
	note("A%u ", irq);
	return irq;
}

void irqc_end(unsigned irq, bool deactivate)
{
	note("E%u ", irq);
	if (deactivate)
		note("D%u ", irq);
}

void timer_stop(void)
{
	note("S ", 0);
}

unsigned cpu_id(void)
{
	return fake_core;
}

void kernel_timer_tick(void)
{
	note("T ", 0);
}

void kernel_ipi(void)
{
	note("I ", 0);
}

/* INTID 50 plays an interrupt handed to a guest hardware-linked. */
bool kernel_irq(unsigned irq)
{
	note("K%u ", irq);
	return irq == 50;
}

void vgic_irq(unsigned irq)
{
	note("G%u ", irq);
}

static void order_and_loop(void)
{
	const unsigned irqs[] = {IRQC_TIMER_PPI, IRQC_IPI_SGI, 40};
	start(irqs, 3, 2);
	arch_irq_dispatch();
	CHECK(strcmp(log_buf, "A26 S T E26 D26 A1 I E1 D1 A40 K40 E40 D40 A1023 ") == 0);
	CHECK(irq_stats[2].timer == 1 && irq_stats[2].ipi == 1 && irq_stats[2].other == 1);
	CHECK(irq_stats[2].last_other == 40);
	CHECK(irq_stats[0].timer == 0 && irq_stats[0].ipi == 0 && irq_stats[0].other == 0);
}

static void spurious_only(void)
{
	start(NULL, 0, 0);
	arch_irq_dispatch();
	CHECK(strcmp(log_buf, "A1023 ") == 0);
	CHECK(irq_stats[0].timer == 0 && irq_stats[0].other == 0);
}

static void other_ppi_and_sgi(void)
{
	const unsigned irqs[] = {30, 0, IRQC_TIMER_PPI};
	start(irqs, 3, 1);
	arch_irq_dispatch();
	CHECK(strcmp(log_buf, "A30 K30 E30 D30 A0 K0 E0 D0 A26 S T E26 D26 A1023 ") == 0);
	CHECK(irq_stats[1].other == 2 && irq_stats[1].last_other == 0 && irq_stats[1].timer == 1);
}

/* The virtual timer and the vGIC maintenance PPIs go to the vGIC, then EOI. */
static void guest_ppis(void)
{
	const unsigned irqs[] = {IRQC_VTIMER_PPI, IRQC_VGIC_MAINT_PPI};
	start(irqs, 2, 3);
	unsigned long other = irq_stats[3].other;
	arch_irq_dispatch();
	CHECK(strcmp(log_buf, "A27 G27 E27 D27 A25 G25 E25 D25 A1023 ") == 0);
	CHECK(irq_stats[3].other == other);
}

/* EOImode 1: a hardware-linked interrupt gets its priority drop only; the
 * guest's deactivation ends it. Others are dropped, then deactivated. */
static void linked_not_deactivated(void)
{
	const unsigned irqs[] = {50, 40};
	start(irqs, 2, 0);
	arch_irq_dispatch();
	CHECK(strcmp(log_buf, "A50 K50 E50 A40 K40 E40 D40 A1023 ") == 0);
}

int main(void)
{
	RUN("unit_irq_dispatch", order_and_loop);
	RUN("unit_irq_dispatch", spurious_only);
	RUN("unit_irq_dispatch", other_ppi_and_sgi);
	RUN("unit_irq_dispatch", guest_ppis);
	RUN("unit_irq_dispatch", linked_not_deactivated);
	return DONE("unit_irq_dispatch");
}
