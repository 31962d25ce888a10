// SPDX-License-Identifier: BSD-2-Clause
/*
 * GICv2 (IHI 0048B): memory-mapped distributor and CPU interface. QEMU virt
 * (secure=off) builds it without the Security Extensions, so every
 * interrupt stays in Group 0 (GICD_IGROUPR reset value) and the CPU
 * interface signals Group 0 as IRQ while GICC_CTLR.FIQEn is 0 (IHI 0048B
 * 3.3.4, 4.4.1). Were the Security Extensions present, the same writes from
 * a Non-secure kernel would enable the Non-secure (Group 1) interface:
 * GICD_CTLR bit 0 and GICC_CTLR bit 0 are the Non-secure enables.
 */
#include <arch/gic.h>
#include <kernel/irq.h>
#include <platform.h>

#define GICD_ITARGETSR 0x0800 /* one byte per INTID: CPU interface mask (4.3.12) */
#define GICD_SGIR      0x0f00 /* 4.3.15 */
#define GICD_CTLR_EN   (1U << 0)

#define GICC_CTLR	  0x0000 /* 4.4.1 */
#define GICC_PMR	  0x0004
#define GICC_BPR	  0x0008
#define GICC_IAR	  0x000c
#define GICC_EOIR	  0x0010
#define GICC_DIR	  0x1000 /* 4.4.15 */
#define GICC_CTLR_EN	  (1U << 0)
#define GICC_CTLR_EOIMODE (1U << 9) /* EOImodeS: the mode without Security Extensions */
#define GICC_IAR_INTID	  0x3ffU
#define GICC_IAR_CPUID	  (7U << 10) /* SGI source, written back to EOIR (4.4.5) */
#define GICD_SGIR_TARGET  16
#define GICD_SGIR_SELF	  (2U << 24) /* TargetListFilter: the requesting core only */

/* Each core's CPU interface bit, learnt from its banked GICD_ITARGETSR0 (4.3.12). */
static uint8_t cpu_mask[PLAT_MAX_CPUS];
/* Last acknowledged GICC_IAR per core: EOIR wants the SGI source back. */
static uint32_t last_iar[PLAT_MAX_CPUS];

static void v2_init(void)
{
	uintptr_t d = PLAT_GICD_BASE;
	unsigned n = irqc_num_irqs();

	mmio_write32(d + GICD_CTLR, 0);
	gic_bank_init_shared(d, n);
	/* Until irqc_set_target says otherwise, SPIs go to the boot core. */
	uint8_t boot = mmio_read8(d + GICD_ITARGETSR);
	for (unsigned i = IRQC_FIRST_SPI; i < n; i++)
		mmio_write8(d + GICD_ITARGETSR + i, boot);
	mmio_write32(d + GICD_CTLR, GICD_CTLR_EN);
}

static void v2_init_cpu(unsigned core)
{
	uintptr_t d = PLAT_GICD_BASE, c = PLAT_GICC_BASE;

	/*
	 * Reading ITARGETSR0..7 returns only the reading core's bit; a
	 * uniprocessor GIC makes them RAZ/WI (4.3.12).
	 */
	cpu_mask[core] = mmio_read8(d + GICD_ITARGETSR);
	if (cpu_mask[core] == 0)
		cpu_mask[core] = 1;
	gic_bank_init_private(d);
	mmio_write32(d + GICD_ISENABLER, 1U << IRQC_IPI_SGI);
	mmio_write32(c + GICC_PMR, GIC_PMR_ALL);
	mmio_write32(c + GICC_BPR, 0);
	/* EOImode 1 (FIQEn 0): EOIR drops the priority, DIR deactivates (3.2.3),
	 * so an interrupt handed to a guest hardware-linked stays active until its EOI. */
	mmio_write32(c + GICC_CTLR, GICC_CTLR_EN | GICC_CTLR_EOIMODE);
}

/* SGIs, PPIs and SPIs all live in the distributor; SGI/PPI registers are banked. */
static uintptr_t v2_bank(unsigned irq)
{
	(void)irq;
	return PLAT_GICD_BASE;
}

/* A write to GICD_ICENABLER takes effect before the write completes (4.3.6). */
static void v2_sync(unsigned irq)
{
	(void)irq;
	dsb(sy);
}

static void v2_set_target(unsigned irq, unsigned core)
{
	if (cpu_mask[core] != 0)
		mmio_write8(PLAT_GICD_BASE + GICD_ITARGETSR + irq, cpu_mask[core]);
	else /* not online yet: QEMU numbers CPU interfaces by core index */
		mmio_write8(PLAT_GICD_BASE + GICD_ITARGETSR + irq, (uint8_t)(1U << core));
}

static unsigned v2_ack(void)
{
	uint32_t iar = mmio_read32(PLAT_GICC_BASE + GICC_IAR);
	unsigned irq = iar & GICC_IAR_INTID;

	if (irq >= GIC_MAX_INTID)
		return IRQC_SPURIOUS;
	last_iar[cpu_id()] = iar;
	return irq;
}

/* EOIR and DIR take the acknowledged value (an SGI's source CPU too). */
static void v2_end(unsigned irq, bool deactivate)
{
	uint32_t v = irq;

	if (irq < 16)
		v |= last_iar[cpu_id()] & GICC_IAR_CPUID;
	mmio_write32(PLAT_GICC_BASE + GICC_EOIR, v);
	if (deactivate)
		mmio_write32(PLAT_GICC_BASE + GICC_DIR, v);
}

static void v2_send_sgi(unsigned sgi, unsigned core)
{
	uint32_t v = ((uint32_t)cpu_mask[core] << GICD_SGIR_TARGET) | sgi;

	if (core == cpu_id())
		v = GICD_SGIR_SELF | sgi;
	else if (cpu_mask[core] == 0)
		return; /* that core's CPU interface is not set up */
	dsb(ishst);	/* make prior stores visible to the target before the SGI */
	mmio_write32(PLAT_GICD_BASE + GICD_SGIR, v);
}

const struct gic_ops gic_v2_ops = {
    .init = v2_init,
    .init_cpu = v2_init_cpu,
    .bank = v2_bank,
    .sync = v2_sync,
    .set_target = v2_set_target,
    .ack = v2_ack,
    .end = v2_end,
    .send_sgi = v2_send_sgi,
};
