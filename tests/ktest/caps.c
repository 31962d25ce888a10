// SPDX-License-Identifier: BSD-2-Clause
/* Capability, untyped and CNode tests (docs/spec/abi-v1.md sections 2, 4.1-4.9, 4.22-4.30). */
#include <stdio.h>

#include "ktest.h"

/* spec 4.1 Untyped_Retype (errors 1-9, device untyped), 4.0 (unknown label) */
static bool retype_errors(void)
{
	tsr_cptr_t small = make_untyped(12), dev = 0, s = slot_alloc();
	EXPECT(small != 0);
	/* a child untyped must be smaller than its parent */
	EXPECT(tsr_untyped_retype(small, OBJ_UNTYPED, 12, SLOT_INIT_CNODE, SLOT_INIT_CNODE, 64, s,
				  1) == ERR_RANGE);
	/* one 4 KiB frame fits, a second does not */
	EXPECT(tsr_untyped_retype(small, OBJ_FRAME_4K, 0, SLOT_INIT_CNODE, SLOT_INIT_CNODE, 64, s,
				  1) == ERR_OK);
	tsr_cptr_t s2 = slot_alloc();
	EXPECT(tsr_untyped_retype(small, OBJ_FRAME_4K, 0, SLOT_INIT_CNODE, SLOT_INIT_CNODE, 64, s2,
				  1) == ERR_NOT_ENOUGH_MEMORY);
	/* destination outside the CNode, or running past its end (4.1 error 7) */
	EXPECT(tsr_untyped_retype(ut_ram, OBJ_ENDPOINT, 0, SLOT_INIT_CNODE, SLOT_INIT_CNODE, 64,
				  1ULL << 30, 1) == ERR_RANGE);
	EXPECT(tsr_untyped_retype(ut_ram, OBJ_ENDPOINT, 0, SLOT_INIT_CNODE, SLOT_INIT_CNODE, 64,
				  (1ULL << INIT_CNODE_BITS) - 1, 2) == ERR_RANGE);
	/* destination occupied, bad type, bad size, bad destination CNode */
	EXPECT(tsr_untyped_retype(ut_ram, OBJ_ENDPOINT, 0, SLOT_INIT_CNODE, SLOT_INIT_CNODE, 64, s,
				  1) == ERR_DELETE_FIRST);
	EXPECT(tsr_untyped_retype(ut_ram, 77, 0, SLOT_INIT_CNODE, SLOT_INIT_CNODE, 64, s2, 1) ==
	       ERR_INVALID_ARGUMENT);
	EXPECT(tsr_untyped_retype(ut_ram, OBJ_CNODE, 30, SLOT_INIT_CNODE, SLOT_INIT_CNODE, 64, s2,
				  1) == ERR_RANGE);
	EXPECT(tsr_untyped_retype(ut_ram, OBJ_ENDPOINT, 0, SLOT_INIT_CNODE, SLOT_INIT_TCB, 64, s2,
				  1) == ERR_INVALID_CAPABILITY);
	EXPECT(tsr_untyped_retype(ut_ram, OBJ_ENDPOINT, 0, SLOT_INIT_CNODE, 1ULL << 40, 64, s2,
				  1) == ERR_FAILED_LOOKUP);
	/* device untyped holds frames only */
	for (uint64_t u = bi->untyped.start; u < bi->untyped.end; u++)
		if (bi->untyped_list[u - bi->untyped.start].is_device)
			dev = u;
	EXPECT(dev != 0);
	EXPECT(tsr_untyped_retype(dev, OBJ_TCB, 0, SLOT_INIT_CNODE, SLOT_INIT_CNODE, 64, s2, 1) ==
	       ERR_ILLEGAL_OPERATION);
	/* invoking with the wrong label */
	EXPECT(tsr_cnode_delete(small, 0, 64) == ERR_ILLEGAL_OPERATION);
	return true;
}

