// SPDX-License-Identifier: BSD-2-Clause
/*
 * VCPU objects: binding to a TCB, VMM invocations, exit delivery
 * (docs/architecture.md, "Virtual machines"). The arch keeps the guest
 * state (arch/<arch>/vcpu*.c); this file checks arguments and caps.
 */
#include <kernel/arch.h>
#include <kernel/cpu.h>
#include <kernel/ipc_transfer.h>
#include <kernel/irqcap.h>
#include <kernel/vcpu.h>

/* Every bound vCPU, linked through bound_next/bound_prev (kernel lock). A
 * VM is the set of them whose threads share one guest VSpace (vcpu_same_vm). */
static struct vcpu *bound_head;

void vcpu_init(struct vcpu *v)
{
	arch_vcpu_init(v);
}

static void bound_link(struct vcpu *v)
{
	v->bound_prev = NULL;
	v->bound_next = bound_head;
	if (bound_head != NULL)
		bound_head->bound_prev = v;
	bound_head = v;
}

static void bound_unlink(struct vcpu *v)
{
	if (v->bound_prev != NULL)
		v->bound_prev->bound_next = v->bound_next;
	else if (bound_head == v)
		bound_head = v->bound_next;
	if (v->bound_next != NULL)
		v->bound_next->bound_prev = v->bound_prev;
	v->bound_next = v->bound_prev = NULL;
}

struct vcpu *vcpu_bound_first(void)
{
	return bound_head;
}

bool vcpu_same_vm(const struct vcpu *a, const struct vcpu *b)
{
	if (a->tcb == NULL || b->tcb == NULL)
		return false;
	const struct cap *x = &a->tcb->vspace_slot.cap, *y = &b->tcb->vspace_slot.cap;
	return x->type == CAP_VSPACE && y->type == CAP_VSPACE && x->obj == y->obj;
}

void vcpu_unbind(struct vcpu *v)
{
	struct tcb *t = v->tcb;

	if (t == NULL)
		return;
	tcb_suspend(t); /* it must not run on as a guest without its state */
	bound_unlink(v);
	t->vcpu = NULL;
	v->tcb = NULL;
	arch_vcpu_forget(v);
}

void vcpu_finalise(struct vcpu *v)
{
	irq_forget_vcpu(v);
	vcpu_unbind(v);
	arch_vcpu_forget(v);
}

static bool running_elsewhere(const struct tcb *t)
{
	for (unsigned i = 0; i < cpus_online(); i++)
		if (cpus[i].current == t && &cpus[i] != this_cpu())
			return true;
	return false;
}

static err_t set_tcb(struct vcpu *v, const struct inv *in)
{
	if (in->nextra < 1 || in->len < 1)
		return ERR_TRUNCATED_MESSAGE;
	if (in->extra[0]->cap.type != CAP_TCB)
		return ERR_INVALID_CAPABILITY;
	struct tcb *t = (struct tcb *)in->extra[0]->cap.obj;
	if (t == in->caller || running_elsewhere(t) || (t->vcpu != NULL && t->vcpu != v))
		return ERR_ILLEGAL_OPERATION;
	if (in->mr[0] & ~(uint64_t)VCPU_F_PMU)
		return ERR_INVALID_ARGUMENT;
	if (v->tcb != t)
		vcpu_unbind(v);
	v->flags = in->mr[0];
	if (v->tcb != t)
		bound_link(v);
	v->tcb = t;
	t->vcpu = v;
	t->regs.spsr = arch_vcpu_reset_pstate();
	return ERR_OK;
}

