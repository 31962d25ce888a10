// SPDX-License-Identifier: BSD-2-Clause
/*
 * IPC fast paths (docs/spec: "IPC", fast path). For the common case of a
 * Call to a waiting server, and of a server's ReplyRecv to a waiting caller,
 * with a message of at most 4 words and no capabilities, between threads on
 * the same core where the woken thread has at least the current priority:
 * copy the registers and switch straight to the partner, with no run-queue
 * work. Anything else returns false before changing state, and the general
 * path (ipc.c) handles it with the same result. CONFIG_FASTPATH=0 turns
 * them off; the kernel test suite runs both ways.
 */
#include <kernel/cpu.h>
#include <kernel/ipc_transfer.h>
#include <kernel/vcpu.h>

#ifndef CONFIG_FASTPATH
#define CONFIG_FASTPATH 1
#endif

static inline bool simple_message(uint64_t info)
{
	return MSGINFO_EXTRA_CAPS(info) == 0 && MSGINFO_LENGTH(info) <= MSG_REG_COUNT;
}

static inline void copy_words(struct tcb *to, const struct tcb *from, uint64_t info, uint64_t badge)
{
	to->regs.x[0] = ERR_OK;
	to->regs.x[1] = MSGINFO(MSGINFO_LABEL(info), 0, MSGINFO_LENGTH(info));
	for (unsigned i = 0; i < MSGINFO_LENGTH(info);
	     i++) /* as the slow path: length words only */
		to->regs.x[2 + i] = from->regs.x[2 + i];
	to->regs.x[6] = badge;
}

/* The caller t waits on the receiver r's reply object rp; r runs now. */
static inline void call_handoff(struct tcb *t, struct tcb *r, struct reply *rp)
{
	rp->caller = t;
	t->reply_to_me = rp;
	t->state = TS_BLOCKED_REPLY;
	t->blocked_on = rp;
	r->state = TS_RUNNABLE;
	r->blocked_on = NULL;
	sched_switch_to(r);
}

bool fastpath_call(struct tcb *t)
{
	uint64_t info = t->regs.x[1];
	struct cte *slot;

	if (!CONFIG_FASTPATH || !simple_message(info))
		return false;
	if (cspace_lookup_cap(&t->cspace_slot.cap, t->regs.x[0], &slot) != ERR_OK)
		return false;
	const struct cap *c = &slot->cap;
	if (c->type != CAP_ENDPOINT || !(c->rights & RIGHT_WRITE) ||
	    !(c->rights & (RIGHT_GRANT | RIGHT_GRANT_REPLY)))
		return false;
	struct endpoint *ep = (struct endpoint *)c->obj;
	if (ep->state != EP_RECV)
		return false;
	struct tcb *r = ep->head;
	struct reply *rp = r->ipc.reply;
	if (r->core != t->core || r->priority < t->priority || rp == NULL || rp->caller != NULL)
		return false;

	ep_remove(ep, r);
	copy_words(r, t, info, c->word1);
	t->ipc.badge = c->word1;
	t->ipc.is_call = true;
	t->ipc.fault = 0;
	call_handoff(t, r, rp);
	return true;
}

