// SPDX-License-Identifier: BSD-2-Clause
/* Thread control blocks: lifecycle (docs/spec: "TCB"). Invocations are in tcb_invoke.c. */
#include <kernel/arch.h>
#include <kernel/cpu.h>
#include <tessera/invocation.h>
#include <kernel/vcpu.h>

void tcb_init(struct tcb *t)
{
	t->state = TS_INACTIVE;
	t->regs.spsr = SPSR_USER;
	t->core = 0;
}

void tcb_set_error(struct tcb *t, err_t e)
{
	t->regs.x[0] = e;
	t->regs.x[1] = 0;
}

struct ipc_buffer *tcb_ipcbuf(struct tcb *t)
{
	const struct cap *f = &t->ipcbuf_slot.cap;

	if (f->type != CAP_FRAME)
		return NULL;
	return (struct ipc_buffer *)(f->obj + (t->ipcbuf_vaddr & ((1ULL << f->size_bits) - 1)));
}

/* If t runs on another core right now, that core drops it at its next kernel entry. */
static void tcb_stop_remote(struct tcb *t)
{
	for (unsigned i = 0; i < cpus_online(); i++) {
		struct cpu *c = &cpus[i];
		if (c->current == t && c != this_cpu()) {
			c->current = c->idle;
			c->cur_regs = &c->idle->regs;
			c->resched = true;
			arch_send_resched(i);
		}
	}
}

void tcb_suspend(struct tcb *t)
{
	ipc_cancel(t);
	sched_dequeue(t);
	t->state = TS_INACTIVE;
	t->ipc.fault = 0;
	tcb_stop_remote(t);
	if (t == this_cpu()->current)
		sched_request();
}

void tcb_resume(struct tcb *t)
{
	if (t->state == TS_INACTIVE)
		sched_make_runnable(t);
}

void tcb_finalise(struct tcb *t)
{
	if (t->vcpu != NULL)
		vcpu_unbind(t->vcpu);
	tcb_suspend(t);
	if (t->bound_ntfn != NULL) {
		t->bound_ntfn->bound = NULL;
		t->bound_ntfn = NULL;
	}
	for (unsigned i = 0; i < cpus_online(); i++)
		if (cpus[i].fp_owner == t)
			cpus[i].fp_owner = NULL;
	cte_delete(&t->cspace_slot);
	cte_delete(&t->vspace_slot);
	cte_delete(&t->ipcbuf_slot);
}

/* Sets register i in the TCB_REG_* order (pc, sp, spsr, x0..x30); the
 * PSTATE a user may choose is filtered by the arch. */
void tcb_set_reg(struct tcb *t, unsigned i, uint64_t v)
{
	if (i == TCB_REG_PC)
		t->regs.pc = v;
	else if (i == TCB_REG_SP)
		t->regs.sp = v;
	else if (i == TCB_REG_SPSR)
		t->regs.spsr = arch_pstate_from_user(t, v);
	else if (i < TCB_REG_COUNT)
		t->regs.x[i - TCB_REG_X0] = v;
}
