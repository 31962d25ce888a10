// SPDX-License-Identifier: BSD-2-Clause
/*
 * Moving a message: words 0-3 register to register, the rest between IPC
 * buffers (never beyond MSG_MAX_LENGTH or the message length; without an
 * IPC buffer on either side only the register words move), then extra
 * caps: a cap to the endpoint the message travels through is unwrapped to
 * its badge; otherwise, with grant right, one cap is copied into the slot
 * the receiver named. Fault messages are built from the faulted thread.
 */
#include <kernel/cpu.h>
#include <kernel/invoke.h>
#include <kernel/ipc_transfer.h>
#include <kernel/vcpu.h>
#include <tessera/fault.h>

static unsigned fault_words(const struct tcb *s, uint64_t *w)
{
	switch (s->ipc.fault) {
	case FAULT_UNKNOWN_SYSCALL:
		w[0] = s->regs.pc;
		w[1] = s->regs.sp;
		w[2] = s->regs.spsr;
		for (unsigned i = 0; i < 9; i++)
			w[3 + i] = s->regs.x[i];
		return FAULT_UNKNOWN_SYSCALL_WORDS;
	case FAULT_VM:
		w[0] = s->regs.pc;
		w[1] = s->ipc.fault_info[0];
		w[2] = s->ipc.fault_info[2] & 1;
		w[3] = s->ipc.fault_info[1];
		w[4] = (s->ipc.fault_info[2] >> 1) & 1;
		return FAULT_VM_WORDS;
	case FAULT_VCPU_DABT:
	case FAULT_VCPU_IABT:
	case FAULT_VCPU_HVC:
	case FAULT_VCPU_SMC:
	case FAULT_VCPU_SYSREG:
	case FAULT_VCPU_OTHER:
		for (unsigned i = 0; i < s->vcpu->exit_len; i++)
			w[i] = s->vcpu->exit_msg[i];
		return s->vcpu->exit_len;
	default:
		w[0] = s->regs.pc;
		w[1] = s->ipc.fault_info[1];
		return FAULT_USER_EXCEPTION_WORDS;
	}
}

/*
 * The message words (spec 5.2): n = min(length, MSG_MAX_LENGTH), at most
 * MSG_REG_COUNT without an IPC buffer on either side; words 0..3 from the
 * sender's message registers sr[] to the receiver's rr[] (x2..x5), words
 * 4..n-1 buffer to buffer, nothing beyond n. Returns n.
 */
/*@ requires \valid(rr + (0 .. MSG_REG_COUNT - 1));
  @ requires \valid_read(sr + (0 .. MSG_REG_COUNT - 1));
  @ requires \separated(rr + (0 .. MSG_REG_COUNT - 1), sr + (0 .. MSG_REG_COUNT - 1));
  @ requires sb == \null || \valid_read(sb);
  @ requires rb == \null || (\valid(rb) && \separated(rb, sb) &&
  @   \separated(rb, rr + (0 .. MSG_REG_COUNT - 1), sr + (0 .. MSG_REG_COUNT - 1)));
  @ assigns rr[0 .. MSG_REG_COUNT - 1], rb->msg[MSG_REG_COUNT .. MSG_MAX_LENGTH - 1];
  @ ensures \result <= MSGINFO_LENGTH(info) && \result <= MSG_MAX_LENGTH;
  @ ensures sb == \null || rb == \null ==> \result <= MSG_REG_COUNT;
  @ ensures \result == MSGINFO_LENGTH(info) || \result == MSG_MAX_LENGTH ||
  @   ((sb == \null || rb == \null) && \result == MSG_REG_COUNT);
  @ ensures \forall integer i; 0 <= i < \result && i < MSG_REG_COUNT ==> rr[i] == sr[i];
  @ ensures \forall integer i; \result <= i < MSG_REG_COUNT ==> rr[i] == \old(rr[i]);
  @ ensures rb != \null ==> \forall integer i; MSG_REG_COUNT <= i < \result ==>
  @   rb->msg[i] == sb->msg[i];
  @ ensures rb != \null ==> \forall integer i; \result <= i < MSG_MAX_LENGTH ==>
  @   rb->msg[i] == \old(rb->msg[i]);
  @*/
static unsigned copy_msg(const uint64_t *sr, uint64_t *rr, const struct ipc_buffer *sb,
			 struct ipc_buffer *rb, uint64_t info)
{
	unsigned len = MSGINFO_LENGTH(info);

	if (len > MSG_MAX_LENGTH)
		len = MSG_MAX_LENGTH;
	if ((sb == NULL || rb == NULL) && len > MSG_REG_COUNT)
		len = MSG_REG_COUNT;
	/*@ loop invariant 0 <= i <= MSG_REG_COUNT;
	  @ loop invariant i == 0 || i <= len;
	  @ loop invariant \forall integer k; 0 <= k < i ==> rr[k] == sr[k];
	  @ loop invariant \forall integer k; i <= k < MSG_REG_COUNT ==> rr[k] == \at(rr[k], Pre);
	  @ loop assigns i, rr[0 .. MSG_REG_COUNT - 1];
	  @ loop variant MSG_REG_COUNT - i;
	  @*/
	for (unsigned i = 0; i < len && i < MSG_REG_COUNT; i++)
		rr[i] = sr[i];
	/*@ loop invariant MSG_REG_COUNT <= i;
	  @ loop invariant i <= len || (i == MSG_REG_COUNT && len < MSG_REG_COUNT);
	  @ loop invariant rb != \null ==> \forall integer k; MSG_REG_COUNT <= k < i ==>
	  @   rb->msg[k] == sb->msg[k];
	  @ loop invariant rb != \null ==> \forall integer k; i <= k < MSG_MAX_LENGTH ==>
	  @   rb->msg[k] == \at(rb->msg[k], Pre);
	  @ loop assigns i, rb->msg[MSG_REG_COUNT .. MSG_MAX_LENGTH - 1];
	  @ loop variant len - i;
	  @*/
	for (unsigned i = MSG_REG_COUNT; i < len; i++)
		rb->msg[i] = sb->msg[i];
	return len;
}

