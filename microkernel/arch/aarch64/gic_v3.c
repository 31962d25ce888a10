// SPDX-License-Identifier: BSD-2-Clause
/*
 * GICv3 (IHI 0069): memory-mapped distributor (SPIs) and redistributors
 * (one per core: SGIs, PPIs, power state), system-register CPU interface.
 * Affinity routing is on and every interrupt is in Group 1, signalled as
 * IRQ. QEMU virt (secure=off) implements a single Security state
 * (GICD_CTLR.DS = 1); the GICD_CTLR bits written here mean the same in the
 * Non-secure view of a GIC with two Security states (IHI 0069 12.9.4).
 */
#include <arch/gic.h>
#include <kernel/irq.h>
#include <kernel/printf.h>
#include <platform.h>

#define GICD_CTLR_GRP1	(1U << 1)	   /* EnableGrp1 (DS=1) / EnableGrp1A (NS view) */
#define GICD_CTLR_ARE	(1U << 4)	   /* ARE (DS=1) / ARE_NS (NS view) */
#define GICD_CTLR_RWP	(1U << 31)	   /* register write pending (12.9.4) */
#define GICD_IROUTER(n) (0x6000 + 8 * (n)) /* 12.9.22, SPIs only */

/* Redistributor: RD_base frame then SGI_base frame, 64 KiB each (12.10). */
#define GICR_FRAME	 0x10000
#define GICR_CTLR	 0x0000
#define GICR_TYPER	 0x0008
#define GICR_WAKER	 0x0014
#define GICR_CTLR_RWP	 (1U << 3)
#define GICR_TYPER_VLPIS (1UL << 1) /* GICv4: two more 64 KiB frames */
#define GICR_TYPER_LAST	 (1UL << 4)
#define GICR_WAKER_PS	 (1U << 1) /* ProcessorSleep (12.11.42) */
#define GICR_WAKER_CA	 (1U << 2) /* ChildrenAsleep */

/* CPU interface (12.2): ICC_SRE_EL2.{SRE,Enable}, ICC_IGRPEN1_EL1.Enable. */
#define ICC_SRE_SRE	 (1U << 0)
#define ICC_SRE_ENABLE	 (1U << 3)
#define ICC_CTLR_EOIMODE (1U << 1)
#define ICC_SGI1R_AFF1	 16
#define ICC_SGI1R_INTID	 24
#define ICC_SGI1R_AFF2	 32
#define ICC_SGI1R_AFF3	 48

/* Each core's redistributor (RD_base), found by affinity at irqc_init_cpu. */
static uintptr_t gicr[PLAT_MAX_CPUS];

static void wait_clear(uintptr_t reg, uint32_t bits)
{
	for (unsigned long spins = 0; mmio_read32(reg) & bits; spins++)
		if (spins > 100000000UL)
			panic("gicv3: register 0x%lx stuck (bits 0x%x)", (unsigned long)reg, bits);
}

static void v3_init(void)
{
	uintptr_t d = PLAT_GICD_BASE;
	unsigned n = irqc_num_irqs();
	uint64_t boot = cpu_mpidr(cpu_id()) & MPIDR_AFF_MASK;

	mmio_write32(d + GICD_CTLR, 0);
	wait_clear(d + GICD_CTLR, GICD_CTLR_RWP);
	mmio_write32(d + GICD_CTLR, GICD_CTLR_ARE);
	wait_clear(d + GICD_CTLR, GICD_CTLR_RWP);
	for (unsigned i = IRQC_FIRST_SPI; i < n; i += 32)
		mmio_write32(d + GICD_IGROUPR + i / 8, 0xffffffffU);
	gic_bank_init_shared(d, n);
	/* IROUTER holds Aff3 at [39:32] and Aff2.Aff1.Aff0 at [23:0], IRM = 0. */
	for (unsigned i = IRQC_FIRST_SPI; i < n; i++)
		mmio_write64(d + GICD_IROUTER(i), boot);
	wait_clear(d + GICD_CTLR, GICD_CTLR_RWP);
	mmio_write32(d + GICD_CTLR, GICD_CTLR_ARE | GICD_CTLR_GRP1);
	wait_clear(d + GICD_CTLR, GICD_CTLR_RWP);
}

/* Walks the redistributor frames for the one whose GICR_TYPER affinity is ours (12.10.1). */
static uintptr_t find_redistributor(uint64_t mpidr)
{
	uint64_t aff = ((mpidr >> 32) & 0xff) << 24 | (mpidr & 0xffffff);

	for (uintptr_t r = PLAT_GICR_BASE;;) {
		uint64_t typer = mmio_read64(r + GICR_TYPER);
		if ((typer >> 32) == aff)
			return r;
		if (typer & GICR_TYPER_LAST)
			return 0;
		r += (typer & GICR_TYPER_VLPIS) ? 4 * GICR_FRAME : 2 * GICR_FRAME;
	}
}

