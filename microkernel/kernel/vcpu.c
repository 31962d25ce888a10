// SPDX-License-Identifier: BSD-2-Clause
/*
 * VCPU objects: binding to a TCB, VMM invocations, exit delivery
 * (docs/architecture.md, "Virtual machines"). The arch keeps the guest
 * state (arch/<arch>/vcpu*.c); this file checks arguments and caps.
 */
#include <kernel/arch.h>
#include <kernel/cpu.h>
#include <kernel/ipc_transfer.h>
#include <kernel/vcpu.h>

void vcpu_init(struct vcpu *v)
{
	arch_vcpu_init(v);
}

void vcpu_unbind(struct vcpu *v)
{
	struct tcb *t = v->tcb;

	if (t == NULL)
		return;
	tcb_suspend(t); /* it must not run on as a guest without its state */
	t->vcpu = NULL;
	v->tcb = NULL;
	arch_vcpu_forget(v);
}

void vcpu_finalise(struct vcpu *v)
{
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

static err_t irq_access(struct vcpu *v, const struct inv *in)
{
	if (in->len < 2)
		return ERR_TRUNCATED_MESSAGE;
	if (!arch_vcpu_virq_ok(in->mr[0]))
		return ERR_RANGE;
	if (in->label == INV_VCPU_SET_IRQ_ENABLE) {
		arch_vcpu_set_enable(v, (unsigned)in->mr[0], in->mr[1] != 0);
		return ERR_OK;
	}
	if (in->mr[1] > VIRQ_LEVEL_LOW)
		return ERR_INVALID_ARGUMENT;
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
