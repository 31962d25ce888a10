/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Typed wrappers for every object invocation of <tessera/invocation.h>.
 * Each is one SYS_CALL on the invoked capability: label = INV_*, words as
 * the ABI lists them (words 4.. and extra caps go through the IPC buffer),
 * and returns the kernel's ERR_* status; results are stored only on
 * ERR_OK. Slot arguments are (root CNode cptr, index, depth); for a plain
 * slot number in a CSpace whose root has a guard filling 64 bits, use
 * depth TSR_DEPTH (64).
 */
#ifndef TESSERA_INVOKE_H
#define TESSERA_INVOKE_H

#include <stdint.h>
#include <tessera/counter.h>
#include <tessera/objects.h>
#include <tessera/sys.h>

#define TSR_DEPTH      64
#define TSR_MUST_CHECK __attribute__((warn_unused_result))

/* The generic invocation: words[0..len) are MR0.. (words 4.. are written
 * to the IPC buffer), caps[0..ncaps) the extra caps; on ERR_OK, *out (if
 * not NULL) holds the reply's info, MR0-3 (further results are in the IPC
 * buffer's msg[4..]). */
TSR_MUST_CHECK enum tessera_err tsr_invoke(tsr_cptr_t cap, unsigned label, unsigned ncaps,
					   const tsr_cptr_t *caps, unsigned len,
					   const uint64_t *words, struct tsr_msg *out);

/* Untyped. */
struct tsr_untyped_info {
	uint64_t bytes_free, size_bits, paddr, is_device;
};
TSR_MUST_CHECK enum tessera_err tsr_untyped_retype(tsr_cptr_t ut, unsigned type, unsigned size_bits,
						   tsr_cptr_t root, uint64_t node_index,
						   unsigned node_depth, uint64_t offset,
						   uint64_t count);
TSR_MUST_CHECK enum tessera_err tsr_untyped_describe(tsr_cptr_t ut, struct tsr_untyped_info *out);

/* CNode: dest = (cnode, index, depth), src = (src_root, src_index, src_depth). */
TSR_MUST_CHECK enum tessera_err tsr_cnode_copy(tsr_cptr_t cnode, uint64_t index, unsigned depth,
					       tsr_cptr_t src_root, uint64_t src_index,
					       unsigned src_depth, unsigned rights);
TSR_MUST_CHECK enum tessera_err tsr_cnode_mint(tsr_cptr_t cnode, uint64_t index, unsigned depth,
					       tsr_cptr_t src_root, uint64_t src_index,
					       unsigned src_depth, unsigned rights, uint64_t badge);
TSR_MUST_CHECK enum tessera_err tsr_cnode_move(tsr_cptr_t cnode, uint64_t index, unsigned depth,
					       tsr_cptr_t src_root, uint64_t src_index,
					       unsigned src_depth);
TSR_MUST_CHECK enum tessera_err tsr_cnode_mutate(tsr_cptr_t cnode, uint64_t index, unsigned depth,
						 tsr_cptr_t src_root, uint64_t src_index,
						 unsigned src_depth, uint64_t badge);
TSR_MUST_CHECK enum tessera_err tsr_cnode_delete(tsr_cptr_t cnode, uint64_t index, unsigned depth);
TSR_MUST_CHECK enum tessera_err tsr_cnode_revoke(tsr_cptr_t cnode, uint64_t index, unsigned depth);
struct tsr_cap_info {
	uint64_t type, rights, badge;
};
TSR_MUST_CHECK enum tessera_err tsr_cnode_inspect(tsr_cptr_t cnode, uint64_t index, unsigned depth,
						  struct tsr_cap_info *out);
/* The badge word that gives a minted CNode cap a guard (seL4's encoding:
 * guard size in bits 5:0, guard value above; see docs/userland.md). */
static inline uint64_t tsr_cnode_guard(unsigned guard_size, uint64_t guard)
{
	return (guard << 6) | (guard_size & 0x3f);
}

/* TCB. */
TSR_MUST_CHECK enum tessera_err tsr_tcb_configure(tsr_cptr_t tcb, tsr_cptr_t fault_ep,
						  tsr_cptr_t cspace_root, tsr_cptr_t vspace,
						  tsr_cptr_t ipcbuf_frame, uint64_t ipcbuf_vaddr);
TSR_MUST_CHECK enum tessera_err tsr_tcb_set_priority(tsr_cptr_t tcb, unsigned prio);
/* Sets the priority and the maximum controlled priority (the highest the
 * thread may give any thread it holds a TCB cap to); both <= the caller's MCP. */
TSR_MUST_CHECK enum tessera_err tsr_tcb_set_priority_mcp(tsr_cptr_t tcb, unsigned prio,
							 unsigned mcp);
