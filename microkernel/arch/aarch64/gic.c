// SPDX-License-Identifier: BSD-2-Clause
/*
 * GIC: version discovery and the part of the irqc interface both versions
 * share. ID_AA64PFR0_EL1.GIC (bits [27:24]) is non-zero when the CPU has a
 * GICv3 system-register interface (ARM ARM D17.2.64); the distributor
 * confirms it: GICD_PIDR2.ArchRev (bits [7:4]) is 3 or 4 at offset 0xFFE8
 * on GICv3 (IHI 0069 12.9.28) and 1 or 2 at offset 0xFE8 on GICv2
 * (IHI 0048B 4.3.4), whose distributor is only 4 KiB long.
 *
 * Enable, pending, active, priority and configuration state lives in arrays
 * indexed by INTID at the same offsets in the GICv2 distributor, the GICv3
 * distributor (SPIs) and the GICv3 redistributor's SGI frame (SGIs and
 * PPIs) (IHI 0048B 4.3.5-4.3.13, IHI 0069 12.9 and 12.10); the version's
 * bank() says which block holds an INTID.
 */
#include <arch/gic.h>
#include <kernel/arch.h>
#include <kernel/irq.h>
#include <kernel/printf.h>
#include <platform.h>

#define GICD_PIDR2_V3 0xffe8
#define GICD_PIDR2_V2 0xfe8

static unsigned gic_version;
static unsigned gic_num_irqs;
static const struct gic_ops *gic;

void gic_probe(void)
{
	bool has_sysregs = ((sysreg_read(id_aa64pfr0_el1) >> 24) & 0xf) != 0;
	unsigned rev;

	gic_version = 0;
	if (has_sysregs) {
		rev = (mmio_read32(PLAT_GICD_BASE + GICD_PIDR2_V3) >> 4) & 0xf;
		if (rev == 3 || rev == 4)
			gic_version = 3;
	} else {
		rev = (mmio_read32(PLAT_GICD_BASE + GICD_PIDR2_V2) >> 4) & 0xf;
		if (rev == 1 || rev == 2)
			gic_version = 2;
	}
}

unsigned arch_irqc_version(void)
{
	return gic_version;
}

/* SGIs and PPIs of one core: disabled, not pending, default priority. */
void gic_bank_init_private(uintptr_t bank)
{
	mmio_write32(bank + GICD_ICENABLER, 0xffffffffU);
	mmio_write32(bank + GICD_ICPENDR, 0xffffffffU);
	mmio_write32(bank + GICD_ICACTIVER, 0xffffffffU);
	for (unsigned i = 0; i < IRQC_FIRST_SPI; i++)
		mmio_write8(bank + GICD_IPRIORITYR + i, GIC_PRIO_DEFAULT);
}

/* Every SPI: disabled, not pending, not active, default priority, level-triggered. */
void gic_bank_init_shared(uintptr_t dist, unsigned num_irqs)
{
	for (unsigned i = IRQC_FIRST_SPI; i < num_irqs; i += 32) {
		mmio_write32(dist + GICD_ICENABLER + i / 8, 0xffffffffU);
		mmio_write32(dist + GICD_ICPENDR + i / 8, 0xffffffffU);
		mmio_write32(dist + GICD_ICACTIVER + i / 8, 0xffffffffU);
	}
	for (unsigned i = IRQC_FIRST_SPI; i < num_irqs; i++)
		mmio_write8(dist + GICD_IPRIORITYR + i, GIC_PRIO_DEFAULT);
	for (unsigned i = IRQC_FIRST_SPI; i < num_irqs; i += 16)
		mmio_write32(dist + GICD_ICFGR + i / 4, 0);
}

void irqc_init(void)
{
	if (gic_version == 0)
		gic_probe();
	if (gic_version == 3)
		gic = &gic_v3_ops;
	else if (gic_version == 2)
		gic = &gic_v2_ops;
	else
		panic("irqc: no GICv2 or GICv3 at 0x%lx", PLAT_GICD_BASE);
	/* GICD_TYPER.ITLinesNumber: 32 * (N + 1) INTIDs (IHI 0069 12.9.38). */
	unsigned n = 32 * ((mmio_read32(PLAT_GICD_BASE + GICD_TYPER) & 0x1f) + 1);
	gic_num_irqs = n < GIC_MAX_INTID ? n : GIC_MAX_INTID;
	gic->init();
}

