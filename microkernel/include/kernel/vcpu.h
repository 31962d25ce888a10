/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Virtual CPUs (docs/architecture.md, "Virtual machines"). A VCPU object
 * holds what a thread needs to run as a guest CPU beyond its TCB's general
 * registers: the arch's guest system registers, virtual timer and virtual
 * interrupt controller state (struct arch_vcpu, <arch/vcpu.h>). Bound to a
 * TCB, the thread runs in guest mode in its VSpace; its exits the kernel
 * cannot finish become FAULT_VCPU_* messages to its fault endpoint (the VMM).
 */
#ifndef KERNEL_VCPU_H
#define KERNEL_VCPU_H

#include <kernel/invoke.h>
#include <tessera/fault.h>
#include <arch/vcpu.h>

struct vcpu {
	struct tcb *tcb; /* bound thread, or NULL */
	uint64_t flags;	 /* VCPU_F_* */
	unsigned exit_len;
	struct vcpu *bound_next, *bound_prev;	 /* every bound vCPU (vcpu_bound_first) */
	uint64_t exit_msg[FAULT_VCPU_MAX_WORDS]; /* the pending exit's message words */
	struct arch_vcpu arch;
};
_Static_assert(sizeof(struct vcpu) <= (1 << OBJ_VCPU_BITS), "vcpu fits");

/* Generic (vcpu.c). */
void vcpu_init(struct vcpu *v);
void vcpu_finalise(struct vcpu *v);
void vcpu_unbind(struct vcpu *v);
MUST_CHECK err_t vcpu_invoke(struct cte *slot, const struct inv *in, struct inv_result *out);
/* Delivers exit `fault` of t (words already in t->vcpu->exit_msg) to its VMM. */
void vcpu_exit(struct tcb *t, unsigned fault, unsigned len);
/* A halted vCPU (waiting for an interrupt) becomes runnable; one running on
 * another core is kicked (IPI) so its list registers are refilled. */
void vcpu_wake(struct vcpu *v);
/* The bound vCPUs (kernel lock held): a VM is those whose threads share one
 * guest VSpace (docs/architecture.md, "Virtual machines: a VM's vCPUs"). */
struct vcpu *vcpu_bound_first(void);
bool vcpu_same_vm(const struct vcpu *a, const struct vcpu *b);
/* Timer tick on this core: wakes switched-out halted vCPUs whose virtual
 * timer deadline has passed (arch_vcpu_timer_due). */
void vcpu_tick(void);

/* Arch (arch/<arch>/vcpu*.c). */
void arch_vcpu_init(struct vcpu *v);
/* Stops using v's state on every core (v is unbound or destroyed). */
void arch_vcpu_forget(struct vcpu *v);
/* The thread's pstate when it is bound and reset. */
uint64_t arch_vcpu_reset_pstate(void);
/* Whether v's registers can be read/written from this core now (loads them into memory). */
bool arch_vcpu_sync(struct vcpu *v);
bool arch_vcpu_reg_ok(unsigned reg);
uint64_t arch_vcpu_read_reg(struct vcpu *v, unsigned reg);
void arch_vcpu_write_reg(struct vcpu *v, unsigned reg, uint64_t value);
bool arch_vcpu_virq_ok(uint64_t virq);
/* Injection: pending state lives in the kernel; true if the vCPU should wake. */
void arch_vcpu_inject(struct vcpu *v, unsigned virq, unsigned mode);
void arch_vcpu_set_enable(struct vcpu *v, unsigned virq, bool enable);
/* Hardware-linked interrupts (spec 4.30b): virq is physical INTID virq.
 * link_hw marks it (on) or unmarks it (off: a queued instance is withdrawn and
 * list registers reachable from this core lose the link); inject_hw pends
 * one firing and wakes/kicks the vCPU; is_hw says whether virq is linked. */
void arch_vcpu_link_hw(struct vcpu *v, unsigned virq, bool on);
void arch_vcpu_inject_hw(struct vcpu *v, unsigned virq);
bool arch_vcpu_is_hw(const struct vcpu *v, unsigned virq);
/* A software-generated interrupt (0..15) from guest CPU `source` (GICv2's
 * GICD_SGIR, emulated by the VMM; ignored on GICv3) pended on v. */
void arch_vcpu_inject_sgi(struct vcpu *v, unsigned sgi, unsigned source);
/* v is not loaded on any core and its saved virtual timer condition holds:
 * pends its timer interrupt. Returns whether it did. */
bool arch_vcpu_timer_due(struct vcpu *v);
/* Applies a FAULT_REPLY_VCPU reply (words w[0..n)) to the exited thread. */
void arch_vcpu_reply(struct tcb *t, const uint64_t *w, unsigned n);
/* Sanitises a pstate value written by the VMM (fault reply, WRITE_REGS). */
uint64_t arch_pstate_from_user(const struct tcb *t, uint64_t v);

#endif