static void v3_init_cpu(unsigned core)
{
	uintptr_t r = find_redistributor(sysreg_read(mpidr_el1));

	if (r == 0)
		panic("gicv3: no redistributor for core %u", core);
	gicr[core] = r;
	/* Wake the redistributor (12.11.42): clear ProcessorSleep, wait ChildrenAsleep. */
	mmio_write32(r + GICR_WAKER, mmio_read32(r + GICR_WAKER) & ~GICR_WAKER_PS);
	wait_clear(r + GICR_WAKER, GICR_WAKER_CA);

	uintptr_t sgi = r + GICR_FRAME;
	mmio_write32(sgi + GICD_IGROUPR, 0xffffffffU);
	gic_bank_init_private(sgi);
	wait_clear(r + GICR_CTLR, GICR_CTLR_RWP);
	mmio_write32(sgi + GICD_ISENABLER, 1U << IRQC_IPI_SGI);

	/* EL2 uses the system registers, and lets EL1 use them too (12.2.21). */
	sysreg_write(icc_sre_el2, sysreg_read(icc_sre_el2) | ICC_SRE_SRE | ICC_SRE_ENABLE);
	isb();
	sysreg_write(icc_pmr_el1, GIC_PMR_ALL);
	sysreg_write(icc_bpr1_el1, 0);
	/* EOImode 1: EOIR1 drops the priority, DIR deactivates (ICC_CTLR_EL1, 12.2), so an
	 * interrupt handed to a guest hardware-linked stays active until its EOI. */
	sysreg_write(icc_ctlr_el1, sysreg_read(icc_ctlr_el1) | ICC_CTLR_EOIMODE);
	sysreg_write(icc_igrpen1_el1, 1);
	isb();
}

static uintptr_t v3_bank(unsigned irq)
{
	return irq < IRQC_FIRST_SPI ? gicr[cpu_id()] + GICR_FRAME : PLAT_GICD_BASE;
}

/* Disables are complete once RWP reads 0 (12.9.4, 12.11.2). */
static void v3_sync(unsigned irq)
{
	if (irq < IRQC_FIRST_SPI)
		wait_clear(gicr[cpu_id()] + GICR_CTLR, GICR_CTLR_RWP);
	else
		wait_clear(PLAT_GICD_BASE + GICD_CTLR, GICD_CTLR_RWP);
}

static void v3_set_target(unsigned irq, unsigned core)
{
	mmio_write64(PLAT_GICD_BASE + GICD_IROUTER(irq), cpu_mpidr(core) & MPIDR_AFF_MASK);
}

static unsigned v3_ack(void)
{
	unsigned irq = sysreg_read(icc_iar1_el1) & 0xffffff;

	dsb(sy); /* order the acknowledge before the handler's device accesses */
	return irq >= GIC_MAX_INTID ? IRQC_SPURIOUS : irq;
}

/* The priority drop must have happened when DIR is written (ICC_DIR_EL1, 12.2): an isb between. */
static void v3_end(unsigned irq, bool deactivate)
{
	sysreg_write(icc_eoir1_el1, irq);
	isb();
	if (deactivate) {
		sysreg_write(icc_dir_el1, irq);
		isb();
	}
}

/* ICC_SGI1R_EL1 (12.2.23): target list bit Aff0 % 16 within Aff3.Aff2.Aff1, RS = Aff0 / 16. */
static void v3_send_sgi(unsigned sgi, unsigned core)
{
	uint64_t m = cpu_mpidr(core);
	uint64_t v = (1UL << (m & 0xf)) | (((m >> 4) & 0xf) << 44) |
		     (((m >> 8) & 0xff) << ICC_SGI1R_AFF1) | ((uint64_t)sgi << ICC_SGI1R_INTID) |
		     (((m >> 16) & 0xff) << ICC_SGI1R_AFF2) |
		     (((m >> 32) & 0xff) << ICC_SGI1R_AFF3);

	dsb(ishst); /* make prior stores visible to the target before the SGI */
	sysreg_write(icc_sgi1r_el1, v);
	isb();
}

const struct gic_ops gic_v3_ops = {
    .init = v3_init,
    .init_cpu = v3_init_cpu,
    .bank = v3_bank,
    .sync = v3_sync,
    .set_target = v3_set_target,
    .ack = v3_ack,
    .end = v3_end,
    .send_sgi = v3_send_sgi,
};
