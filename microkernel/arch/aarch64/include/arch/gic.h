/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Generic Interrupt Controller (GICv2 IHI 0048B, GICv3 IHI 0069). gic.c
 * holds what both versions share (the distributor's per-INTID bit and
 * byte arrays, which GICv3 redistributors repeat for SGIs and PPIs);
 * gic_v2.c and gic_v3.c supply the rest as a table of operations.
 */
#ifndef ARCH_GIC_H
#define ARCH_GIC_H

#include <kernel/types.h>
#include <arch/machine.h>

/* Distributor registers common to v2 and v3 (IHI 0048B 4.1.2, IHI 0069 12.8). */
#define GICD_CTLR	0x0000
#define GICD_TYPER	0x0004
#define GICD_IGROUPR	0x0080
#define GICD_ISENABLER	0x0100
#define GICD_ICENABLER	0x0180
#define GICD_ISPENDR	0x0200
#define GICD_ICPENDR	0x0280
#define GICD_ISACTIVER	0x0300
#define GICD_ICACTIVER	0x0380
#define GICD_IPRIORITYR 0x0400
#define GICD_ICFGR	0x0c00

/* One priority for everything the kernel takes; PMR lets all of them through. */
#define GIC_PRIO_DEFAULT 0xa0
#define GIC_PMR_ALL	 0xff
#define GIC_MAX_INTID	 1020 /* 1020..1023 are special (IHI 0069 2.2.1) */

struct gic_ops {
	void (*init)(void);
	void (*init_cpu)(unsigned core);
	/* Base of the register bank that holds irq's enable/pending/priority bits. */
	uintptr_t (*bank)(unsigned irq);
	/* Waits until a disable written to that bank has taken effect. */
	void (*sync)(unsigned irq);
	void (*set_target)(unsigned irq, unsigned core);
	unsigned (*ack)(void);
	/* EOImode 1: the EOI drops the running priority, the deactivation (if
	 * asked for) ends the interrupt (IHI 0069 4.1.1, IHI 0048B 3.2.3). */
	void (*end)(unsigned irq, bool deactivate);
	void (*send_sgi)(unsigned sgi, unsigned core);
};

extern const struct gic_ops gic_v2_ops, gic_v3_ops;

/* Reads the distributor's architecture revision; sets what arch_irqc_version() returns. */
void gic_probe(void);

/* Shared helpers (gic.c) over a bank of the common layout. */
void gic_bank_init_private(uintptr_t bank);
void gic_bank_init_shared(uintptr_t dist, unsigned num_irqs);

/* Self-check helpers: raise / inspect an interrupt's state in its bank. */
void irqc_set_pending(unsigned irq);
bool irqc_is_pending(unsigned irq);
bool irqc_is_active(unsigned irq);

/* PPIs the kernel handles for guests (vgic.c): the EL1 virtual timer and the
 * virtual interface's maintenance interrupt (QEMU virt). */
#define IRQC_VTIMER_PPI	    27
#define IRQC_VGIC_MAINT_PPI 25
void vgic_irq(unsigned irq);
/* irqc_disable of PPI irq (16..31) on this core, whose index is core: the
 * same effect with no lookups (the virtual timer's interrupt path). */
void irqc_disable_local_ppi(unsigned core, unsigned irq);

/* Per-core interrupt counts kept by arch_irq_dispatch (self-checks, debugging). */
struct irq_cpu_stats {
	volatile unsigned long timer, ipi, other;
	volatile unsigned last_other; /* INTID of the latest "other" interrupt */
};
extern struct irq_cpu_stats irq_stats[];

/* MPIDR_EL1 affinity fields, Aff3:Aff2:Aff1:Aff0 (ARM ARM D17.2.101). */
#define MPIDR_AFF_MASK 0xff00ffffffUL
/* The MPIDR affinity of core index `core`: Aff0 = core, upper levels as on the boot core. */
uint64_t cpu_mpidr(unsigned core);

#endif