/* spec 4.1, 4.2 Untyped_Describe, 4.8 CNode_Revoke, 2.6, 4.24 */
static bool revoke_returns_memory(void)
{
	tsr_cptr_t u = make_untyped(16);
	struct tsr_untyped_info info;
	EXPECT(u != 0 && tsr_untyped_describe(u, &info) == ERR_OK && info.bytes_free == 65536);
	tsr_cptr_t base = slot_alloc();
	for (int i = 1; i < 16; i++)
		slot_alloc();
	EXPECT(tsr_untyped_retype(u, OBJ_FRAME_4K, 0, SLOT_INIT_CNODE, SLOT_INIT_CNODE, 64, base,
				  16) == ERR_OK);
	EXPECT(tsr_untyped_describe(u, &info) == ERR_OK && info.bytes_free == 0);
	uint64_t pa0;
	EXPECT(tsr_frame_address(base, &pa0) == ERR_OK);
	EXPECT(tsr_cnode_revoke(SLOT_INIT_CNODE, u, 64) == ERR_OK);
	EXPECT(tsr_untyped_describe(u, &info) == ERR_OK && info.bytes_free == 65536);
	struct tsr_cap_info ci;
	EXPECT(tsr_cnode_inspect(SLOT_INIT_CNODE, base, 64, &ci) == ERR_OK && ci.type == 0);
	/* the memory comes back: the same address again, zeroed */
	EXPECT(tsr_untyped_retype(u, OBJ_FRAME_4K, 0, SLOT_INIT_CNODE, SLOT_INIT_CNODE, 64, base,
				  1) == ERR_OK);
	uint64_t pa1;
	EXPECT(tsr_frame_address(base, &pa1) == ERR_OK && pa1 == pa0);
	return true;
}

/* spec 4.3 CNode_Copy, 4.4 Mint, 4.5 Move, 4.6 Mutate, 4.7, 4.9, 2.3, 2.5.3, 2.6 */
static bool copy_mint_rights(void)
{
	tsr_cptr_t ep = make_object(OBJ_ENDPOINT, 0), a = slot_alloc(), b = slot_alloc(),
		   c = slot_alloc();
	struct tsr_cap_info ci;
	EXPECT(ep != 0);
	EXPECT(tsr_cnode_mint(SLOT_INIT_CNODE, a, 64, SLOT_INIT_CNODE, ep, 64, RIGHT_READ, 42) ==
	       ERR_OK);
	EXPECT(tsr_cnode_inspect(SLOT_INIT_CNODE, a, 64, &ci) == ERR_OK);
	EXPECT(ci.type == OBJ_ENDPOINT + 1 && ci.rights == RIGHT_READ && ci.badge == 42);
	/* rights never grow; a badge never changes */
	EXPECT(tsr_cnode_copy(SLOT_INIT_CNODE, b, 64, SLOT_INIT_CNODE, a, 64, RIGHTS_ALL) ==
	       ERR_OK);
	EXPECT(tsr_cnode_inspect(SLOT_INIT_CNODE, b, 64, &ci) == ERR_OK &&
	       ci.rights == RIGHT_READ && ci.badge == 42);
	EXPECT(tsr_cnode_mint(SLOT_INIT_CNODE, c, 64, SLOT_INIT_CNODE, a, 64, RIGHTS_ALL, 43) ==
	       ERR_ILLEGAL_OPERATION);
	/* slot errors */
	EXPECT(tsr_cnode_copy(SLOT_INIT_CNODE, b, 64, SLOT_INIT_CNODE, a, 64, RIGHTS_ALL) ==
	       ERR_DELETE_FIRST);
	EXPECT(tsr_cnode_copy(SLOT_INIT_CNODE, c, 64, SLOT_INIT_CNODE, slot_alloc(), 64,
			      RIGHTS_ALL) == ERR_INVALID_CAPABILITY);
	EXPECT(tsr_cnode_copy(SLOT_INIT_CNODE, c, 12, SLOT_INIT_CNODE, a, 64, RIGHTS_ALL) ==
	       ERR_FAILED_LOOKUP);
	EXPECT(tsr_cnode_copy(SLOT_INIT_CNODE, c, 64, SLOT_INIT_CNODE, a, 0, RIGHTS_ALL) ==
	       ERR_RANGE);
	/* move and mutate */
	EXPECT(tsr_cnode_move(SLOT_INIT_CNODE, c, 64, SLOT_INIT_CNODE, b, 64) == ERR_OK);
	EXPECT(tsr_cnode_inspect(SLOT_INIT_CNODE, b, 64, &ci) == ERR_OK && ci.type == 0);
	EXPECT(tsr_cnode_mutate(SLOT_INIT_CNODE, b, 64, SLOT_INIT_CNODE, c, 64, 42) == ERR_OK);
	EXPECT(tsr_cnode_inspect(SLOT_INIT_CNODE, b, 64, &ci) == ERR_OK &&
	       ci.rights == RIGHT_READ && ci.badge == 42);
	/* revoking the badged original removes its copies */
	EXPECT(tsr_cnode_revoke(SLOT_INIT_CNODE, a, 64) == ERR_OK);
	EXPECT(tsr_cnode_inspect(SLOT_INIT_CNODE, b, 64, &ci) == ERR_OK && ci.type == 0);
	EXPECT(tsr_cnode_delete(SLOT_INIT_CNODE, a, 64) == ERR_OK);
	EXPECT(tsr_cnode_delete(SLOT_INIT_CNODE, a, 64) ==
	       ERR_OK); /* deleting an empty slot is fine */
	return true;
}

