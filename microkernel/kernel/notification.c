// SPDX-License-Identifier: BSD-2-Clause
/*
 * Notifications: a word of bits. Signal ORs the signaller's badge into the
 * word, or hands it straight to one waiter (FIFO); Wait takes the word and
 * clears it, or blocks; Poll takes it without blocking. A notification
 * bound to a thread also wakes that thread out of an endpoint Recv.
 */
#include <kernel/cpu.h>
#include <kernel/ipc_transfer.h>
#include <kernel/irqcap.h>

static void deliver(struct tcb *t, uint64_t word)
{
	t->regs.x[0] = ERR_OK;
	t->regs.x[1] = 0;
	t->regs.x[6] = word;
	sched_make_runnable(t);
}

void notification_remove_waiter(struct notification *n, struct tcb *t)
{
	tq_remove(&n->head, &n->tail, t);
}

void notification_signal(struct notification *n, uint64_t badge)
{
	if (n->head != NULL) {
		struct tcb *t = n->head;
		notification_remove_waiter(n, t);
		deliver(t, n->word | badge);
		n->word = 0;
		n->active = false;
		return;
	}
	struct tcb *b = n->bound;
	if (b != NULL && b->state == TS_BLOCKED_RECV) {
		ipc_cancel(b);
		deliver(b, n->word | badge);
		n->word = 0;
		n->active = false;
		return;
	}
	n->word |= badge;
	n->active = true;
}

bool notification_deliver_bound(struct tcb *t)
{
	struct notification *n = t->bound_ntfn;

	if (n == NULL || !n->active)
		return false;
	t->regs.x[0] = ERR_OK;
	t->regs.x[1] = 0;
	t->regs.x[6] = n->word;
	n->word = 0;
	n->active = false;
	return true;
}

err_t ntfn_wait(struct tcb *t, struct cte *slot, bool block)
{
	struct notification *n = (struct notification *)slot->cap.obj;

	if (!(slot->cap.rights & RIGHT_READ))
		return ERR_NO_RIGHTS;
	if (n->bound != NULL && n->bound != t)
		return ERR_ILLEGAL_OPERATION; /* a bound notification serves its thread only */
	if (n->active || !block) {
		t->regs.x[1] = 0;
		t->regs.x[6] = n->word;
		n->word = 0;
		n->active = false;
		return ERR_OK;
	}
	tq_append(&n->head, &n->tail, t);
	sched_block(t, TS_BLOCKED_NTFN, n);
	return ERR_OK;
}

void notification_finalise(struct notification *n)
{
	irq_forget_notification(n);
	while (n->head != NULL) {
		struct tcb *t = n->head;
		notification_remove_waiter(n, t);
		tcb_set_error(t, ERR_CANCELLED);
		sched_make_runnable(t);
	}
	if (n->bound != NULL) {
		n->bound->bound_ntfn = NULL;
		n->bound = NULL;
	}
}
