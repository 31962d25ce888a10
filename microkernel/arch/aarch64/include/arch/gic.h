/* SPDX-License-Identifier: BSD-2-Clause */
/* Generic Interrupt Controller discovery (GICv2 IHI 0048B, GICv3 IHI 0069). */
#ifndef ARCH_GIC_H
#define ARCH_GIC_H

#include <kernel/types.h>

/* Reads the distributor's architecture revision; sets what arch_irqc_version() returns. */
void gic_probe(void);

#endif