/* spec 4.3 (error 6: Untyped and IrqControl cannot be copied) */
static bool unique_caps(void)
{
	tsr_cptr_t s = slot_alloc();
	EXPECT(tsr_cnode_copy(SLOT_INIT_CNODE, s, 64, SLOT_INIT_CNODE, ut_ram, 64, RIGHTS_ALL) ==
	       ERR_ILLEGAL_OPERATION);
	EXPECT(tsr_cnode_copy(SLOT_INIT_CNODE, s, 64, SLOT_INIT_CNODE, SLOT_IRQ_CONTROL, 64,
			      RIGHTS_ALL) == ERR_ILLEGAL_OPERATION);
	return true;
}

/* spec 4.27 IrqControl_Get, 4.28 IrqHandler_Ack, 4.29, 4.30, 2.6 (IrqHandler destruction) */
static bool irq_caps(void)
{
	tsr_cptr_t h = slot_alloc(), h2 = slot_alloc(), n = make_object(OBJ_NOTIFICATION, 0);
	EXPECT(tsr_irq_control_get(SLOT_IRQ_CONTROL, 26, SLOT_INIT_CNODE, h, 64) ==
	       ERR_RANGE); /* kernel's timer */
	EXPECT(tsr_irq_control_get(SLOT_IRQ_CONTROL, 100, SLOT_INIT_CNODE, h, 64) == ERR_OK);
	EXPECT(tsr_irq_control_get(SLOT_IRQ_CONTROL, 100, SLOT_INIT_CNODE, h2, 64) ==
	       ERR_REVOKE_FIRST);
	EXPECT(tsr_irq_handler_ack(h) == ERR_ILLEGAL_OPERATION); /* no notification yet */
	EXPECT(tsr_irq_handler_set_notification(h, n) == ERR_OK);
	EXPECT(tsr_irq_handler_ack(h) == ERR_OK);
	EXPECT(tsr_irq_handler_clear(h) == ERR_OK);
	EXPECT(tsr_cnode_delete(SLOT_INIT_CNODE, h, 64) == ERR_OK);
	EXPECT(tsr_irq_control_get(SLOT_IRQ_CONTROL, 100, SLOT_INIT_CNODE, h2, 64) == ERR_OK);
	return true;
}

/* spec 4.30b IrqHandler_SetVCPU: refusals in order, one route at a time,
 * undone by Clear, SetNotification and deleting the VCPU (2.6); a handler
 * deleted while linked frees its interrupt (SPI 101: no device fires it) */
