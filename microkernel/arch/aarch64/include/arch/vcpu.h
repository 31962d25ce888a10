/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * aarch64 guest CPU state kept in a VCPU object (docs/architecture.md,
 * "Virtual machines"). The guest's x0-x30, pc (ELR_EL2), pstate (SPSR_EL2),
 * SP_EL0 and TPIDR_EL0 are the TCB's; FP/SIMD is the TCB's lazy state.
 * Everything here is loaded lazily: a core keeps the last guest's EL1
 * registers in hardware until it runs another vCPU (vcpu_loaded[core]).
 */
#ifndef ARCH_VCPU_H
#define ARCH_VCPU_H

#include <kernel/types.h>
#include <tessera/invocation.h>

#define VGIC_MAX_LR   16
#define VGIC_NUM_VIRQ 1024

/* A pending exception the kernel injects at the next guest entry. */
enum vcpu_inject { INJECT_NONE = 0, INJECT_DABT, INJECT_UNDEF };

struct arch_vcpu {
	uint64_t sysreg[VCPU_REG_COUNT]; /* guest EL1 registers, timer, VMPIDR_EL2 */
	int8_t loaded_on;		 /* core whose hardware holds sysreg[], or -1 */
	uint8_t halted;			 /* in WFI: waits for an interrupt */
	uint8_t vtimer_masked;		 /* the vtimer PPI is masked until the guest EOIs it */
	uint8_t inject;			 /* enum vcpu_inject, applied at entry */
	uint64_t inject_far;
	/* Virtual interrupt controller: list registers, as saved. */
	uint64_t lr[VGIC_MAX_LR];
	uint64_t vmcr, apr;
	uint64_t pending[VGIC_NUM_VIRQ / 64];  /* pending, not yet in a list register */
	uint64_t level[VGIC_NUM_VIRQ / 64];    /* level lines currently asserted */
	uint64_t disabled[VGIC_NUM_VIRQ / 64]; /* the guest distributor disabled them */
	uint64_t hw[VGIC_NUM_VIRQ / 64];       /* linked to the same physical INTID (4.30b) */
	uint64_t npending;		       /* bits set in pending[] */
	uint8_t sgi_src[16];		       /* GICv2: source CPUs of each pending SGI */
	/* Decoded destination of the exit being emulated (load or MRS). */
	uint8_t exit_rt, exit_size, exit_signed, exit_sf;
};

#endif
