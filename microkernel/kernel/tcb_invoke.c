// SPDX-License-Identifier: BSD-2-Clause
/* TCB invocations (docs/spec: "TCB"); each decodes completely before it changes anything. */
#include <kernel/arch.h>
#include <kernel/cpu.h>
#include <kernel/invoke.h>
#include <kernel/vcpu.h>

static bool running_elsewhere(const struct tcb *t)
{
	for (unsigned i = 0; i < cpus_online(); i++)
		if (cpus[i].current == t && &cpus[i] != this_cpu())
			return true;
	return false;
}

static void set_slot(struct cte *internal, struct cte *src)
{
	struct cap cap;
	bool revocable;

	cte_delete(internal);
	if (cap_derive(src, RIGHTS_ALL, 0, false, &cap, &revocable) == ERR_OK)
		cdt_insert_child(src, internal, &cap, false);
}

static err_t configure(struct tcb *t, const struct inv *in)
{
	struct cte *cs = in->extra[0], *vs = in->extra[1],
		   *buf = in->nextra > 2 ? in->extra[2] : NULL;

	if (in->len < 2 || in->nextra < 2)
		return ERR_TRUNCATED_MESSAGE;
	if (cs->cap.type != CAP_CNODE || vs->cap.type != CAP_VSPACE)
		return ERR_INVALID_CAPABILITY;
	if (buf != NULL) {
		uint64_t off = in->mr[1] & ((1ULL << buf->cap.size_bits) - 1);
		if (buf->cap.type != CAP_FRAME || (buf->cap.flags & CAP_F_DEVICE))
			return ERR_INVALID_CAPABILITY;
		if (!(buf->cap.rights & RIGHT_WRITE))
			return ERR_NO_RIGHTS;
		if (!IS_ALIGNED(off, 8) ||
		    off + sizeof(struct ipc_buffer) > (1ULL << buf->cap.size_bits))
			return ERR_ALIGNMENT;
	}
	if (running_elsewhere(t))
		return ERR_ILLEGAL_OPERATION;
	set_slot(&t->cspace_slot, cs);
	set_slot(&t->vspace_slot, vs);
	if (buf != NULL)
		set_slot(&t->ipcbuf_slot, buf);
	else
		cte_delete(&t->ipcbuf_slot);
	t->fault_ep_cptr = in->mr[0];
	t->ipcbuf_vaddr = in->mr[1];
	return ERR_OK;
}

static err_t write_regs(struct tcb *t, const struct inv *in)
{
	if (in->len < 2)
		return ERR_TRUNCATED_MESSAGE;
	uint64_t n = in->mr[1];
	if (n > TCB_REG_COUNT || n > in->len - 2)
		return ERR_RANGE;
	if (running_elsewhere(t) || t == in->caller)
		return ERR_ILLEGAL_OPERATION;
	if (in->mr[0] &&
	    (t->cspace_slot.cap.type != CAP_CNODE || t->vspace_slot.cap.type != CAP_VSPACE))
		return ERR_ILLEGAL_OPERATION; /* resuming needs a configured thread */
	for (unsigned i = 0; i < n; i++)
		tcb_set_reg(t, i, in->mr[2 + i]);
	if (in->mr[0])
		tcb_resume(t);
	return ERR_OK;
}

static err_t read_regs(struct tcb *t, const struct inv *in, struct inv_result *out)
{
	if (in->len < 1)
		return ERR_TRUNCATED_MESSAGE;
	if (in->mr[0] > TCB_REG_COUNT || in->mr[0] > INV_MAX_WORDS)
		return ERR_RANGE;
	if (running_elsewhere(t))
		return ERR_ILLEGAL_OPERATION;
	out->len = (unsigned)in->mr[0];
	for (unsigned i = 0; i < out->len; i++)
		out->mr[i] = i == TCB_REG_PC	 ? t->regs.pc
			     : i == TCB_REG_SP	 ? t->regs.sp
			     : i == TCB_REG_SPSR ? t->regs.spsr
						 : t->regs.x[i - TCB_REG_X0];
	return ERR_OK;
}

static err_t set_priority(struct tcb *t, const struct inv *in)
{
	if (in->len < 1)
		return ERR_TRUNCATED_MESSAGE;
	if (in->mr[0] > in->caller->mcp || (in->len >= 2 && in->mr[1] > in->caller->mcp))
		return ERR_RANGE;
	if (in->len >= 2)
		t->mcp = (uint8_t)in->mr[1];
	bool queued = t->state == TS_RUNNABLE;
	if (queued)
		sched_dequeue(t);
	t->priority = (uint8_t)in->mr[0];
	if (queued)
		sched_enqueue(t);
	sched_request();
	return ERR_OK;
}

