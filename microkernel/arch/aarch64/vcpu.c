// SPDX-License-Identifier: BSD-2-Clause
/*
 * aarch64 vCPU state (docs/architecture.md, "Virtual machines"): guest EL1
 * system registers, virtual timer and VMPIDR_EL2, loaded lazily. A core
 * keeps the last vCPU it ran loaded (vcpu_loaded[core]) while native
 * threads run in between (a VMM handling its exit): only the three EL1
 * registers that affect EL0 under HCR_EL2.TGE (SCTLR, CPACR, CNTKCTL) are
 * swapped for native values. Running another vCPU saves the old one.
 */
#include <arch/gic.h>
#include <arch/vcpu_hw.h>
#include <kernel/arch.h>
#include <kernel/cpu.h>
#include <kernel/irq.h>

struct vcpu *vcpu_loaded[PLAT_MAX_CPUS];
static bool el1_native[PLAT_MAX_CPUS] = {[0 ... PLAT_MAX_CPUS - 1] = true};
static uint64_t mdcr_native[PLAT_MAX_CPUS];

#define SAVE(i, reg)	v->arch.sysreg[i] = sysreg_read(reg);
#define RESTORE(i, reg) sysreg_write(reg, v->arch.sysreg[i]);
#define EACH_SYSREG(X)                                                                             \
	X(VCPU_REG_TTBR0_EL1, ttbr0_el1)                                                           \
	X(VCPU_REG_TTBR1_EL1, ttbr1_el1)                                                           \
	X(VCPU_REG_TCR_EL1, tcr_el1)                                                               \
	X(VCPU_REG_MAIR_EL1, mair_el1)                                                             \
	X(VCPU_REG_AMAIR_EL1, amair_el1)                                                           \
	X(VCPU_REG_VBAR_EL1, vbar_el1)                                                             \
	X(VCPU_REG_CONTEXTIDR_EL1, contextidr_el1)                                                 \
	X(VCPU_REG_TPIDR_EL1, tpidr_el1)                                                           \
	X(VCPU_REG_TPIDRRO_EL0, tpidrro_el0)                                                       \
	X(VCPU_REG_SP_EL1, sp_el1)                                                                 \
	X(VCPU_REG_ELR_EL1, elr_el1)                                                               \
	X(VCPU_REG_SPSR_EL1, spsr_el1)                                                             \
	X(VCPU_REG_ESR_EL1, esr_el1)                                                               \
	X(VCPU_REG_FAR_EL1, far_el1)                                                               \
	X(VCPU_REG_AFSR0_EL1, afsr0_el1)                                                           \
	X(VCPU_REG_AFSR1_EL1, afsr1_el1)                                                           \
	X(VCPU_REG_PAR_EL1, par_el1)                                                               \
	X(VCPU_REG_CSSELR_EL1, csselr_el1)                                                         \
	X(VCPU_REG_MDSCR_EL1, mdscr_el1)                                                           \
	X(VCPU_REG_CNTV_CVAL_EL0, cntv_cval_el0)                                                   \
	X(VCPU_REG_VMPIDR_EL2, vmpidr_el2)
/* SCTLR, CPACR and CNTKCTL: swapped with native values (el1_native). */
#define EACH_EL0_SYSREG(X)                                                                         \
	X(VCPU_REG_SCTLR_EL1, sctlr_el1)                                                           \
	X(VCPU_REG_CPACR_EL1, cpacr_el1)                                                           \
	X(VCPU_REG_CNTKCTL_EL1, cntkctl_el1)

void arch_vcpu_init(struct vcpu *v)
{
	v->arch.loaded_on = -1;
	v->arch.sysreg[VCPU_REG_SCTLR_EL1] = NATIVE_SCTLR; /* RES1 bits, MMU and caches off */
	v->arch.sysreg[VCPU_REG_VMPIDR_EL2] = 1UL << 31;   /* RES1; Aff0 = 0 */
}

uint64_t arch_vcpu_reset_pstate(void)
{
	return PSTATE_EL1H | PSTATE_DAIF;
}

/* A guest may run at EL1h, EL1t or EL0t, AArch64 only; never at EL2. */
uint64_t arch_pstate_from_user(const struct tcb *t, uint64_t v)
{
	if (t->vcpu == NULL)
		return SPSR_USER | (v & SPSR_USER_MASK);
	uint64_t mode = v & 0xf;
	if (mode != 0 && mode != 4 && mode != 5)
		mode = PSTATE_EL1H;
	return (v & (SPSR_USER_MASK | PSTATE_DAIF)) | mode;
}

