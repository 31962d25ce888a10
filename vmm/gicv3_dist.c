// SPDX-License-Identifier: BSD-2-Clause
/*
 * GICv3 distributor (Arm IHI 0069, 12.9) with affinity routing always on
 * and a single security state (GICD_CTLR.DS = 1): SPIs only; INTIDs 0..31
 * live in the redistributors.
 */
#include "gic.h"

#define GICD_CTLR      0x0000
#define GICD_TYPER     0x0004
#define GICD_IIDR      0x0008
#define GICD_IGROUPR   0x0080
#define GICD_ISENABLER 0x0100
#define GICD_ICENABLER 0x0180
#define GICD_ISPENDR   0x0200
#define GICD_ICPENDR   0x0280
#define GICD_IPRIORITY 0x0400
#define GICD_ICFGR     0x0c00
#define GICD_IROUTER   0x6000 /* + 8 * INTID; SPIs from 0x6100 */
#define GICD_PIDR2     0xffe8

#define CTLR_ARE_DS ((1U << 4) | (1U << 6))
#define IIDR_ARM    0x43b
#define PIDR2_GICV3 0x30

static bool spi_word(uint64_t off, uint64_t base, unsigned *w)
{
	*w = (unsigned)((off - base) / 4);
	return *w >= 1 && *w < VMM_MAX_INTID / 32; /* word 0: INTIDs 0..31 are RAZ/WI */
}

static uint64_t dist_read(void *ctx, unsigned vcpu, uint64_t off, unsigned size)
{
	unsigned w;

	(void)ctx;
	(void)vcpu;
	if (off >= GICD_IPRIORITY + 32 && off + size <= GICD_IPRIORITY + VMM_MAX_INTID)
		return gic_read_bytes(gic.spi_prio, off - GICD_IPRIORITY, size);
	if (off >= GICD_IROUTER + 8 * 32 && off + size <= GICD_IROUTER + 8 * VMM_MAX_INTID)
		return size == 8 ? gic.spi_route[(off - GICD_IROUTER) / 8]
				 : (uint32_t)(gic.spi_route[(off - GICD_IROUTER) / 8] >>
					      (off & 4 ? 32 : 0));
	if (size != 4)
		return 0;
	switch (off) {
	case GICD_CTLR:
		return gic.dist_ctlr | CTLR_ARE_DS;
	case GICD_TYPER: /* IDbits = 10 bits - 1, ITLinesNumber = INTIDs / 32 - 1 */
		return (9U << 19) | (VMM_MAX_INTID / 32 - 1);
	case GICD_IIDR:
		return IIDR_ARM;
	case GICD_PIDR2:
		return PIDR2_GICV3;
	}
	if (off >= GICD_IGROUPR && off < GICD_ISENABLER && spi_word(off, GICD_IGROUPR, &w))
		return gic.spi_group[w];
	if (off >= GICD_ISENABLER && off < GICD_ISPENDR)
		return spi_word(off, off < GICD_ICENABLER ? GICD_ISENABLER : GICD_ICENABLER, &w)
			   ? gic.spi_enable[w]
			   : 0;
	if (off >= GICD_ICFGR && off < GICD_ICFGR + VMM_MAX_INTID / 4 && off >= GICD_ICFGR + 8)
		return gic.spi_cfg[(off - GICD_ICFGR) / 4];
	return 0; /* pending/active state is the kernel's: reads as zero */
}

static void dist_write(void *ctx, unsigned vcpu, uint64_t off, unsigned size, uint64_t val)
{
	unsigned w;

	(void)ctx;
	if (off >= GICD_IPRIORITY + 32 && off + size <= GICD_IPRIORITY + VMM_MAX_INTID) {
		gic_write_bytes(gic.spi_prio, off - GICD_IPRIORITY, size, val);
		return;
	}
	if (off >= GICD_IROUTER + 8 * 32 && off + size <= GICD_IROUTER + 8 * VMM_MAX_INTID) {
		uint64_t *r = &gic.spi_route[(off - GICD_IROUTER) / 8];
		if (size == 8)
			*r = val;
		else if (off & 4)
			*r = (*r & 0xffffffffULL) | (val << 32);
		else
			*r = (*r & ~0xffffffffULL) | (uint32_t)val;
		return;
	}
	if (size != 4)
		return;
	if (off == GICD_CTLR)
		gic.dist_ctlr = (uint32_t)val & 3; /* EnableGrp0, EnableGrp1 */
	else if (off >= GICD_IGROUPR && off < GICD_ISENABLER && spi_word(off, GICD_IGROUPR, &w))
		gic.spi_group[w] = (uint32_t)val;
	else if (off >= GICD_ISENABLER && off < GICD_ICENABLER && spi_word(off, GICD_ISENABLER, &w))
		gic_write_enable(vcpu, &gic.spi_enable[w], w * 32, (uint32_t)val, true);
	else if (off >= GICD_ICENABLER && off < GICD_ISPENDR && spi_word(off, GICD_ICENABLER, &w))
		gic_write_enable(vcpu, &gic.spi_enable[w], w * 32, (uint32_t)val, false);
	else if (off >= GICD_ISPENDR && off < GICD_ICPENDR && spi_word(off, GICD_ISPENDR, &w))
		gic_write_pending(vcpu, w * 32, (uint32_t)val);
	else if (off >= GICD_ICFGR + 8 && off < GICD_ICFGR + VMM_MAX_INTID / 4)
		gic.spi_cfg[(off - GICD_ICFGR) / 4] = (uint32_t)val;
	/* ICPENDR, active state, IGRPMODR, the rest: ignored */
}

bool gicv3_dist_init(void)
{
	const struct vmm_mmio_dev d = {"gicv3-dist", VMM_GICD_BASE, VMM_GICD_SIZE,
				       dist_read,    dist_write,    0};

	return vmm_mmio_add(&d);
}
