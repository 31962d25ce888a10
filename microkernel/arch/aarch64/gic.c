// SPDX-License-Identifier: BSD-2-Clause
/*
 * GIC version discovery. ID_AA64PFR0_EL1.GIC (bits [27:24]) is non-zero
 * when the CPU has a GICv3 system-register interface (ARM ARM D17.2.64);
 * the distributor confirms it: GICD_PIDR2.ArchRev (bits [7:4]) is 3 or 4 at
 * offset 0xFFE8 on GICv3 (GICv3 spec 12.9.28) and 1 or 2 at offset 0xFE8 on
 * GICv2 (GICv2 spec 4.3.4), whose distributor is only 4 KiB long.
 */
#include <arch/gic.h>
#include <kernel/arch.h>
#include <platform.h>

#define GICD_PIDR2_V3 0xffe8
#define GICD_PIDR2_V2 0xfe8

static unsigned gic_version;

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
