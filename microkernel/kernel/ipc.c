// SPDX-License-Identifier: BSD-2-Clause
/*
 * Synchronous IPC through endpoints and reply objects (docs/spec: "IPC").
 * A Send/Call meets a waiting receiver or queues; a Recv meets a queued
 * sender or queues. A Call (or a fault) binds the receiver's reply object
 * to the caller, which then waits for exactly one Reply through it.
 */
#include <kernel/cpu.h>
#include <kernel/ipc_transfer.h>
#include <tessera/fault.h>

void ep_append(struct endpoint *ep, struct tcb *t)
{
	tq_append(&ep->head, &ep->tail, t);
}

void ep_remove(struct endpoint *ep, struct tcb *t)
{
	tq_remove(&ep->head, &ep->tail, t);
	if (ep->head == NULL)
		ep->state = EP_IDLE;
}

/* Binds reply object r to caller c, which waits on it; a stale binding is cancelled. */
/*
 * A blocked thread whose partner went away: a thread in a system call
 * returns ERR_CANCELLED; a faulted thread (not in a call) stays stopped.
 */
static void wake_cancelled(struct tcb *t)
{
	if (t->ipc.fault != 0) {
		t->ipc.fault = 0;
		t->state = TS_INACTIVE;
		t->blocked_on = NULL;
		return;
	}
	tcb_set_error(t, ERR_CANCELLED);
	sched_make_runnable(t);
}

static void reply_bind(struct reply *r, struct tcb *c)
{
	if (r->caller != NULL) {
		struct tcb *old = r->caller;
		old->reply_to_me = NULL;
		wake_cancelled(old);
	}
	r->caller = c;
	c->reply_to_me = r;
	sched_block(c, TS_BLOCKED_REPLY, r);
}

/*
 * After a message from s reached r: a Call (or fault) waits for the reply
 * through r's reply object; without one no reply can ever come, which the
 * caller learns as ERR_CANCELLED (the return value, for the caller to put
 * in s's x0). A plain Send is complete.
 */
static err_t sender_after(struct tcb *s, struct tcb *r, bool is_call, bool grant_reply)
{
	struct reply *rp = r->ipc.reply;

	if (is_call && rp != NULL && grant_reply) {
		reply_bind(rp, s);
		return ERR_OK;
	}
	return is_call ? ERR_CANCELLED : ERR_OK;
}

err_t ep_send(struct tcb *t, struct endpoint *ep, uint64_t info, bool block, bool call)
{
	if (ep->state == EP_RECV) {
		struct tcb *r = ep->head;
		ep_remove(ep, r);
		ipc_transfer(t, r, ep, info);
		sched_make_runnable(r);
		return sender_after(t, r, call, t->ipc.can_grant_reply);
	}
	if (!block)
		return ERR_WOULD_BLOCK;
	/* A queued sender's message info stays in its x1 (0 for faults). */
	ep_append(ep, t);
	ep->state = EP_SEND;
	sched_block(t, TS_BLOCKED_SEND, ep);
	return ERR_OK;
}

err_t ipc_send(struct tcb *t, struct cte *slot, uint64_t info, bool block, bool call)
{
	unsigned rights = slot->cap.rights;

	if (!(rights & RIGHT_WRITE))
		return ERR_NO_RIGHTS;
	t->ipc.badge = slot->cap.word1;
	t->ipc.is_call = call;
	t->ipc.can_grant = (rights & RIGHT_GRANT) != 0;
	t->ipc.can_grant_reply = (rights & (RIGHT_GRANT | RIGHT_GRANT_REPLY)) != 0;
	t->ipc.fault = 0;
	return ep_send(t, (struct endpoint *)slot->cap.obj, info, block, call);
}

