// SPDX-License-Identifier: BSD-2-Clause
/* GIC state, interrupt lines of the emulated devices, SGI routing. */
#include <tessera/invocation.h>
#include <tessera/invoke.h>
#include <tessera/runtime.h>

#include "gic.h"

struct gic_state gic;

unsigned gic_target(unsigned intid)
{
	uint64_t r = gic.spi_route[intid];

	if (gic.v2) {
		uint8_t t = gic.spi_targets[intid];
		for (unsigned k = 0; k < vmm.nvcpus; k++)
			if (t & (1U << k))
				return k;
		return 0;
	}

	/* IRM (bit 31): any participating PE; we pick vCPU 0. */
	if ((r & (1ULL << 31)) || (r & 0xff) >= vmm.nvcpus || (r & 0xffffff00ULL & ~(1ULL << 31)))
		return 0;
	return (unsigned)(r & 0xff);
}

static void push_enable(unsigned vcpu, unsigned intid, bool enable)
{
	enum tessera_err e = tsr_vcpu_set_irq_enable(vmm.vcpu[vcpu].vcpu, intid, enable);

	if (e != ERR_OK)
		vmm_log("vCPU %u: enable of INTID %u refused by the kernel (%d)\n", vcpu, intid, e);
}

void gic_set_enable(unsigned vcpu, unsigned intid, bool enable)
{
	if (intid < 32) {
		push_enable(vcpu, intid, enable);
		return;
	}
	for (unsigned k = 0; k < vmm.nvcpus; k++) /* the SPI may be routed anywhere */
		push_enable(k, intid, enable);
}

static void inject(unsigned vcpu, unsigned intid, unsigned mode)
{
	enum tessera_err e = tsr_vcpu_inject_irq(vmm.vcpu[vcpu].vcpu, intid, mode);

	if (e != ERR_OK)
		vmm_log("vCPU %u: injecting INTID %u refused by the kernel (%d)\n", vcpu, intid, e);
}

void gic_set_pending(unsigned vcpu, unsigned intid)
{
	inject(intid < 32 ? vcpu : gic_target(intid), intid, VIRQ_EDGE);
}

void vmm_irq_set_level(unsigned intid, bool high)
{
	uint32_t bit = 1U << (intid % 32);

	if (intid < 32 || intid >= VMM_MAX_INTID ||
	    ((gic.spi_level[intid / 32] & bit) != 0) == high)
		return;
	gic.spi_level[intid / 32] ^= bit;
	inject(gic_target(intid), intid, high ? VIRQ_LEVEL_HIGH : VIRQ_LEVEL_LOW);
}

void vmm_irq_edge(unsigned intid)
{
	if (intid >= 32 && intid < VMM_MAX_INTID)
		inject(gic_target(intid), intid, VIRQ_EDGE);
}

/*
 * ICC_SGI1R_EL1 (GICv3 12.11.x): INTID [27:24], TargetList [15:0] with
 * Aff1 [23:16], RS [47:44], Aff2 [39:32], Aff3 [55:48]; IRM [40] = all
 * but self. Our vCPUs have Aff0 = index and Aff1..3 = 0.
 */
void vmm_gic_sgi(unsigned from, uint64_t val)
{
	unsigned intid = (unsigned)(val >> 24) & 0xf;

	if (val & (1ULL << 40)) {
		for (unsigned k = 0; k < vmm.nvcpus; k++)
			if (k != from)
				inject(k, intid, VIRQ_EDGE);
		return;
	}
	if ((val >> 16) & 0xff || (val >> 32) & 0xff || (val >> 48) & 0xff)
		return;
	unsigned rs = (unsigned)(val >> 44) & 0xf;
	for (unsigned t = 0; t < 16; t++)
		if ((val & (1U << t)) && rs * 16 + t < vmm.nvcpus)
			inject(rs * 16 + t, intid, VIRQ_EDGE);
}

bool gic_is_v2(void)
{
	return gic.v2;
}

bool vmm_gic_init(void)
{
	gic.v2 = tsr_irqc_version == 2;
	if (gic.v2)
		return gicv2_dist_init();
	for (unsigned k = 0; k < vmm.nvcpus; k++)
		gic.waker[k] = 6; /* ProcessorSleep, ChildrenAsleep */
	for (unsigned k = 0; k < VMM_MAX_VCPUS; k++)
		gic.priv_cfg[k] = 0; /* PPIs level */
	return gicv3_dist_init() && gicv3_redist_init();
}

void gic_write_enable(unsigned vcpu, uint32_t *word, unsigned base, uint32_t val, bool set)
{
	for (unsigned b = 0; b < 32; b++) {
		uint32_t bit = 1U << b;
		if (!(val & bit) || ((*word & bit) != 0) == set)
			continue;
		*word ^= bit;
		gic_set_enable(vcpu, base + b, set);
	}
}

void gic_write_pending(unsigned vcpu, unsigned base, uint32_t val)
{
	for (unsigned b = 0; b < 32; b++)
		if (val & (1U << b))
			gic_set_pending(vcpu, base + b);
}

uint64_t gic_read_bytes(const uint8_t *arr, uint64_t off, unsigned size)
{
	uint64_t v = 0;

	for (unsigned k = 0; k < size; k++)
		v |= (uint64_t)arr[off + k] << (8 * k);
	return v;
}

void gic_write_bytes(uint8_t *arr, uint64_t off, unsigned size, uint64_t val)
{
	for (unsigned k = 0; k < size; k++)
		arr[off + k] = (uint8_t)(val >> (8 * k));
}
