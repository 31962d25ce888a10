// SPDX-License-Identifier: BSD-2-Clause
/*
 * GICv3 redistributors (Arm IHI 0069, 12.10/12.11): per vCPU an RD_base
 * frame and an SGI_base frame (64 KiB each) at VMM_GICR_BASE + index *
 * VMM_GICR_STRIDE. No LPIs. GICR_TYPER carries the vCPU's affinity
 * (= its VMPIDR) and the Last bit on the last one.
 */
#include "gic.h"

#define GICR_CTLR	0x0000
#define GICR_IIDR	0x0004
#define GICR_TYPER	0x0008
#define GICR_WAKER	0x0014
#define GICR_PIDR2	0xffe8
#define SGI_BASE	0x10000
#define GICR_IGROUPR0	(SGI_BASE + 0x0080)
#define GICR_ISENABLER0 (SGI_BASE + 0x0100)
#define GICR_ICENABLER0 (SGI_BASE + 0x0180)
#define GICR_ISPENDR0	(SGI_BASE + 0x0200)
#define GICR_IPRIORITYR (SGI_BASE + 0x0400)
#define GICR_ICFGR0	(SGI_BASE + 0x0c00)
#define GICR_ICFGR1	(SGI_BASE + 0x0c04)

#define WAKER_PROCESSOR_SLEEP (1U << 1)
#define WAKER_CHILDREN_ASLEEP (1U << 2)

static uint64_t typer(unsigned k)
{
	uint64_t last = k + 1 == vmm.nvcpus ? 1U << 4 : 0;

	return (vmm.vcpu[k].mpidr << 32) | ((uint64_t)k << 8) | last;
}

static uint64_t redist_read(void *ctx, unsigned vcpu, uint64_t off, unsigned size)
{
	unsigned k = (unsigned)(off / VMM_GICR_STRIDE);

	(void)ctx;
	(void)vcpu;
	off %= VMM_GICR_STRIDE;
	if (k >= vmm.nvcpus)
		return 0;
	if (off >= GICR_IPRIORITYR && off + size <= GICR_IPRIORITYR + 32)
		return gic_read_bytes(gic.priv_prio[k], off - GICR_IPRIORITYR, size);
	if (off == GICR_TYPER)
		return size == 8 ? typer(k) : (uint32_t)typer(k);
	if (off == GICR_TYPER + 4)
		return typer(k) >> 32;
	switch (off) {
	case GICR_IIDR:
		return 0x43b;
	case GICR_WAKER:
		return gic.waker[k];
	case GICR_PIDR2:
		return 0x30;
	case GICR_IGROUPR0:
		return gic.priv_group[k];
	case GICR_ISENABLER0:
	case GICR_ICENABLER0:
		return gic.priv_enable[k];
	case GICR_ICFGR0:
		return 0xaaaaaaaa; /* SGIs: edge, read-only */
	case GICR_ICFGR1:
		return gic.priv_cfg[k];
	default:
		return 0; /* CTLR (no LPIs), pending/active (the kernel's) */
	}
}

static void redist_write(void *ctx, unsigned vcpu, uint64_t off, unsigned size, uint64_t val)
{
	unsigned k = (unsigned)(off / VMM_GICR_STRIDE);

	(void)ctx;
	(void)vcpu;
	off %= VMM_GICR_STRIDE;
	if (k >= vmm.nvcpus)
		return;
	if (off >= GICR_IPRIORITYR && off + size <= GICR_IPRIORITYR + 32) {
		gic_write_bytes(gic.priv_prio[k], off - GICR_IPRIORITYR, size, val);
		return;
	}
	switch (off) {
	case GICR_WAKER: /* ChildrenAsleep follows ProcessorSleep at once */
		gic.waker[k] = (val & WAKER_PROCESSOR_SLEEP) ? 6 : 0;
		break;
	case GICR_IGROUPR0:
		gic.priv_group[k] = (uint32_t)val;
		break;
	case GICR_ISENABLER0:
		gic_write_enable(k, &gic.priv_enable[k], 0, (uint32_t)val, true);
		break;
	case GICR_ICENABLER0:
		gic_write_enable(k, &gic.priv_enable[k], 0, (uint32_t)val, false);
		break;
	case GICR_ISPENDR0:
		gic_write_pending(k, 0, (uint32_t)val);
		break;
	case GICR_ICFGR1:
		gic.priv_cfg[k] = (uint32_t)val;
		break;
	default:
		break;
	}
}

bool gicv3_redist_init(void)
{
	const struct vmm_mmio_dev d = {"gicv3-redist", VMM_GICR_BASE, VMM_GICR_STRIDE * vmm.nvcpus,
				       redist_read,    redist_write,  0};

	return vmm_mmio_add(&d);
}