static bool irq_set_vcpu(void)
{
	tsr_cptr_t h = slot_alloc(), t = slot_alloc(), n = make_object(OBJ_NOTIFICATION, 0);
	tsr_cptr_t v = make_object(OBJ_VCPU, 0), v2 = make_object(OBJ_VCPU, 0);
	EXPECT(tsr_irq_control_get(SLOT_IRQ_CONTROL, TSR_USER_TIMER_IRQ, SLOT_INIT_CNODE, t, 64) ==
	       ERR_OK);
	EXPECT(tsr_irq_handler_set_vcpu(t, v) == ERR_ILLEGAL_OPERATION); /* not an SPI */
	EXPECT(tsr_cnode_delete(SLOT_INIT_CNODE, t, 64) == ERR_OK);
	EXPECT(tsr_irq_control_get(SLOT_IRQ_CONTROL, 101, SLOT_INIT_CNODE, h, 64) == ERR_OK);
	EXPECT(tsr_invoke(h, INV_IRQ_HANDLER_SET_VCPU, 0, 0, 0, 0, 0) == ERR_TRUNCATED_MESSAGE);
	EXPECT(tsr_irq_handler_set_vcpu(h, n) == ERR_INVALID_CAPABILITY);
	EXPECT(tsr_irq_handler_set_vcpu(h, v) == ERR_OK);
	EXPECT(tsr_irq_handler_set_vcpu(h, v2) == ERR_DELETE_FIRST);
	EXPECT(tsr_irq_handler_ack(h) == ERR_ILLEGAL_OPERATION);
	EXPECT(tsr_vcpu_inject_irq(v, 101, VIRQ_EDGE) == ERR_ILLEGAL_OPERATION);
	EXPECT(tsr_vcpu_inject_irq(v2, 101, VIRQ_EDGE) == ERR_OK); /* not linked there */
	EXPECT(tsr_irq_handler_clear(h) == ERR_OK);
	EXPECT(tsr_vcpu_inject_irq(v, 101, VIRQ_EDGE) == ERR_OK);
	EXPECT(tsr_irq_handler_set_vcpu(h, v2) == ERR_OK);
	EXPECT(tsr_irq_handler_set_notification(h, n) == ERR_OK &&
	       tsr_irq_handler_ack(h) == ERR_OK);
	EXPECT(tsr_irq_handler_set_vcpu(h, v2) == ERR_OK);
	EXPECT(tsr_cnode_delete(SLOT_INIT_CNODE, v2, 64) == ERR_OK); /* the route goes with it */
	EXPECT(tsr_irq_handler_set_vcpu(h, v) == ERR_OK);
	EXPECT(tsr_cnode_delete(SLOT_INIT_CNODE, h, 64) == ERR_OK);
	EXPECT(tsr_irq_control_get(SLOT_IRQ_CONTROL, 101, SLOT_INIT_CNODE, h, 64) == ERR_OK);
	EXPECT(tsr_irq_handler_set_vcpu(h, v) == ERR_OK);
	EXPECT(tsr_cnode_delete(SLOT_INIT_CNODE, v, 64) == ERR_OK);
	EXPECT(tsr_cnode_delete(SLOT_INIT_CNODE, h, 64) == ERR_OK);
	return true;
}