static err_t reg_access(struct vcpu *v, const struct inv *in, struct inv_result *out, bool write)
{
	if (in->len < (write ? 2U : 1U))
		return ERR_TRUNCATED_MESSAGE;
	if (!arch_vcpu_reg_ok((unsigned)in->mr[0] < VCPU_REG_COUNT ? (unsigned)in->mr[0] : ~0U))
		return ERR_RANGE;
	if (!arch_vcpu_sync(v))
		return ERR_ILLEGAL_OPERATION; /* its state is live on another core */
	if (write) {
		arch_vcpu_write_reg(v, (unsigned)in->mr[0], in->mr[1]);
	} else {
		out->mr[0] = arch_vcpu_read_reg(v, (unsigned)in->mr[0]);
		out->len = 1;
	}
	return ERR_OK;
}

/* SGIs (INTID 0..15): edge only; MR2 is the source CPU a GICv2 guest sees. */
static err_t inject_sgi(struct vcpu *v, const struct inv *in)
{
	uint64_t source = in->len > 2 ? in->mr[2] : 0;

	if (in->mr[1] != VIRQ_EDGE || source > 7)
		return ERR_INVALID_ARGUMENT;
	arch_vcpu_inject_sgi(v, (unsigned)in->mr[0], (unsigned)source);
	return ERR_OK;
}

static err_t irq_access(struct vcpu *v, const struct inv *in)
{
	if (in->len < 2)
		return ERR_TRUNCATED_MESSAGE;
	if (in->mr[0] < 16 && in->label == INV_VCPU_INJECT_IRQ)
		return inject_sgi(v, in);
	if (!arch_vcpu_virq_ok(in->mr[0]))
		return ERR_RANGE;
	if (in->label == INV_VCPU_SET_IRQ_ENABLE) {
		arch_vcpu_set_enable(v, (unsigned)in->mr[0], in->mr[1] != 0);
		return ERR_OK;
	}
	if (in->mr[1] > VIRQ_LEVEL_LOW)
		return ERR_INVALID_ARGUMENT;
	if (arch_vcpu_is_hw(v, (unsigned)in->mr[0]))
		return ERR_ILLEGAL_OPERATION; /* its physical interrupt pends it (4.30b) */
	arch_vcpu_inject(v, (unsigned)in->mr[0], (unsigned)in->mr[1]);
	return ERR_OK;
}

err_t vcpu_invoke(struct cte *slot, const struct inv *in, struct inv_result *out)
{
	struct vcpu *v = (struct vcpu *)slot->cap.obj;

	switch (in->label) {
	case INV_VCPU_SET_TCB:
		return set_tcb(v, in);
	case INV_VCPU_READ_REG:
	case INV_VCPU_WRITE_REG:
		return reg_access(v, in, out, in->label == INV_VCPU_WRITE_REG);
	case INV_VCPU_INJECT_IRQ:
	case INV_VCPU_SET_IRQ_ENABLE:
		return irq_access(v, in);
	default:
		return ERR_ILLEGAL_OPERATION;
	}
}

void vcpu_exit(struct tcb *t, unsigned fault, unsigned len)
{
	t->vcpu->exit_len = len;
	if (!fastpath_vcpu_exit(t, fault))
		thread_fault(t, fault, 0, 0, 0);
}

/* This core's tick (kernel lock held): a halted vCPU whose state is not in
 * any core's hardware has no timer interrupt of its own, so its saved
 * deadline is checked here (at most one tick late). */
void vcpu_tick(void)
{
	unsigned core = this_cpu()->index;

	for (struct vcpu *v = bound_head; v != NULL; v = v->bound_next)
		if (v->tcb->state == TS_VCPU_HALTED && v->tcb->core == core)
			(void)arch_vcpu_timer_due(v);
}

/* Called with the kernel lock held, from injection or the timer interrupt. */
void vcpu_wake(struct vcpu *v)
{
	struct tcb *t = v->tcb;

	if (t == NULL)
		return;
	if (t->state == TS_VCPU_HALTED) {
		sched_make_runnable(t);
	} else if (t->state == TS_RUNNABLE && t != this_cpu()->current) {
		for (unsigned i = 0; i < cpus_online(); i++)
			if (cpus[i].current == t)
				arch_send_resched(i); /* enter the kernel: list registers refill */
	}
}
