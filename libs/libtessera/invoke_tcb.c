// SPDX-License-Identifier: BSD-2-Clause
/* TCB, frame, page table and IRQ invocations (see tessera/invoke.h). */
#include <tessera/invocation.h>
#include <tessera/invoke.h>

/* An invocation with at most one extra cap (cap0 when ncaps is 1). */
static enum tessera_err call(tsr_cptr_t cap, unsigned label, tsr_cptr_t cap0, unsigned ncaps,
			     unsigned len, const uint64_t *words, struct tsr_msg *out)
{
	return tsr_invoke(cap, label, ncaps, &cap0, len, words, out);
}

#define WORDS(...)                                                                                 \
	(const uint64_t[])                                                                         \
	{                                                                                          \
		__VA_ARGS__                                                                        \
	}
#define NWORDS(...)		(unsigned)(sizeof(WORDS(__VA_ARGS__)) / sizeof(uint64_t))
#define INVOKE(cap, label, ...) call(cap, label, 0, 0, NWORDS(__VA_ARGS__), WORDS(__VA_ARGS__), 0)
#define INVOKE_CAP(cap, label, cap0, ...)                                                          \
	call(cap, label, cap0, 1, NWORDS(__VA_ARGS__), WORDS(__VA_ARGS__), 0)

enum tessera_err tsr_tcb_configure(tsr_cptr_t tcb, tsr_cptr_t fault_ep, tsr_cptr_t cspace_root,
				   tsr_cptr_t vspace, tsr_cptr_t ipcbuf_frame,
				   uint64_t ipcbuf_vaddr)
{
	const tsr_cptr_t caps[3] = {cspace_root, vspace, ipcbuf_frame};

	return tsr_invoke(tcb, INV_TCB_CONFIGURE, 3, caps, 2, WORDS(fault_ep, ipcbuf_vaddr), 0);
}

enum tessera_err tsr_tcb_set_priority(tsr_cptr_t tcb, unsigned prio)
{
	return INVOKE(tcb, INV_TCB_SET_PRIORITY, prio);
}

enum tessera_err tsr_tcb_set_priority_mcp(tsr_cptr_t tcb, unsigned prio, unsigned mcp)
{
	return INVOKE(tcb, INV_TCB_SET_PRIORITY, prio, mcp);
}

enum tessera_err tsr_tcb_set_affinity(tsr_cptr_t tcb, unsigned core)
{
	return INVOKE(tcb, INV_TCB_SET_AFFINITY, core);
}

enum tessera_err tsr_tcb_write_regs(tsr_cptr_t tcb, int resume, unsigned count,
				    const uint64_t *regs)
{
	uint64_t words[2 + TCB_REG_COUNT];

	if (count > TCB_REG_COUNT)
		return ERR_RANGE;
	words[0] = resume != 0;
	words[1] = count;
	for (unsigned i = 0; i < count; i++)
		words[2 + i] = regs[i];
	return call(tcb, INV_TCB_WRITE_REGS, 0, 0, 2 + count, words, 0);
}

enum tessera_err tsr_tcb_read_regs(tsr_cptr_t tcb, unsigned count, uint64_t *regs)
{
	struct tsr_msg m;

	if (count > TCB_REG_COUNT)
		return ERR_RANGE;
	enum tessera_err err = call(tcb, INV_TCB_READ_REGS, 0, 0, 1, WORDS(count), &m);
	if (err != ERR_OK)
		return err;
	for (unsigned i = 0; i < count; i++)
		regs[i] = i < MSG_REG_COUNT ? m.mr[i] : tsr_ipcbuf()->msg[i];
	return ERR_OK;
}

enum tessera_err tsr_tcb_resume(tsr_cptr_t tcb)
{
	return call(tcb, INV_TCB_RESUME, 0, 0, 0, 0, 0);
}

enum tessera_err tsr_tcb_suspend(tsr_cptr_t tcb)
{
	return call(tcb, INV_TCB_SUSPEND, 0, 0, 0, 0, 0);
}