/* spec 4.22 Frame_Map, 4.23 Frame_Unmap, 4.25 PageTable_Map, 2.3 (frame rights) */
static bool frames_and_tables(void)
{
	tsr_cptr_t f = make_object(OBJ_FRAME_4K, 0), pt = make_object(OBJ_PAGE_TABLE, 0);
	tsr_cptr_t pt2 = make_object(OBJ_PAGE_TABLE, 0), ro = slot_alloc();
	uint64_t va = 0x40000000UL; /* an empty 1 GiB region of our VSpace */
	EXPECT(f && pt && pt2);
	EXPECT(tsr_frame_map(f, SLOT_INIT_VSPACE, va, RIGHT_READ | RIGHT_WRITE, 0) ==
	       ERR_FAILED_LOOKUP);
	EXPECT(tsr_page_table_map(pt, SLOT_INIT_VSPACE, va) == ERR_OK);	 /* level 2 */
	EXPECT(tsr_page_table_map(pt2, SLOT_INIT_VSPACE, va) == ERR_OK); /* level 3 */
	EXPECT(tsr_frame_map(f, SLOT_INIT_VSPACE, va + 8, RIGHT_READ, 0) == ERR_ALIGNMENT);
	EXPECT(tsr_frame_map(f, SLOT_INIT_VSPACE, 1ULL << 41, RIGHT_READ, 0) == ERR_RANGE);
	EXPECT(tsr_frame_map(f, SLOT_INIT_TCB, va, RIGHT_READ, 0) == ERR_INVALID_CAPABILITY);
	EXPECT(tsr_frame_map(f, SLOT_INIT_VSPACE, va, RIGHT_READ | RIGHT_WRITE, 0) == ERR_OK);
	EXPECT(tsr_frame_map(f, SLOT_INIT_VSPACE, va + 4096, RIGHT_READ, 0) == ERR_DELETE_FIRST);
	volatile uint64_t *p = (volatile uint64_t *)va;
	*p = 0x1234;
	EXPECT(*p == 0x1234);
	/* a read-only copy cannot be mapped writable */
	EXPECT(tsr_cnode_copy(SLOT_INIT_CNODE, ro, 64, SLOT_INIT_CNODE, f, 64, RIGHT_READ) ==
	       ERR_OK);
	EXPECT(tsr_frame_map(ro, SLOT_INIT_VSPACE, va + 4096, RIGHT_READ | RIGHT_WRITE, 0) ==
	       ERR_NO_RIGHTS);
	EXPECT(tsr_frame_map(ro, SLOT_INIT_VSPACE, va + 4096, RIGHT_READ, 0) == ERR_OK);
	EXPECT(((volatile uint64_t *)(va + 4096))[0] == 0x1234); /* the same frame twice */
	/* deleting a mapped copy removes its mapping (the slot is free to map again) */
	EXPECT(tsr_cnode_delete(SLOT_INIT_CNODE, ro, 64) == ERR_OK);
	tsr_cptr_t f2 = make_object(OBJ_FRAME_4K, 0);
	EXPECT(f2 && tsr_frame_map(f2, SLOT_INIT_VSPACE, va + 4096, RIGHT_READ, 0) == ERR_OK);
	/* a page table is installed in one place only, whichever cap names it */
	tsr_cptr_t ptc = slot_alloc();
	EXPECT(tsr_cnode_copy(SLOT_INIT_CNODE, ptc, 64, SLOT_INIT_CNODE, pt2, 64, RIGHTS_ALL) ==
	       ERR_OK);
	EXPECT(tsr_page_table_map(ptc, SLOT_INIT_VSPACE, 0x80000000UL) == ERR_DELETE_FIRST);
	EXPECT(tsr_frame_unmap(f) == ERR_OK);
	EXPECT(tsr_frame_map(f, SLOT_INIT_VSPACE, va + 8192, RIGHT_READ | RIGHT_WRITE, 0) ==
	       ERR_OK);
	EXPECT(((volatile uint64_t *)(va + 8192))[0] == 0x1234);
	return true;
}

void ktest_caps(void)
{
	static const struct {
		const char *name;
		bool (*fn)(void);
	} tests[] = {
	    {"retype_errors", retype_errors},
	    {"revoke_returns_memory", revoke_returns_memory},
	    {"copy_mint_rights", copy_mint_rights},
	    {"unique_caps", unique_caps},
	    {"irq_caps", irq_caps},
	    {"irq_set_vcpu", irq_set_vcpu},
	    {"frames_and_tables", frames_and_tables},
	};
	for (unsigned i = 0; i < sizeof(tests) / sizeof(tests[0]); i++)
		ktest_report(tests[i].name, tests[i].fn(), "");
}
