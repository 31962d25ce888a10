/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Interrupt controller, per-core timer and multi-core bring-up: what the
 * generic kernel calls, and what it must provide in return. Each arch
 * implements the first half in arch/<arch>/.
 *
 * Conventions:
 * - Interrupt numbers are the controller's INTIDs: 0..15 inter-processor
 *   (SGI), 16..31 per-core (PPI), 32..irqc_num_irqs()-1 shared (SPI). SGIs
 *   and PPIs are banked per core: irqc_enable/irqc_disable on one of them
 *   act on the calling core only.
 * - Order on every core: irqc_init_cpu(), then timer_init_cpu(), then any
 *   other irqc_* or timer_* call. irqc_enable/disable/send_ipi may run on
 *   several cores at once; irqc_set_target and irqc_set_level must be
 *   serialised by the caller (read-modify-write) and applied to a disabled
 *   interrupt (GIC spec: changing the trigger of an enabled one is
 *   UNPREDICTABLE).
 * - The kernel runs with interrupts masked; it unmasks them only where it
 *   chooses to take them (idle loop, user mode). arch_irq_dispatch() runs
 *   with interrupts masked and never nests.
 * - The timer is one-shot: the dispatcher stops it before calling
 *   kernel_timer_tick(), which re-arms it with timer_set_deadline() if it
 *   wants another tick.
 * - Every core holds its index (0..PLAT_MAX_CPUS-1, as cpu_id() returns)
 *   in the arch's per-core thread register (TPIDR_EL2 on aarch64) when it
 *   enters kernel_main or kernel_secondary_main. The generic kernel may
 *   replace it with a pointer to its per-core data.
 */
#ifndef KERNEL_IRQ_H
#define KERNEL_IRQ_H

#include <kernel/types.h>

#define IRQC_SPURIOUS  1023 /* irqc_ack(): nothing (more) pending */
#define IRQC_IPI_SGI   1    /* the SGI the kernel uses for inter-processor interrupts */
#define IRQC_TIMER_PPI 26   /* the kernel's per-core timer (EL2 physical timer on QEMU virt) */
#define IRQC_FIRST_SPI 32
/* The per-core timer user level may own (TSR_USER_TIMER_IRQ, spec 4.30a): the
 * EL1 physical timer on QEMU virt. The only PPI irqc_user_irq_ok accepts. */
#define IRQC_USER_TIMER_PPI 30

/* --- interrupt controller -------------------------------------------------- */

/* Boot core, once: the shared part (all SPIs disabled, routed to the boot core). */
void irqc_init(void);
/* Every core, once, before it unmasks interrupts: its private part. */
void irqc_init_cpu(void);
/* Number of INTIDs the controller implements (SGIs and PPIs included). */
unsigned irqc_num_irqs(void);
/* True for an interrupt user level may own (the kernel does not use it): a shared
 * one, or IRQC_USER_TIMER_PPI. */
bool irqc_user_irq_ok(unsigned irq);
void irqc_enable(unsigned irq);
void irqc_disable(unsigned irq);
/* Routes an SPI to one core (online or not yet); ignored for SGIs and PPIs. */
void irqc_set_target(unsigned irq, unsigned core);
/* Level- (true) or edge-triggered (false) SPI; ignored for SGIs and PPIs. */
void irqc_set_level(unsigned irq, bool level);
/* Acknowledges the highest-priority pending interrupt: its INTID or IRQC_SPURIOUS. */
unsigned irqc_ack(void);
/* Ends an acknowledged interrupt: the priority drop, then, if deactivate,
 * its deactivation (EOImode 1; without it the interrupt stays active). */
void irqc_end(unsigned irq, bool deactivate);
/* Clears an SPI's active state wherever it was acknowledged (its owner, a
 * guest, will not deactivate it any more). */
void irqc_clear_active(unsigned irq);
/* Sends IRQC_IPI_SGI to that core (which may be the caller). */
void irqc_send_ipi(unsigned core);

/* --- per-core timer ---------------------------------------------------------- */

/* Every core, once: timer stopped, its interrupt enabled for this core. */
void timer_init_cpu(void);
/* The system counter, in ticks of timer_freq() Hz; the same on every core. */
uint64_t timer_now(void);
uint64_t timer_freq(void);
/* One interrupt (IRQC_TIMER_PPI) on this core once timer_now() >= abs_ticks. */
void timer_set_deadline(uint64_t abs_ticks);
void timer_stop(void);
/* The user timer on this core: one IRQC_USER_TIMER_PPI once timer_now() >= abs_ticks
 * (at once if it has passed); stop disarms it and drops its line. Independent of
 * the kernel's timer above. */
void timer_user_set_deadline(uint64_t abs_ticks);
void timer_user_stop(void);

/* --- cores ---------------------------------------------------------------------- */

/* This core's index, 0..PLAT_MAX_CPUS-1. */
unsigned cpu_id(void);
/*
 * Boot core, once: starts every other core. Each one sets up its MMU,
 * vectors, irqc (irqc_init_cpu) and timer (timer_init_cpu) and enters
 * kernel_secondary_main(core), which must call smp_report_online(). Waits
 * (bounded) for each started core to report; returns how many cores are
 * online, the boot core included.
 */
unsigned smp_start_secondaries(void);
/* Called once by each secondary core when its generic per-core state is ready. */
void smp_report_online(void);

/* The arch's interrupt entry: acknowledges, dispatches and ends interrupts until none is pending.
 */
void arch_irq_dispatch(void);

/*
 * --- provided by the generic kernel ----------------------------------------------
 * The arch has weak defaults for these (they do nothing; the secondary one
 * reports online and idles), so the arch self-checks work without them.
 */
void kernel_timer_tick(void);
void kernel_ipi(void);
/* Any other interrupt (an SPI, or a PPI/SGI the kernel does not own). True if
 * it was handed to a guest hardware-linked: the guest's deactivation ends it,
 * so the arch must not deactivate it (only drop the priority). */
bool kernel_irq(unsigned irq);
NORETURN void kernel_secondary_main(unsigned core);

#endif
