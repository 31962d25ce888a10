// SPDX-License-Identifier: BSD-2-Clause
/*
 * Running unprivileged threads (docs/architecture.md, "User threads"): EL0
 * runs with HCR_EL2.TGE=1 (every exception goes to EL2) and stage 1 off, so
 * a thread's addresses are IPAs translated by its VSpace's stage-2 tables
 * (HCR_EL2.VM); HCR_EL2.DC=1 makes that memory Normal write-back. FP/SIMD
 * is switched lazily: CPTR_EL2.TFP traps a thread's first use after it is
 * switched in; it is saved when the thread stops running on this core.
 */
#include <arch/trap.h>
#include <arch/vcpu_hw.h>
#include <kernel/arch.h>
#include <kernel/cpu.h>
#include <kernel/ipc_transfer.h>
#include <kernel/irq.h>
#include <kernel/vspace.h>
#include <tessera/fault.h>

/* VTCR_EL2: T0SZ=24 (40-bit IPA), SL0=1 (start at level 1), WBWA, inner shareable,
 * 4 KiB granule, PS=40 bits, 16-bit VMIDs (ARM ARM D17.2.175). */
#define VTCR_VALUE                                                                                 \
	((1UL << 31) | (1UL << 19) | (2UL << 16) | (3UL << 12) | (1UL << 10) | (1UL << 8) |        \
	 (1UL << 6) | 24UL)
#define CPTR_TFP  (1UL << 10)
#define CPTR_RES1 0x33ffUL /* CPTR_EL2 RES1 bits (E2H=0) */

#define EC_UNKNOWN    0x00
#define EC_FP	      0x07
#define EC_SVC64      0x15
#define EC_IABT_LOWER 0x20
#define EC_DABT_LOWER 0x24

extern void user_return(struct user_regs *regs, uint64_t stack_top) __attribute__((noreturn));
extern void fp_save(struct fp_regs *f);
extern void fp_restore(const struct fp_regs *f);
void syscall_handle(void);

/* A VSpace with no mappings (VMID 0) for threads whose VSpace cap is gone. */
static uint64_t null_root[1024] __attribute__((aligned(8192)));

uint64_t cpu_stack_top[PLAT_MAX_CPUS];
static volatile unsigned kernel_lock_word;

void kernel_lock(void)
{
	unsigned one = 1;
	while (__atomic_exchange_n(&kernel_lock_word, one, __ATOMIC_ACQUIRE) != 0)
		while (__atomic_load_n(&kernel_lock_word, __ATOMIC_RELAXED) != 0)
			cpu_relax();
}

void kernel_unlock(void)
{
	__atomic_store_n(&kernel_lock_word, 0, __ATOMIC_RELEASE);
}

/* this_cpu() for this file's hot paths, without a call. */
static inline struct cpu *cpu_here(void)
{
	return (struct cpu *)sysreg_read(tpidr_el2);
}

struct cpu *this_cpu(void)
{
	return cpu_here();
}

/* Per core, before the first thread runs here: translation and trap settings for EL0. */
void arch_user_init_cpu(unsigned core, uint64_t stack_top)
{
	cpu_stack_top[core] = stack_top;
	sysreg_write(tpidr_el2, (uint64_t)&cpus[core]);
	sysreg_write(vtcr_el2, VTCR_VALUE);
	sysreg_write(vttbr_el2, (uint64_t)null_root);
	sysreg_write(hcr_el2, HCR_NATIVE & ~(HCR_IMO | HCR_FMO)); /* irqc_init_cpu sets them */
	sysreg_write(cptr_el2, CPTR_RES1 | CPTR_TFP);
	sysreg_write(cpacr_el1, 3UL << 20);    /* FPEN: EL0 FP/SIMD not trapped at EL1 level */
	sysreg_write(cntkctl_el1, 3UL);	       /* EL0 may read the counters */
	sysreg_write(pmuserenr_el0, 0xfUL);    /* EL0 may read the PMU (benchmarks) */
	sysreg_write(sctlr_el1, 0x30d00800UL); /* RES1 bits, stage 1 off */
	isb();
}

