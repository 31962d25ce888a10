/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The emulated GIC's configuration state (gic.c), shared by the register
 * views (gicv3_dist.c, gicv3_redist.c). Pending, active and line state are
 * the kernel's (docs/architecture.md "The virtual GIC: who owns what"):
 * enables are pushed with INV_VCPU_SET_IRQ_ENABLE, lines with
 * INV_VCPU_INJECT_IRQ.
 */
#ifndef VMM_GIC_H
#define VMM_GIC_H

#include "vmm.h"

struct gic_state {
	uint32_t dist_ctlr;
	/* INTIDs 0..31 per vCPU, SPIs in the shared arrays (index intid). */
	uint32_t priv_enable[VMM_MAX_VCPUS], priv_group[VMM_MAX_VCPUS], priv_cfg[VMM_MAX_VCPUS];
	uint8_t priv_prio[VMM_MAX_VCPUS][32];
	uint32_t waker[VMM_MAX_VCPUS];
	uint32_t spi_enable[VMM_MAX_INTID / 32], spi_group[VMM_MAX_INTID / 32];
	uint32_t spi_cfg[VMM_MAX_INTID / 16];
	uint8_t spi_prio[VMM_MAX_INTID];
	uint64_t spi_route[VMM_MAX_INTID]; /* GICD_IROUTER: Aff0 = vCPU index */
	uint32_t spi_level[VMM_MAX_INTID / 32];
	uint8_t spi_targets[VMM_MAX_INTID]; /* GICv2 GICD_ITARGETSR: CPU interface mask */
	bool v2;			    /* the host (and so the guest) has a GICv2 */
};

extern struct gic_state gic;

/* The vCPU an SPI goes to: GICv3, its IROUTER's Aff0; GICv2, the lowest
 * CPU in its ITARGETSR byte; else vCPU 0. */
unsigned gic_target(unsigned intid);
/* Enable bits changed: push them to the kernel. vcpu for INTIDs < 32. */
void gic_set_enable(unsigned vcpu, unsigned intid, bool enable);
void gic_set_pending(unsigned vcpu, unsigned intid);
/* A 32-bit view of a bit array (ISENABLER-style set/clear/plain). */
bool gicv3_dist_init(void);
bool gicv2_dist_init(void);
bool gicv3_redist_init(void);

/* ISENABLER (set) / ICENABLER (clear) of 32 INTIDs from base. */
void gic_write_enable(unsigned vcpu, uint32_t *word, unsigned base, uint32_t val, bool set);
/* ISPENDR: make each set bit's INTID pending once. */
void gic_write_pending(unsigned vcpu, unsigned base, uint32_t val);
/* Byte arrays (IPRIORITYR): size bytes at off. */
uint64_t gic_read_bytes(const uint8_t *arr, uint64_t off, unsigned size);
void gic_write_bytes(uint8_t *arr, uint64_t off, unsigned size, uint64_t val);
#endif