enum tessera_err tsr_tcb_bind_notification(tsr_cptr_t tcb, tsr_cptr_t ntfn)
{
	return call(tcb, INV_TCB_BIND_NOTIFICATION, ntfn, 1, 0, 0, 0);
}

enum tessera_err tsr_tcb_unbind_notification(tsr_cptr_t tcb)
{
	return call(tcb, INV_TCB_UNBIND_NOTIFICATION, 0, 0, 0, 0, 0);
}

enum tessera_err tsr_tcb_set_fault_ep(tsr_cptr_t tcb, tsr_cptr_t fault_ep)
{
	return INVOKE(tcb, INV_TCB_SET_FAULT_EP, fault_ep);
}

enum tessera_err tsr_tcb_write_fp(tsr_cptr_t tcb, unsigned q, uint64_t lo, uint64_t hi)
{
	return INVOKE(tcb, INV_TCB_WRITE_FP, q, lo, hi);
}

enum tessera_err tsr_tcb_read_fp(tsr_cptr_t tcb, unsigned q, uint64_t *lo, uint64_t *hi)
{
	struct tsr_msg m;
	enum tessera_err err = call(tcb, INV_TCB_READ_FP, 0, 0, 1, WORDS(q), &m);

	if (err == ERR_OK) {
		*lo = m.mr[0];
		*hi = m.mr[1];
	}
	return err;
}

enum tessera_err tsr_frame_map(tsr_cptr_t frame, tsr_cptr_t vspace, uint64_t vaddr, unsigned rights,
			       unsigned attrs)
{
	return INVOKE_CAP(frame, INV_FRAME_MAP, vspace, vaddr, rights, attrs);
}

enum tessera_err tsr_frame_unmap(tsr_cptr_t frame)
{
	return call(frame, INV_FRAME_UNMAP, 0, 0, 0, 0, 0);
}

enum tessera_err tsr_frame_address(tsr_cptr_t frame, uint64_t *paddr)
{
	struct tsr_msg m;
	enum tessera_err err = call(frame, INV_FRAME_ADDRESS, 0, 0, 0, 0, &m);

	if (err == ERR_OK)
		*paddr = m.mr[0];
	return err;
}

enum tessera_err tsr_page_table_map(tsr_cptr_t pt, tsr_cptr_t vspace, uint64_t vaddr)
{
	return INVOKE_CAP(pt, INV_PAGE_TABLE_MAP, vspace, vaddr);
}

enum tessera_err tsr_page_table_unmap(tsr_cptr_t pt)
{
	return call(pt, INV_PAGE_TABLE_UNMAP, 0, 0, 0, 0, 0);
}

enum tessera_err tsr_irq_control_get(tsr_cptr_t irq_control, unsigned irq, tsr_cptr_t root,
				     uint64_t index, unsigned depth)
{
	return INVOKE_CAP(irq_control, INV_IRQ_CONTROL_GET, root, irq, index, depth);
}

enum tessera_err tsr_irq_handler_ack(tsr_cptr_t handler)
{
	return call(handler, INV_IRQ_HANDLER_ACK, 0, 0, 0, 0, 0);
}

enum tessera_err tsr_irq_handler_set_notification(tsr_cptr_t handler, tsr_cptr_t ntfn)
{
	return call(handler, INV_IRQ_HANDLER_SET_NOTIFICATION, ntfn, 1, 0, 0, 0);
}

enum tessera_err tsr_irq_handler_clear(tsr_cptr_t handler)
{
	return call(handler, INV_IRQ_HANDLER_CLEAR, 0, 0, 0, 0, 0);
}

enum tessera_err tsr_irq_handler_set_deadline(tsr_cptr_t handler, uint64_t deadline)
{
	return INVOKE(handler, INV_IRQ_HANDLER_SET_DEADLINE, deadline);
}

enum tessera_err tsr_irq_handler_set_vcpu(tsr_cptr_t handler, tsr_cptr_t vcpu)
{
	return call(handler, INV_IRQ_HANDLER_SET_VCPU, vcpu, 1, 0, 0, 0);
}