bool fastpath_reply_recv(struct tcb *t)
{
	uint64_t info = t->regs.x[1];
	struct cte *ep_slot, *reply_slot;

	if (!CONFIG_FASTPATH || !simple_message(info))
		return false;
	if (cspace_lookup_cap(&t->cspace_slot.cap, t->regs.x[0], &ep_slot) != ERR_OK ||
	    cspace_lookup_cap(&t->cspace_slot.cap, t->regs.x[6], &reply_slot) != ERR_OK)
		return false;
	const struct cap *ec = &ep_slot->cap;
	if (ec->type != CAP_ENDPOINT || !(ec->rights & RIGHT_READ) ||
	    reply_slot->cap.type != CAP_REPLY)
		return false;
	struct endpoint *ep = (struct endpoint *)ec->obj;
	struct reply *rp = (struct reply *)reply_slot->cap.obj;
	struct tcb *c = rp->caller;
	if (ep->state == EP_SEND || c == NULL || c->core != t->core)
		return false;
	/* t blocks in its Recv: c may run at a lower priority than t if it
	 * outranks every thread queued on this core (the general path would
	 * choose it too). */
	if (c->priority < t->priority && sched_queued_at_least(c->priority))
		return false;
	bool vcpu_reply =
	    c->ipc.fault != 0 && c->vcpu != NULL && MSGINFO_LABEL(info) == FAULT_REPLY_VCPU;
	if (c->ipc.fault != 0 && !vcpu_reply)
		return false;
	if (t->bound_ntfn != NULL && t->bound_ntfn->active)
		return false;

	rp->caller = NULL;
	c->reply_to_me = NULL;
	if (vcpu_reply) {
		c->ipc.fault = 0;
		arch_vcpu_reply(c, &t->regs.x[2], (unsigned)MSGINFO_LENGTH(info));
	} else {
		copy_words(c, t, info, 0); /* a reply has no badge */
	}
	c->state = TS_RUNNABLE;
	c->blocked_on = NULL;
	t->ipc.reply = rp;
	if (rp->receiver != NULL && rp->receiver != t && rp->receiver->ipc.reply == rp)
		rp->receiver->ipc.reply = NULL;
	rp->receiver = t;
	ep_append(ep, t);
	ep->state = EP_RECV;
	t->state = TS_BLOCKED_RECV;
	t->blocked_on = ep;
	sched_switch_to(c);
	return true;
}

/*
 * A VM exit to a VMM waiting on the vCPU's fault endpoint, on this core, at
 * no lower priority, with a reply object: deliver the exit message and
 * switch straight to the VMM (the guest waits for the reply, as in a Call).
 */
bool fastpath_vcpu_exit(struct tcb *t, unsigned fault)
{
	struct cte *slot;

	if (!CONFIG_FASTPATH || t->fault_ep_cptr == 0 ||
	    cspace_lookup_cap(&t->cspace_slot.cap, t->fault_ep_cptr, &slot) != ERR_OK)
		return false;
	const struct cap *c = &slot->cap;
	if (c->type != CAP_ENDPOINT || !(c->rights & RIGHT_WRITE))
		return false;
	struct endpoint *ep = (struct endpoint *)c->obj;
	if (ep->state != EP_RECV)
		return false;
	struct tcb *r = ep->head;
	struct reply *rp = r->ipc.reply;
	const struct vcpu *v = t->vcpu;
	unsigned len = v->exit_len;
	struct ipc_buffer *rb = len > MSG_REG_COUNT ? tcb_ipcbuf(r) : NULL;
	if (r->core != t->core || r->priority < t->priority || rp == NULL || rp->caller != NULL ||
	    (len > MSG_REG_COUNT && rb == NULL))
		return false;

	ep_remove(ep, r);
	t->ipc.fault = (uint8_t)fault;
	t->ipc.badge = c->word1;
	t->ipc.is_call = true;
	t->ipc.can_grant = false;
	t->ipc.can_grant_reply = true;
	/* the fault message as ipc_transfer builds it (spec 7.2): words 0-3 in
	 * x2-x5, the rest in the receiver's IPC buffer */
	_Static_assert(MSG_REG_COUNT == 4, "x2-x5 carry the first four words");
	if (len >= MSG_REG_COUNT) { /* every exit but FAULT_VCPU_OTHER: no loop */
		r->regs.x[2] = v->exit_msg[0];
		r->regs.x[3] = v->exit_msg[1];
		r->regs.x[4] = v->exit_msg[2];
		r->regs.x[5] = v->exit_msg[3];
	} else {
		for (unsigned i = 0; i < len; i++)
			r->regs.x[2 + i] = v->exit_msg[i];
	}
	for (unsigned i = MSG_REG_COUNT; i < len; i++)
		rb->msg[i] = v->exit_msg[i];
	r->regs.x[0] = ERR_OK;
	r->regs.x[1] = MSGINFO(fault, 0, len);
	r->regs.x[6] = c->word1;
	call_handoff(t, r, rp);
	return true;
}
