// SPDX-License-Identifier: BSD-2-Clause
/*
 * GICv2 distributor (Arm IHI 0048B, 4.3) for guests on a GICv2 host: the
 * guest's CPU interface is the hardware's virtual one (GICV, mapped by
 * init at VMM_GICC_BASE), so only GICD is emulated. Word 0 of the enable,
 * group and pending registers, IPRIORITYR0-7 and ITARGETSR0-7 (INTIDs
 * 0..31) and ICFGR1 are banked per CPU interface: the accessing vCPU's.
 * One security state; the guest's CPU interface number is its vCPU index.
 */
#include <tessera/invoke.h>

#include "gic.h"

#define GICD_CTLR	0x000
#define GICD_TYPER	0x004
#define GICD_IIDR	0x008
#define GICD_IGROUPR	0x080
#define GICD_ISENABLER	0x100
#define GICD_ICENABLER	0x180
#define GICD_ISPENDR	0x200
#define GICD_ICPENDR	0x280
#define GICD_IPRIORITYR 0x400
#define GICD_ITARGETSR	0x800
#define GICD_ICFGR	0xc00
#define GICD_SGIR	0xf00
#define GICD_PIDR2	0xfe8

#define IIDR_ARM    0x43b
#define PIDR2_GICV2 0x20 /* ArchRev 2 */

/* Word w (INTIDs 32w..32w+31) of a bit-array register at base. */
static bool word_of(uint64_t off, uint64_t base, unsigned *w)
{
	*w = (unsigned)((off - base) / 4);
	return off >= base && off < base + 0x80 && *w < VMM_MAX_INTID / 32;
}

static uint32_t cpu_mask(unsigned vcpu)
{
	return 0x01010101U << vcpu; /* one byte per INTID */
}

static uint64_t banked_read(unsigned vcpu, uint64_t off, unsigned size)
{
	if (off >= GICD_IPRIORITYR && off + size <= GICD_IPRIORITYR + 32)
		return gic_read_bytes(gic.priv_prio[vcpu], off - GICD_IPRIORITYR, size);
	if (off >= GICD_ITARGETSR && off + size <= GICD_ITARGETSR + 32) /* read-only */
		return size == 4 ? cpu_mask(vcpu) : cpu_mask(vcpu) & ((1ULL << 8 * size) - 1);
	return 0;
}

static uint64_t dist_read(void *ctx, unsigned vcpu, uint64_t off, unsigned size)
{
	unsigned w;

	(void)ctx;
	if ((off >= GICD_IPRIORITYR && off < GICD_IPRIORITYR + 32) ||
	    (off >= GICD_ITARGETSR && off < GICD_ITARGETSR + 32))
		return banked_read(vcpu, off, size);
	if (off >= GICD_IPRIORITYR + 32 && off + size <= GICD_IPRIORITYR + VMM_MAX_INTID)
		return gic_read_bytes(gic.spi_prio, off - GICD_IPRIORITYR, size);
	if (off >= GICD_ITARGETSR + 32 && off + size <= GICD_ITARGETSR + VMM_MAX_INTID)
		return gic_read_bytes(gic.spi_targets, off - GICD_ITARGETSR, size);
	if (size != 4)
		return 0;
	switch (off) {
	case GICD_CTLR:
		return gic.dist_ctlr;
	case GICD_TYPER: /* CPUNumber [7:5], ITLinesNumber [4:0] */
		return ((vmm.nvcpus - 1U) << 5) | (VMM_MAX_INTID / 32 - 1);
	case GICD_IIDR:
		return IIDR_ARM;
	case GICD_PIDR2:
		return PIDR2_GICV2;
	case GICD_ICFGR + 4:
		return gic.priv_cfg[vcpu];
	}
	if (word_of(off, GICD_IGROUPR, &w))
		return w == 0 ? gic.priv_group[vcpu] : gic.spi_group[w];
	if (word_of(off, GICD_ISENABLER, &w) || word_of(off, GICD_ICENABLER, &w))
		return w == 0 ? gic.priv_enable[vcpu] : gic.spi_enable[w];
	if (off >= GICD_ICFGR + 8 && off < GICD_ICFGR + VMM_MAX_INTID / 4)
		return gic.spi_cfg[(off - GICD_ICFGR) / 4];
	return 0; /* pending/active state is the kernel's: reads as zero */
}