static void save_el0_regs(struct vcpu *v)
{
	EACH_EL0_SYSREG(SAVE);
}

/* Writes the guest's state back to v and stops using it on this core. */
void vcpu_put(struct vcpu *v)
{
	unsigned core = this_cpu()->index;

	EACH_SYSREG(SAVE);
	if (!el1_native[core])
		save_el0_regs(v);
	SAVE(VCPU_REG_CNTV_CTL_EL0, cntv_ctl_el0);
	sysreg_write(cntv_ctl_el0, 0); /* its timer must not fire for someone else */
	vgic_save(v);
	if (v->arch.vtimer_masked)
		irqc_enable(VTIMER_PPI);
	v->arch.loaded_on = -1;
	vcpu_loaded[core] = NULL;
	el1_native[core] = true;
	sysreg_write(sctlr_el1, NATIVE_SCTLR);
	sysreg_write(cpacr_el1, NATIVE_CPACR);
	sysreg_write(cntkctl_el1, NATIVE_CNTKCTL);
}

void vcpu_load(struct vcpu *v, unsigned core)
{
	struct vcpu *old = vcpu_loaded[core];

	if (old != v) {
		if (old != NULL)
			vcpu_put(old);
		EACH_SYSREG(RESTORE);
		RESTORE(VCPU_REG_CNTV_CTL_EL0, cntv_ctl_el0);
		vgic_restore(v);
		if (v->arch.vtimer_masked)
			irqc_disable(VTIMER_PPI);
		else
			irqc_enable(VTIMER_PPI);
		v->arch.loaded_on = (int8_t)core;
		vcpu_loaded[core] = v;
		el1_native[core] = true; /* the native values are in hardware now */
	}
	if (el1_native[core]) {
		EACH_EL0_SYSREG(RESTORE);
		el1_native[core] = false;
	}
	uint64_t mdcr = mdcr_native[core];
	if (!(v->flags & VCPU_F_PMU))
		mdcr |= MDCR_TPM | MDCR_TPMCR;
	sysreg_write(mdcr_el2, mdcr | MDCR_TDA | MDCR_TDOSA | MDCR_TDRA);
	sysreg_write(hcr_el2, HCR_GUEST);
}

/* A native thread runs next: only the registers EL0 depends on go native. */
void arch_vcpu_native(unsigned core)
{
	if (!el1_native[core]) {
		struct vcpu *v = vcpu_loaded[core];
		if (v != NULL)
			save_el0_regs(v);
		sysreg_write(sctlr_el1, NATIVE_SCTLR);
		sysreg_write(cpacr_el1, NATIVE_CPACR);
		sysreg_write(cntkctl_el1, NATIVE_CNTKCTL);
		el1_native[core] = true;
		sysreg_write(mdcr_el2, mdcr_native[core]);
		sysreg_write(hcr_el2, HCR_NATIVE);
	}
}

void arch_vcpu_init_cpu(unsigned core)
{
	mdcr_native[core] = sysreg_read(mdcr_el2);
	sysreg_write(vpidr_el2, sysreg_read(midr_el1));
	vgic_init_cpu();
}

bool arch_vcpu_sync(struct vcpu *v)
{
	if (v->arch.loaded_on < 0)
		return true;
	if ((unsigned)v->arch.loaded_on != this_cpu()->index)
		return false;
	vcpu_put(v);
	return true;
}

/* Forgets v everywhere: another core's hardware keeps stale values nobody uses. */
void arch_vcpu_forget(struct vcpu *v)
{
	for (unsigned i = 0; i < PLAT_MAX_CPUS; i++)
		if (vcpu_loaded[i] == v) {
			if (i == this_cpu()->index)
				vcpu_put(v);
			else
				vcpu_loaded[i] = NULL;
		}
	v->arch.loaded_on = -1;
}

bool arch_vcpu_reg_ok(unsigned reg)
{
	return reg < VCPU_REG_COUNT;
}

uint64_t arch_vcpu_read_reg(struct vcpu *v, unsigned reg)
{
	return v->arch.sysreg[reg];
}

void arch_vcpu_write_reg(struct vcpu *v, unsigned reg, uint64_t value)
{
	if (reg == VCPU_REG_VMPIDR_EL2)
		value = (value & MPIDR_AFF_MASK) | (1UL << 31);
	v->arch.sysreg[reg] = value;
}

/* Last steps before the guest runs: pending exception, list registers. */
void vcpu_enter(struct vcpu *v)
{
	if (v->arch.inject != INJECT_NONE)
		vexit_apply_inject(v, &v->tcb->regs);
	if (v->arch.npending != 0)
		vgic_flush(v);
}