TSR_MUST_CHECK enum tessera_err tsr_tcb_set_affinity(tsr_cptr_t tcb, unsigned core);
/* regs[0..count) in TCB_REG_* order (pc, sp, spsr, x0, ...). */
TSR_MUST_CHECK enum tessera_err tsr_tcb_write_regs(tsr_cptr_t tcb, int resume, unsigned count,
						   const uint64_t *regs);
TSR_MUST_CHECK enum tessera_err tsr_tcb_read_regs(tsr_cptr_t tcb, unsigned count, uint64_t *regs);
TSR_MUST_CHECK enum tessera_err tsr_tcb_resume(tsr_cptr_t tcb);
TSR_MUST_CHECK enum tessera_err tsr_tcb_suspend(tsr_cptr_t tcb);
TSR_MUST_CHECK enum tessera_err tsr_tcb_bind_notification(tsr_cptr_t tcb, tsr_cptr_t ntfn);
TSR_MUST_CHECK enum tessera_err tsr_tcb_unbind_notification(tsr_cptr_t tcb);
TSR_MUST_CHECK enum tessera_err tsr_tcb_set_fault_ep(tsr_cptr_t tcb, tsr_cptr_t fault_ep);
TSR_MUST_CHECK enum tessera_err tsr_tcb_write_fp(tsr_cptr_t tcb, unsigned q, uint64_t lo,
						 uint64_t hi);
TSR_MUST_CHECK enum tessera_err tsr_tcb_read_fp(tsr_cptr_t tcb, unsigned q, uint64_t *lo,
						uint64_t *hi);

/* Frames and page tables. rights: RIGHT_READ|RIGHT_WRITE; attrs: MAP_*. */
TSR_MUST_CHECK enum tessera_err tsr_frame_map(tsr_cptr_t frame, tsr_cptr_t vspace, uint64_t vaddr,
					      unsigned rights, unsigned attrs);
TSR_MUST_CHECK enum tessera_err tsr_frame_unmap(tsr_cptr_t frame);
TSR_MUST_CHECK enum tessera_err tsr_frame_address(tsr_cptr_t frame, uint64_t *paddr);
TSR_MUST_CHECK enum tessera_err tsr_page_table_map(tsr_cptr_t pt, tsr_cptr_t vspace,
						   uint64_t vaddr);
TSR_MUST_CHECK enum tessera_err tsr_page_table_unmap(tsr_cptr_t pt);

/* Interrupts. */
TSR_MUST_CHECK enum tessera_err tsr_irq_control_get(tsr_cptr_t irq_control, unsigned irq,
						    tsr_cptr_t root, uint64_t index,
						    unsigned depth);
TSR_MUST_CHECK enum tessera_err tsr_irq_handler_ack(tsr_cptr_t handler);
TSR_MUST_CHECK enum tessera_err tsr_irq_handler_set_notification(tsr_cptr_t handler,
								 tsr_cptr_t ntfn);
TSR_MUST_CHECK enum tessera_err tsr_irq_handler_clear(tsr_cptr_t handler);
/* The user timer's handler (irq TSR_USER_TIMER_IRQ, with a notification set):
 * one signal of that notification once tsr_counter_now() >= deadline, from the
 * calling core; a new deadline replaces the old one, 0 cancels. */
TSR_MUST_CHECK enum tessera_err tsr_irq_handler_set_deadline(tsr_cptr_t handler, uint64_t deadline);
/* An SPI's handler: the interrupt becomes virtual INTID irq of that vCPU,
 * hardware-linked (the guest's EOI deactivates it; spec 4.30b). */
TSR_MUST_CHECK enum tessera_err tsr_irq_handler_set_vcpu(tsr_cptr_t handler, tsr_cptr_t vcpu);

/* VCPUs (guest CPUs; docs/architecture.md, "Virtual machines"). */
TSR_MUST_CHECK enum tessera_err tsr_vcpu_set_tcb(tsr_cptr_t vcpu, tsr_cptr_t tcb, unsigned flags);
TSR_MUST_CHECK enum tessera_err tsr_vcpu_read_reg(tsr_cptr_t vcpu, unsigned reg, uint64_t *value);
TSR_MUST_CHECK enum tessera_err tsr_vcpu_write_reg(tsr_cptr_t vcpu, unsigned reg, uint64_t value);
/* mode: VIRQ_EDGE, VIRQ_LEVEL_HIGH, VIRQ_LEVEL_LOW. */
TSR_MUST_CHECK enum tessera_err tsr_vcpu_inject_irq(tsr_cptr_t vcpu, unsigned virq, unsigned mode);
/* SGI 0..15 from guest CPU interface `source` (0..7; GICv2 guests see it in
 * GICC_IAR, GICv3 ignores it): what the VMM's GICD_SGIR model does. */
TSR_MUST_CHECK enum tessera_err tsr_vcpu_inject_sgi(tsr_cptr_t vcpu, unsigned sgi, unsigned source);
TSR_MUST_CHECK enum tessera_err tsr_vcpu_set_irq_enable(tsr_cptr_t vcpu, unsigned virq, int enable);

#endif