/* Extra caps: returns (extra count, unwrapped mask) for the receiver's message info. */
static void transfer_caps(struct tcb *s, struct tcb *r, struct endpoint *ep, uint64_t info,
			  unsigned *count, unsigned *unwrapped)
{
	struct ipc_buffer *sb = tcb_ipcbuf(s), *rb = tcb_ipcbuf(r);
	unsigned n = MSGINFO_EXTRA_CAPS(info);
	bool slot_used = false;

	*count = *unwrapped = 0;
	if (ep == NULL || sb == NULL || rb == NULL || n > MSG_MAX_EXTRA_CAPS)
		return; /* replies (ep == NULL) carry no capabilities */
	for (unsigned i = 0; i < n; i++) {
		struct cte *src, *cn, *dest;
		if (cspace_lookup(&s->cspace_slot.cap, sb->caps[i], 64, false, &src) != ERR_OK ||
		    src->cap.type == CAP_NULL)
			return;
		if (ep != NULL && src->cap.type == CAP_ENDPOINT && src->cap.obj == (uint64_t)ep) {
			rb->caps[i] = src->cap.word1;
			*unwrapped |= 1U << i;
			*count = i + 1;
			continue;
		}
		if (!s->ipc.can_grant || slot_used)
			return;
		if (cspace_lookup(&r->cspace_slot.cap, rb->receive_cnode, 64, false, &cn) !=
			ERR_OK ||
		    cn->cap.type != CAP_CNODE || rb->receive_depth < 1 || rb->receive_depth > 64 ||
		    cspace_lookup(&cn->cap, rb->receive_index, (unsigned)rb->receive_depth, true,
				  &dest) != ERR_OK ||
		    dest->cap.type != CAP_NULL)
			return;
		struct cap cap;
		bool revocable;
		if (cap_derive(src, RIGHTS_ALL, 0, false, &cap, &revocable) != ERR_OK)
			return;
		cdt_insert_child(src, dest, &cap, false);
		slot_used = true;
		*count = i + 1;
	}
}

void ipc_transfer(struct tcb *s, struct tcb *r, struct endpoint *ep, uint64_t info)
{
	struct ipc_buffer *rb = tcb_ipcbuf(r);
	unsigned count = 0, unwrapped = 0, len;
	uint64_t label;

	if (s->ipc.fault != 0) {
		uint64_t w[FAULT_UNKNOWN_SYSCALL_WORDS];
		len = fault_words(s, w);
		label = s->ipc.fault;
		if (rb == NULL && len > MSG_REG_COUNT)
			len = MSG_REG_COUNT;
		for (unsigned i = 0; i < len; i++) {
			if (i < MSG_REG_COUNT)
				r->regs.x[2 + i] = w[i];
			else
				rb->msg[i] = w[i];
		}
	} else {
		len = copy_msg(&s->regs.x[2], &r->regs.x[2], tcb_ipcbuf(s), rb, info);
		label = MSGINFO_LABEL(info);
		transfer_caps(s, r, ep, info, &count, &unwrapped);
	}
	r->regs.x[0] = ERR_OK;
	r->regs.x[1] = MSGINFO(label, count, len) | ((uint64_t)unwrapped << 9);
	r->regs.x[6] = ep != NULL ? s->ipc.badge : 0; /* a reply has no badge */
}

bool fault_reply(struct tcb *replier, struct tcb *c, uint64_t info)
{
	struct ipc_buffer *b = tcb_ipcbuf(replier);
	unsigned len = MSGINFO_LENGTH(info);

	if (b == NULL && len > MSG_REG_COUNT)
		len = MSG_REG_COUNT;
	if (MSGINFO_LABEL(info) == FAULT_REPLY_VCPU && c->vcpu != NULL) {
		uint64_t w[FAULT_VCPU_MAX_WORDS];
		if (len > FAULT_VCPU_MAX_WORDS)
			len = FAULT_VCPU_MAX_WORDS;
		for (unsigned i = 0; i < len; i++)
			w[i] = i < MSG_REG_COUNT ? replier->regs.x[2 + i] : b->msg[i];
		arch_vcpu_reply(c, w, len);
		return true;
	}
	if (MSGINFO_LABEL(info) != FAULT_REPLY_RESUME)
		return false;
	if (len > TCB_REG_COUNT)
		len = TCB_REG_COUNT;
	for (unsigned i = 0; i < len; i++)
		tcb_set_reg(c, i, i < MSG_REG_COUNT ? replier->regs.x[2 + i] : b->msg[i]);
	return true;
}
