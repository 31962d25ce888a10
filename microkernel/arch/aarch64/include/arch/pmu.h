/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * PMU event counter 0 counting architecturally executed instructions
 * (event 0x08, INST_RETIRED) at every exception level including EL2
 * (PMEVTYPER<n>_EL0.NSH, ARM ARM D17.5). Under QEMU -icount shift=0 this is
 * an exact, repeatable count (one counter for the whole machine).
 */
#ifndef ARCH_PMU_H
#define ARCH_PMU_H

#include <arch/machine.h>

/* head.S programs counter 0 with this event at entry (pmu_boot_start). */
#define PMU_EVENT_INST_RETIRED 0x08

static inline uint64_t pmu_instructions(void)
{
	isb();
	return sysreg_read(pmevcntr0_el0);
}

#endif