/*
 * HCR_EL2.IMO/FMO route physical IRQ and FIQ to EL2; with both (and TGE)
 * clear they target EL1 and are never taken while the core runs at EL2
 * (ARM ARM D1.3.6, asynchronous exception routing). They stay set.
 */
#define HCR_FMO (1UL << 3)
#define HCR_IMO (1UL << 4)

/* Each core's bank of its own SGIs and PPIs (irqc_disable_local_ppi). */
static uintptr_t ppi_bank[PLAT_MAX_CPUS];

void irqc_init_cpu(void)
{
	sysreg_write(hcr_el2, sysreg_read(hcr_el2) | HCR_IMO | HCR_FMO);
	isb();
	gic->init_cpu(cpu_id());
	ppi_bank[cpu_id()] = gic->bank(16); /* the first PPI */
}

unsigned irqc_num_irqs(void)
{
	return gic_num_irqs;
}

/* The kernel owns no SPI today; it would be excluded here. Of the PPIs only
 * the user timer, which every core has (banked: enabled on a core by
 * irqc_enable there). */
bool irqc_user_irq_ok(unsigned irq)
{
	return (irq >= IRQC_FIRST_SPI && irq < gic_num_irqs) || irq == IRQC_USER_TIMER_PPI;
}

static bool irq_valid(unsigned irq)
{
	return irq < gic_num_irqs;
}

static void bank_set_bit(unsigned reg, unsigned irq)
{
	mmio_write32(gic->bank(irq) + reg + (irq / 32) * 4, 1U << (irq % 32));
}

static bool bank_test_bit(unsigned reg, unsigned irq)
{
	return (mmio_read32(gic->bank(irq) + reg + (irq / 32) * 4) >> (irq % 32)) & 1;
}

void irqc_enable(unsigned irq)
{
	if (irq_valid(irq))
		bank_set_bit(GICD_ISENABLER, irq);
}

void irqc_disable(unsigned irq)
{
	if (!irq_valid(irq))
		return;
	bank_set_bit(GICD_ICENABLER, irq);
	gic->sync(irq);
}

void irqc_disable_local_ppi(unsigned core, unsigned irq)
{
	mmio_write32(ppi_bank[core] + GICD_ICENABLER, 1U << irq);
	gic->sync(irq);
}

void irqc_set_target(unsigned irq, unsigned core)
{
	if (irq >= IRQC_FIRST_SPI && irq_valid(irq) && core < PLAT_MAX_CPUS)
		gic->set_target(irq, core);
}

/* GICD_ICFGR: two bits per INTID, bit 1 of the pair set = edge (IHI 0069 12.9.9). */
void irqc_set_level(unsigned irq, bool level)
{
	if (irq < IRQC_FIRST_SPI || !irq_valid(irq))
		return;
	uintptr_t reg = PLAT_GICD_BASE + GICD_ICFGR + (irq / 16) * 4;
	uint32_t edge = 2U << ((irq % 16) * 2);
	uint32_t v = mmio_read32(reg);
	mmio_write32(reg, level ? v & ~edge : v | edge);
}

unsigned irqc_ack(void)
{
	return gic->ack();
}

void irqc_end(unsigned irq, bool deactivate)
{
	gic->end(irq, deactivate);
}

void irqc_clear_active(unsigned irq)
{
	if (irq >= IRQC_FIRST_SPI && irq_valid(irq)) {
		bank_set_bit(GICD_ICACTIVER, irq);
		gic->sync(irq);
	}
}

void irqc_send_ipi(unsigned core)
{
	if (core < PLAT_MAX_CPUS)
		gic->send_sgi(IRQC_IPI_SGI, core);
}

void irqc_set_pending(unsigned irq)
{
	if (irq_valid(irq))
		bank_set_bit(GICD_ISPENDR, irq);
}

bool irqc_is_pending(unsigned irq)
{
	return irq_valid(irq) && bank_test_bit(GICD_ISPENDR, irq);
}

bool irqc_is_active(unsigned irq)
{
	return irq_valid(irq) && bank_test_bit(GICD_ISACTIVER, irq);
}