void arch_switch_out(struct tcb *t)
{
	struct cpu *c = cpu_here();

	if (c->current == t)
		t->tls = sysreg_read(tpidr_el0);
	if (c->fp_owner == t) {
		fp_save(&t->fp);
		c->fp_owner = NULL;
		sysreg_write(cptr_el2, CPTR_RES1 | CPTR_TFP);
		isb();
	}
}

void arch_switch_in(struct tcb *t)
{
	const struct cap *vs = &t->vspace_slot.cap;
	uint64_t vttbr = 0;

	if (vs->type == CAP_VSPACE)
		vttbr = vspace_vttbr_checked(vs->obj, vs->word1);
	if (vttbr == 0)
		vttbr = (uint64_t)null_root;
	struct cpu *c = cpu_here();
	if (vttbr != c->vttbr) { /* threads of one address space share it */
		sysreg_write(vttbr_el2, vttbr);
		c->vttbr = vttbr;
	}
	sysreg_write(tpidr_el0, t->tls);
	if (t->vcpu != NULL)
		vcpu_load(t->vcpu, c->index);
	else
		arch_vcpu_native(c->index);
	/* no ISB: the ERET back to the thread is context synchronizing */
}

void fp_trap(struct tcb *t)
{
	struct cpu *c = cpu_here();

	sysreg_write(cptr_el2, CPTR_RES1);
	isb();
	if (c->fp_owner != NULL && c->fp_owner != t)
		fp_save(&c->fp_owner->fp);
	fp_restore(&t->fp);
	c->fp_owner = t;
}

NORETURN void arch_return_to_user(struct user_regs *regs)
{
	struct cpu *c = cpu_here();
	unsigned core = c->index;

	if (c->current->vcpu != NULL)
		vcpu_enter(c->current->vcpu);
	kernel_unlock();
	user_return(regs, cpu_stack_top[core]);
}

void arch_idle_wait(void)
{
	kernel_unlock();
	__asm__ volatile("msr daifclr, #2\n wfi\n msr daifset, #2" ::: "memory");
	kernel_lock();
}

void arch_send_resched(unsigned core)
{
	irqc_send_ipi(core);
}

static void user_sync(struct tcb *t)
{
	uint64_t esr = sysreg_read(esr_el2), far = sysreg_read(far_el2);
	unsigned ec = ESR_EC(esr);

	if (t->vcpu != NULL) {
		vexit_sync(t, esr);
		return;
	}
	switch (ec) {
	case EC_SVC64:
		syscall_handle();
		break;
	case EC_FP:
		fp_trap(t);
		break;
	case EC_DABT_LOWER:
		thread_fault(t, FAULT_VM, far, ESR_ISS(esr), ((esr >> 6) & 1) << 1);
		break;
	case EC_IABT_LOWER:
		thread_fault(t, FAULT_VM, far, ESR_ISS(esr), 1);
		break;
	default:
		thread_fault(t, FAULT_USER_EXCEPTION, far, esr, 0);
		break;
	}
}

/* C entry from EL0 (vectors.S); kind is the vector (8 sync, 9 irq, 10 fiq, 11 serror). */
NORETURN void user_trap(uint64_t kind)
{
	kernel_lock();
	struct cpu *c = cpu_here();
	struct tcb *t = c->current;

	if (t == c->idle) {
		/* the thread was deleted while running here: nothing to handle for it */
		if (kind == TRAP_LOWER64_IRQ)
			arch_irq_dispatch();
	} else if (kind == TRAP_LOWER64_SYNC) {
		user_sync(t);
	} else if (kind == TRAP_LOWER64_IRQ) {
		arch_irq_dispatch();
	} else if (t->vcpu != NULL) {
		vexit_sync(t, sysreg_read(esr_el2)); /* SError, FIQ: an exit the VMM sees */
	} else {
		thread_fault(t, FAULT_USER_EXCEPTION, 0, sysreg_read(esr_el2), 0);
	}
	sched_exit_to_user();
}
