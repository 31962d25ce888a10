// SPDX-License-Identifier: BSD-2-Clause
/*
 * Fault delivery (docs/spec: "Faults"): the faulting thread "calls" its
 * fault endpoint with a fault message and waits for the reply. Without a
 * usable fault endpoint the thread is suspended and the kernel logs why.
 */
#include <kernel/cpu.h>
#include <kernel/ipc_transfer.h>
#include <kernel/log.h>
#include <kernel/printf.h>
#include <tessera/fault.h>

void thread_fault(struct tcb *t, unsigned fault, uint64_t addr, uint64_t syndrome, uint64_t flags)
{
	struct cte *slot;

	t->ipc.fault = (uint8_t)fault;
	t->ipc.fault_info[0] = addr;
	t->ipc.fault_info[1] = syndrome;
	t->ipc.fault_info[2] = flags;
	if (t->fault_ep_cptr != 0 &&
	    cspace_lookup(&t->cspace_slot.cap, t->fault_ep_cptr, 64, false, &slot) == ERR_OK &&
	    slot->cap.type == CAP_ENDPOINT && (slot->cap.rights & RIGHT_WRITE)) {
		t->ipc.badge = slot->cap.word1;
		t->ipc.is_call = true;
		t->ipc.can_grant = false;
		t->ipc.can_grant_reply = true;
		if (ep_send(t, (struct endpoint *)slot->cap.obj, 0, true, true) != ERR_OK) {
			/* the handler waits with no reply object: nobody could resume t */
			t->ipc.fault = 0;
			tcb_suspend(t);
		}
		return;
	}
	kprintf(
	    "fault: thread %p fault %u at pc 0x%lx (addr 0x%lx, syndrome 0x%lx) without a fault "
	    "handler: suspended\n",
	    (void *)t, fault, (unsigned long)t->regs.pc, (unsigned long)addr,
	    (unsigned long)syndrome);
	t->ipc.fault = 0;
	tcb_suspend(t);
}
