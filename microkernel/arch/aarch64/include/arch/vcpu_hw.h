/* SPDX-License-Identifier: BSD-2-Clause */
/* aarch64 vCPU internals shared by vcpu.c, vexit.c and vgic.c (not generic). */
#ifndef ARCH_VCPU_HW_H
#define ARCH_VCPU_HW_H

#include <arch/gic.h>
#include <kernel/thread.h>
#include <kernel/vcpu.h>

/* HCR_EL2 (ARM ARM D17.2.48). */
#define HCR_VM	   (1UL << 0)
#define HCR_SWIO   (1UL << 1)
#define HCR_FMO	   (1UL << 3)
#define HCR_IMO	   (1UL << 4)
#define HCR_AMO	   (1UL << 5)
#define HCR_FB	   (1UL << 9)
#define HCR_BSU_IS (1UL << 10)
#define HCR_DC	   (1UL << 12)
#define HCR_TWI	   (1UL << 13)
#define HCR_TWE	   (1UL << 14)
#define HCR_TID3   (1UL << 18)
#define HCR_TSC	   (1UL << 19)
#define HCR_TIDCP  (1UL << 20)
#define HCR_TGE	   (1UL << 27)
#define HCR_RW	   (1UL << 31)
/* Native threads: EL0 with stage 1 off (user.c); physical IRQ/FIQ at EL2 (gic.c). */
#define HCR_NATIVE (HCR_VM | HCR_DC | HCR_TGE | HCR_RW | HCR_IMO | HCR_FMO)
/* Guests: EL1 with their own stage 1; SMC, WFI/WFE, ID registers and
 * implementation-defined registers trap; SError/IRQ/FIQ go to EL2. */
#define HCR_GUEST                                                                                  \
	(HCR_VM | HCR_SWIO | HCR_FMO | HCR_IMO | HCR_AMO | HCR_FB | HCR_BSU_IS | HCR_TWI |         \
	 HCR_TWE | HCR_TID3 | HCR_TSC | HCR_TIDCP | HCR_RW)

/* MDCR_EL2 (D17.2.89): trap PMU, debug, OS lock and debug ROM accesses of a guest. */
#define MDCR_TPMCR (1UL << 5)
#define MDCR_TPM   (1UL << 6)
#define MDCR_TDA   (1UL << 9)
#define MDCR_TDOSA (1UL << 10)
#define MDCR_TDRA  (1UL << 11)

/* Native EL1 register values EL0 threads rely on (user.c). */
#define NATIVE_CPACR   (3UL << 20)
#define NATIVE_CNTKCTL 3UL
#define NATIVE_SCTLR   0x30d00800UL

#define PSTATE_EL1H 0x5UL
#define PSTATE_DAIF 0x3c0UL

#define VTIMER_PPI IRQC_VTIMER_PPI
#define MAINT_PPI  IRQC_VGIC_MAINT_PPI
#define VGIC_PRIO  0xa0

extern struct vcpu *vcpu_loaded[PLAT_MAX_CPUS];

/* vcpu.c */
/* Makes v the guest in this core's hardware (core: this core's index). */
void vcpu_load(struct vcpu *v, unsigned core);
void vcpu_put(struct vcpu *v);
void vcpu_enter(struct vcpu *v);
/* A native thread runs next on this core (core: its index). */
void arch_vcpu_native(unsigned core);
/* vexit.c */
void vexit_sync(struct tcb *t, uint64_t esr);
void vexit_apply_inject(struct vcpu *v, struct user_regs *r);
/* vgic.c */
void vgic_init_cpu(void);
void vgic_save(struct vcpu *v);
void vgic_restore(struct vcpu *v);
void vgic_flush(struct vcpu *v);
bool vgic_has_pending(struct vcpu *v);
void vgic_pend(struct vcpu *v, unsigned virq);
/* A guest write of val to ICC_SGI1R_EL1: pends the SGI on its targets. */
void vgic_send_sgi1r(struct vcpu *self, uint64_t val);

#endif