static err_t set_affinity(struct tcb *t, const struct inv *in)
{
	if (in->len < 1)
		return ERR_TRUNCATED_MESSAGE;
	if (in->mr[0] >= cpus_online())
		return ERR_RANGE;
	if (running_elsewhere(t))
		return ERR_ILLEGAL_OPERATION; /* it would run on two cores at once */
	/* A guest CPU's EL1 state must not stay in another core's hardware: saved
	 * here if it is live on this core, refused if on another (4.31). */
	if (t->vcpu != NULL && !arch_vcpu_sync(t->vcpu))
		return ERR_ILLEGAL_OPERATION;
	bool queued = t->state == TS_RUNNABLE;
	if (queued)
		sched_dequeue(t);
	arch_switch_out(t); /* its FP/SIMD state must not stay in this core's registers */
	t->core = (uint8_t)in->mr[0];
	if (queued)
		sched_enqueue(t);
	sched_request();
	return ERR_OK;
}

static err_t bind(struct tcb *t, const struct inv *in)
{
	if (in->nextra < 1)
		return ERR_TRUNCATED_MESSAGE;
	if (in->extra[0]->cap.type != CAP_NOTIFICATION)
		return ERR_INVALID_CAPABILITY;
	if (!(in->extra[0]->cap.rights & RIGHT_READ))
		return ERR_NO_RIGHTS;
	struct notification *n = (struct notification *)in->extra[0]->cap.obj;
	if (n->bound != NULL || t->bound_ntfn != NULL || n->head != NULL)
		return ERR_ILLEGAL_OPERATION;
	n->bound = t;
	t->bound_ntfn = n;
	return ERR_OK;
}

static err_t fp_access(struct tcb *t, const struct inv *in, struct inv_result *out, bool write)
{
	if (in->len < (write ? 3U : 1U))
		return ERR_TRUNCATED_MESSAGE;
	if (in->mr[0] >= 32)
		return ERR_RANGE;
	if (running_elsewhere(t))
		return ERR_ILLEGAL_OPERATION;
	arch_switch_out(t); /* brings live FP/SIMD registers into the TCB */
	if (write) {
		t->fp.q[in->mr[0]][0] = in->mr[1];
		t->fp.q[in->mr[0]][1] = in->mr[2];
	} else {
		out->mr[0] = t->fp.q[in->mr[0]][0];
		out->mr[1] = t->fp.q[in->mr[0]][1];
		out->len = 2;
	}
	return ERR_OK;
}

err_t tcb_invoke(struct cte *slot, const struct inv *in, struct inv_result *out)
{
	struct tcb *t = (struct tcb *)slot->cap.obj;

	switch (in->label) {
	case INV_TCB_CONFIGURE:
		return configure(t, in);
	case INV_TCB_SET_PRIORITY:
		return set_priority(t, in);
	case INV_TCB_SET_AFFINITY:
		return set_affinity(t, in);
	case INV_TCB_WRITE_REGS:
		return write_regs(t, in);
	case INV_TCB_READ_REGS:
		return read_regs(t, in, out);
	case INV_TCB_RESUME:
		if (t->cspace_slot.cap.type != CAP_CNODE || t->vspace_slot.cap.type != CAP_VSPACE)
			return ERR_ILLEGAL_OPERATION; /* configure it first */
		tcb_resume(t);
		return ERR_OK;
	case INV_TCB_SUSPEND:
		tcb_suspend(t);
		return ERR_OK;
	case INV_TCB_BIND_NOTIFICATION:
		return bind(t, in);
	case INV_TCB_UNBIND_NOTIFICATION:
		if (t->bound_ntfn == NULL)
			return ERR_ILLEGAL_OPERATION;
		t->bound_ntfn->bound = NULL;
		t->bound_ntfn = NULL;
		return ERR_OK;
	case INV_TCB_SET_FAULT_EP:
		if (in->len < 1)
			return ERR_TRUNCATED_MESSAGE;
		t->fault_ep_cptr = in->mr[0];
		return ERR_OK;
	case INV_TCB_WRITE_FP:
	case INV_TCB_READ_FP:
		return fp_access(t, in, out, in->label == INV_TCB_WRITE_FP);
	default:
		return ERR_ILLEGAL_OPERATION;
	}
}