err_t ipc_recv(struct tcb *t, struct cte *slot, struct cte *reply_slot, bool block)
{
	struct endpoint *ep = (struct endpoint *)slot->cap.obj;

	if (!(slot->cap.rights & RIGHT_READ))
		return ERR_NO_RIGHTS;
	t->ipc.reply = reply_slot != NULL ? (struct reply *)reply_slot->cap.obj : NULL;
	if (notification_deliver_bound(t))
		return ERR_OK;
	if (ep->state == EP_SEND) {
		struct tcb *s = ep->head;
		ep_remove(ep, s);
		bool call = s->ipc.is_call || s->ipc.fault != 0;
		ipc_transfer(s, t, ep, s->regs.x[1]);
		if (sender_after(s, t, call, s->ipc.can_grant_reply || s->ipc.fault != 0) !=
		    ERR_OK) {
			tcb_set_error(s, ERR_CANCELLED);
			sched_make_runnable(s);
		} else if (!call) {
			s->regs.x[0] = ERR_OK;
			sched_make_runnable(s);
		}
		return ERR_OK;
	}
	if (!block)
		return ERR_WOULD_BLOCK;
	if (t->ipc.reply != NULL) {
		struct tcb *old = t->ipc.reply->receiver;
		if (old != NULL && old != t && old->ipc.reply == t->ipc.reply)
			old->ipc.reply = NULL;
		t->ipc.reply->receiver = t;
	}
	ep_append(ep, t);
	ep->state = EP_RECV;
	sched_block(t, TS_BLOCKED_RECV, ep);
	return ERR_OK;
}

err_t ipc_reply(struct tcb *t, struct cte *reply_slot, uint64_t info)
{
	struct reply *r = (struct reply *)reply_slot->cap.obj;
	struct tcb *c = r->caller;

	if (c == NULL)
		return ERR_ILLEGAL_OPERATION; /* nobody waits: a reply is used at most once */
	r->caller = NULL;
	c->reply_to_me = NULL;
	if (c->ipc.fault != 0) {
		c->ipc.fault = 0;
		if (fault_reply(t, c, info))
			sched_make_runnable(c);
		else
			sched_block(c, TS_INACTIVE, NULL);
		return ERR_OK;
	}
	c->ipc.can_grant = false;
	ipc_transfer(t, c, NULL, info);
	sched_make_runnable(c);
	return ERR_OK;
}

/* Removes a blocked thread from whatever it waits on (suspend, delete). */
void ipc_cancel(struct tcb *t)
{
	bool in_syscall =
	    t->ipc.fault == 0 && (t->state == TS_BLOCKED_SEND || t->state == TS_BLOCKED_RECV ||
				  t->state == TS_BLOCKED_REPLY || t->state == TS_BLOCKED_NTFN);

	switch (t->state) {
	case TS_BLOCKED_RECV:
		if (t->ipc.reply != NULL && t->ipc.reply->receiver == t)
			t->ipc.reply->receiver = NULL;
		t->ipc.reply = NULL;
		ep_remove((struct endpoint *)t->blocked_on, t);
		break;
	case TS_BLOCKED_SEND:
		ep_remove((struct endpoint *)t->blocked_on, t);
		break;
	case TS_BLOCKED_REPLY:
		if (t->reply_to_me != NULL)
			t->reply_to_me->caller = NULL;
		t->reply_to_me = NULL;
		break;
	case TS_BLOCKED_NTFN:
		notification_remove_waiter((struct notification *)t->blocked_on, t);
		break;
	default:
		break;
	}
	t->blocked_on = NULL;
	if (in_syscall)
		tcb_set_error(t, ERR_CANCELLED); /* the interrupted call returns this if resumed */
}

void endpoint_finalise(struct endpoint *ep)
{
	while (ep->head != NULL) {
		struct tcb *t = ep->head;
		ep_remove(ep, t);
		if (t->state == TS_BLOCKED_RECV && t->ipc.reply != NULL &&
		    t->ipc.reply->receiver == t)
			t->ipc.reply->receiver = NULL;
		wake_cancelled(t);
	}
}

void reply_finalise(struct reply *r)
{
	struct tcb *c = r->caller;

	if (c != NULL) {
		r->caller = NULL;
		c->reply_to_me = NULL;
		wake_cancelled(c);
	}
	/* A receiver that named this object in its pending Recv forgets it. */
	if (r->receiver != NULL && r->receiver->ipc.reply == r)
		r->receiver->ipc.reply = NULL;
	r->receiver = NULL;
}
