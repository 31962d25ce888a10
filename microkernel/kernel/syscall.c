// SPDX-License-Identifier: BSD-2-Clause
/*
 * System call dispatch (docs/spec: "System calls"). Every slot of the table
 * has a handler; a number outside it is an unknown-syscall fault delivered
 * to the thread's fault handler (this is also how a Linux "svc #0" that
 * escaped musl's shim ends up). Results go to the caller's registers.
 */
#include <kernel/arch.h>
#include <kernel/check.h>
#include <kernel/cpu.h>
#include <kernel/log.h>
#include <kernel/printf.h>
#include <kernel/invoke.h>
#include <kernel/ipc_transfer.h>
#include <kernel/vcpu.h>
#include <tessera/fault.h>

static err_t lookup_cap(struct tcb *t, uint64_t cptr, struct cte **slot)
{
	err_t e = cspace_lookup_cap(&t->cspace_slot.cap, cptr, slot);

	if (e != ERR_OK)
		return e;
	return (*slot)->cap.type == CAP_NULL ? ERR_INVALID_CAPABILITY : ERR_OK;
}

/* Gathers an invocation's words and extra caps from t's registers and IPC buffer. */
static err_t inv_gather(struct tcb *t, struct cte *slot, struct inv *in)
{
	uint64_t info = t->regs.x[REG_INFO];
	struct ipc_buffer *b = tcb_ipcbuf(t);

	in->label = MSGINFO_LABEL(info);
	in->len = MSGINFO_LENGTH(info);
	in->nextra = MSGINFO_EXTRA_CAPS(info);
	in->caller = t;
	in->slot = slot;
	if (in->len > INV_MAX_WORDS)
		in->len = INV_MAX_WORDS;
	if (b == NULL && in->len > MSG_REG_COUNT)
		in->len = MSG_REG_COUNT;
	for (unsigned i = 0; i < in->len; i++)
		in->mr[i] = i < MSG_REG_COUNT ? t->regs.x[REG_MR0 + i] : b->msg[i];
	if (in->nextra > 0 && b == NULL)
		return ERR_TRUNCATED_MESSAGE;
	if (in->nextra > MSG_MAX_EXTRA_CAPS)
		return ERR_INVALID_ARGUMENT;
	for (unsigned i = 0; i < in->nextra; i++) {
		err_t e = lookup_cap(t, b->caps[i], &in->extra[i]);
		if (e != ERR_OK)
			return e;
	}
	return ERR_OK;
}

static err_t invoke(struct tcb *t, struct cte *slot)
{
	static struct inv in;
	static struct inv_result out;
	err_t e = inv_gather(t, slot, &in);

	out.len = 0;
	if (e == ERR_OK) {
		switch (slot->cap.type) {
		case CAP_UNTYPED:
			e = untyped_invoke(slot, &in, &out);
			break;
		case CAP_CNODE:
			e = cnode_invoke(slot, &in, &out);
			break;
		case CAP_TCB:
			e = tcb_invoke(slot, &in, &out);
			break;
		case CAP_FRAME:
			e = frame_invoke(slot, &in, &out);
			break;
		case CAP_PAGE_TABLE:
			e = page_table_invoke(slot, &in, &out);
			break;
		case CAP_VCPU:
			e = vcpu_invoke(slot, &in, &out);
			break;
		case CAP_IRQ_CONTROL:
		case CAP_IRQ_HANDLER:
			e = irq_invoke(slot, &in, &out);
			break;
		default:
			e = ERR_ILLEGAL_OPERATION;
			break;
		}
	}
	if (e != ERR_OK)
		out.len = 0;
	struct ipc_buffer *b = tcb_ipcbuf(t);
	if (b == NULL && out.len > MSG_REG_COUNT)
		out.len = MSG_REG_COUNT;
	for (unsigned i = 0; i < out.len; i++) {
		if (i < MSG_REG_COUNT)
			t->regs.x[REG_MR0 + i] = out.mr[i];
		else
			b->msg[i] = out.mr[i];
	}
	t->regs.x[REG_INFO] = MSGINFO(0, 0, out.len);
	return e;
}

static err_t sys_send(struct tcb *t, bool block, bool call)
{
	struct cte *slot;
	err_t e = lookup_cap(t, t->regs.x[REG_CPTR], &slot);

	if (e != ERR_OK)
		return e;
	if (slot->cap.type == CAP_ENDPOINT)
		return ipc_send(t, slot, t->regs.x[REG_INFO], block, call);
	if (slot->cap.type == CAP_NOTIFICATION && !call) {
		if (!(slot->cap.rights & RIGHT_WRITE))
			return ERR_NO_RIGHTS;
		notification_signal((struct notification *)slot->cap.obj, slot->cap.word1);
		return ERR_OK;
	}
	if (!call)
		return ERR_INVALID_CAPABILITY;
	return invoke(t, slot);
}