/*
 * GICD_SGIR (4.3.15): TargetListFilter [25:24] (0: CPUTargetList [23:16],
 * 1: every other CPU, 2: the sender only), SGIINTID [3:0]. The kernel
 * records the sender as the source the target reads in GICC_IAR.
 */
static void sgir_write(unsigned from, uint32_t val)
{
	unsigned filter = (val >> 24) & 3, sgi = val & 0xf;
	uint32_t targets = (val >> 16) & 0xff;

	if (filter == 1)
		targets = ((1U << vmm.nvcpus) - 1) & ~(1U << from);
	else if (filter == 2)
		targets = 1U << from;
	else if (filter == 3)
		return; /* reserved */
	for (unsigned k = 0; k < vmm.nvcpus; k++) {
		if (!(targets & (1U << k)))
			continue;
		enum tessera_err e = tsr_vcpu_inject_sgi(vmm.vcpu[k].vcpu, sgi, from);
		if (e != ERR_OK)
			vmm_log("vCPU %u: SGI %u refused by the kernel (%d)\n", k, sgi, e);
	}
}

static void dist_write(void *ctx, unsigned vcpu, uint64_t off, unsigned size, uint64_t val)
{
	unsigned w;

	(void)ctx;
	if (off >= GICD_IPRIORITYR && off + size <= GICD_IPRIORITYR + 32) {
		gic_write_bytes(gic.priv_prio[vcpu], off - GICD_IPRIORITYR, size, val);
		return;
	}
	if (off >= GICD_IPRIORITYR + 32 && off + size <= GICD_IPRIORITYR + VMM_MAX_INTID) {
		gic_write_bytes(gic.spi_prio, off - GICD_IPRIORITYR, size, val);
		return;
	}
	if (off >= GICD_ITARGETSR + 32 && off + size <= GICD_ITARGETSR + VMM_MAX_INTID) {
		gic_write_bytes(gic.spi_targets, off - GICD_ITARGETSR, size, val);
		return;
	}
	if (size != 4)
		return;
	if (off == GICD_CTLR)
		gic.dist_ctlr = (uint32_t)val & 1;
	else if (off == GICD_SGIR)
		sgir_write(vcpu, (uint32_t)val);
	else if (off == GICD_ICFGR + 4)
		gic.priv_cfg[vcpu] = (uint32_t)val;
	else if (off >= GICD_ICFGR + 8 && off < GICD_ICFGR + VMM_MAX_INTID / 4)
		gic.spi_cfg[(off - GICD_ICFGR) / 4] = (uint32_t)val;
	else if (word_of(off, GICD_IGROUPR, &w))
		*(w == 0 ? &gic.priv_group[vcpu] : &gic.spi_group[w]) = (uint32_t)val;
	else if (word_of(off, GICD_ISENABLER, &w) || word_of(off, GICD_ICENABLER, &w))
		gic_write_enable(vcpu, w == 0 ? &gic.priv_enable[vcpu] : &gic.spi_enable[w], w * 32,
				 (uint32_t)val, off < GICD_ICENABLER);
	else if (word_of(off, GICD_ISPENDR, &w))
		gic_write_pending(vcpu, w * 32, (uint32_t)val);
	/* ICPENDR, active state, CPENDSGIR/SPENDSGIR, the rest: ignored */
}

bool gicv2_dist_init(void)
{
	const struct vmm_mmio_dev d = {"gicv2-dist", VMM_GICD_BASE, VMM_GICD_SIZE,
				       dist_read,    dist_write,    0};

	if (vmm.nvcpus > 8) {
		vmm_log("GICv2 has at most 8 CPU interfaces, this VM has %u vCPUs\n", vmm.nvcpus);
		return false;
	}
	for (unsigned i = 32; i < VMM_MAX_INTID; i++)
		gic.spi_targets[i] = 1; /* CPU interface 0 until the guest says otherwise */
	return vmm_mmio_add(&d);
}