static err_t reply_slot(struct tcb *t, uint64_t cptr, bool optional, struct cte **slot)
{
	*slot = NULL;
	if (cptr == 0 && optional)
		return ERR_OK;
	err_t e = lookup_cap(t, cptr, slot);
	if (e != ERR_OK)
		return e;
	return (*slot)->cap.type == CAP_REPLY ? ERR_OK : ERR_INVALID_CAPABILITY;
}

static err_t sys_recv(struct tcb *t, bool block)
{
	struct cte *slot, *reply;
	err_t e = lookup_cap(t, t->regs.x[REG_CPTR], &slot);

	if (e != ERR_OK)
		return e;
	if (slot->cap.type == CAP_NOTIFICATION)
		return ntfn_wait(t, slot, block);
	if (slot->cap.type != CAP_ENDPOINT)
		return ERR_INVALID_CAPABILITY;
	if ((e = reply_slot(t, t->regs.x[REG_REPLY], true, &reply)) != ERR_OK)
		return e;
	return ipc_recv(t, slot, reply, block);
}

static err_t sys_reply(struct tcb *t, uint64_t reply_cptr)
{
	struct cte *reply;
	err_t e = reply_slot(t, reply_cptr, false, &reply);

	return e != ERR_OK ? e : ipc_reply(t, reply, t->regs.x[REG_INFO]);
}

static err_t sys_reply_recv(struct tcb *t)
{
	struct cte *slot, *reply;
	err_t e = lookup_cap(t, t->regs.x[REG_CPTR], &slot);

	if (e != ERR_OK)
		return e;
	if (slot->cap.type != CAP_ENDPOINT)
		return ERR_INVALID_CAPABILITY;
	if ((e = reply_slot(t, t->regs.x[REG_REPLY], false, &reply)) != ERR_OK)
		return e;
	if (((struct reply *)reply->cap.obj)->caller != NULL) {
		e = ipc_reply(t, reply, t->regs.x[REG_INFO]);
		(void)e; /* a reply object with a caller cannot fail to reply */
	}
	return ipc_recv(t, slot, reply, true);
}

static err_t sys_signal_wait(struct tcb *t, bool signal, bool block)
{
	struct cte *slot;
	err_t e = lookup_cap(t, t->regs.x[REG_CPTR], &slot);

	if (e != ERR_OK)
		return e;
	if (slot->cap.type != CAP_NOTIFICATION)
		return ERR_INVALID_CAPABILITY;
	if (!signal)
		return ntfn_wait(t, slot, block);
	if (!(slot->cap.rights & RIGHT_WRITE))
		return ERR_NO_RIGHTS;
	notification_signal((struct notification *)slot->cap.obj, slot->cap.word1);
	return ERR_OK;
}

/* Handles the syscall of the current thread; the result lands in its x0. */
void syscall_handle(void)
{
	struct tcb *t = sched_current();
	uint64_t no = t->regs.x[REG_SYSNO];
	err_t e;

	if ((no == SYS_CALL && fastpath_call(t)) || (no == SYS_REPLYRECV && fastpath_reply_recv(t)))
		return;
	switch (no) {
	case SYS_SEND:
	case SYS_NBSEND:
	case SYS_CALL:
		e = sys_send(t, no != SYS_NBSEND, no == SYS_CALL);
		break;
	case SYS_RECV:
	case SYS_NBRECV:
		e = sys_recv(t, no == SYS_RECV);
		break;
	case SYS_REPLY:
		e = sys_reply(t, t->regs.x[REG_CPTR]);
		break;
	case SYS_REPLYRECV:
		e = sys_reply_recv(t);
		break;
	case SYS_SIGNAL:
	case SYS_WAIT:
	case SYS_POLL:
		e = sys_signal_wait(t, no == SYS_SIGNAL, no == SYS_WAIT);
		break;
	case SYS_YIELD:
		sched_yield_current();
		e = ERR_OK;
		break;
	case SYS_NULL:
		e = ERR_OK;
		break;
	case SYS_DEBUG_CHECK: {
		struct cte *root;
		char why[128];
		e = lookup_cap(t, t->regs.x[REG_CPTR], &root);
		if (e == ERR_OK && !kernel_check(&root->cap, why, sizeof(why))) {
			char line[180];
			int n = ksnprintf(line, sizeof(line),
					  "kernel: consistency check failed: %s\n", why);
			log_urgent(line, n < (int)sizeof(line) ? (size_t)n : sizeof(line) - 1);
			e = ERR_ILLEGAL_OPERATION;
		}
		break;
	}
	case SYS_DEBUG_PUTC:
		arch_console_putc((char)t->regs.x[0]);
		e = ERR_OK;
		break;
	default:
		thread_fault(t, FAULT_UNKNOWN_SYSCALL, 0, no, 0);
		return;
	}
	/* A thread that blocked gets its x0 when it is woken; don't overwrite it. */
	if (e != ERR_OK || t->state == TS_RUNNABLE)
		t->regs.x[0] = e;
}
