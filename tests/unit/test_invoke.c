// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host tests of libs/libtessera/invoke*.c: every invocation wrapper against
 * a fake kernel that records the registers and IPC buffer of the Call and
 * answers with scripted results. Checks labels, lengths, extra caps and
 * word positions against <tessera/invocation.h>.
 */
#include <string.h>
#include <tessera/invocation.h>
#include <tessera/invoke.h>

#include "check.h"

__thread struct ipc_buffer *tsr_ipcbuf_tls;
static struct ipc_buffer buf;
static uint64_t seen[7], seen_sysno, answer[7];
static int calls;

void tsr_syscall_regs(uint64_t sysno, uint64_t r[7])
{
	seen_sysno = sysno;
	memcpy(seen, r, sizeof(seen));
	memcpy(r, answer, sizeof(answer));
	calls++;
}

static void reset(void)
{
	tsr_ipcbuf_tls = &buf;
	memset(&buf, 0, sizeof(buf));
	memset(answer, 0, sizeof(answer));
	calls = 0;
}

/* The Call named cap with this label, length and extra-cap count. */
static int was_call(uint64_t cap, unsigned label, unsigned ncaps, unsigned len)
{
	return calls == 1 && seen_sysno == SYS_CALL && seen[0] == cap &&
	       MSGINFO_LABEL(seen[1]) == label && MSGINFO_EXTRA_CAPS(seen[1]) == ncaps &&
	       MSGINFO_LENGTH(seen[1]) == len;
}

static void untyped(void)
{
	struct tsr_untyped_info info;
	reset();
	CHECK(tsr_untyped_retype(7, OBJ_CNODE, 8, 2, 3, 64, 100, 5) == ERR_OK);
	CHECK(was_call(7, INV_UNTYPED_RETYPE, 1, 6));
	CHECK(seen[2] == OBJ_CNODE && seen[3] == 8 && seen[4] == 3 && seen[5] == 64);
	CHECK(buf.msg[4] == 100 && buf.msg[5] == 5 && buf.caps[0] == 2);
	reset();
	answer[0] = ERR_OK;
	answer[2] = 111, answer[3] = 20, answer[4] = 0x40000000, answer[5] = 1;
	CHECK(tsr_untyped_describe(9, &info) == ERR_OK && was_call(9, INV_UNTYPED_DESCRIBE, 0, 0));
	CHECK(info.bytes_free == 111 && info.size_bits == 20 && info.paddr == 0x40000000 &&
	      info.is_device == 1);
	reset();
	answer[0] = ERR_NOT_ENOUGH_MEMORY;
	CHECK(tsr_untyped_retype(7, OBJ_TCB, 0, 2, 2, 64, 1, 1) == ERR_NOT_ENOUGH_MEMORY);
}

static void cnode(void)
{
	struct tsr_cap_info ci;
	reset();
	CHECK(tsr_cnode_mint(2, 30, 64, 4, 31, 12, RIGHT_READ, 0xbad) == ERR_OK);
	CHECK(was_call(2, INV_CNODE_MINT, 1, 6) && buf.caps[0] == 4);
	CHECK(seen[2] == 30 && seen[3] == 64 && seen[4] == 31 && seen[5] == 12);
	CHECK(buf.msg[4] == RIGHT_READ && buf.msg[5] == 0xbad);
	reset();
	CHECK(tsr_cnode_copy(2, 1, 64, 2, 5, 64, RIGHT_WRITE) == ERR_OK);
	CHECK(was_call(2, INV_CNODE_COPY, 1, 6) && buf.msg[4] == RIGHT_WRITE);
	reset();
	CHECK(tsr_cnode_move(2, 1, 64, 3, 5, 64) == ERR_OK && was_call(2, INV_CNODE_MOVE, 1, 6));
	reset();
	CHECK(tsr_cnode_mutate(2, 1, 64, 3, 5, 64, 77) == ERR_OK);
	CHECK(was_call(2, INV_CNODE_MUTATE, 1, 6) && buf.msg[5] == 77);
	reset();
	CHECK(tsr_cnode_delete(2, 9, 64) == ERR_OK && was_call(2, INV_CNODE_DELETE, 0, 2));
	CHECK(seen[2] == 9 && seen[3] == 64);
	reset();
	CHECK(tsr_cnode_revoke(2, 9, 64) == ERR_OK && was_call(2, INV_CNODE_REVOKE, 0, 2));
	reset();
	answer[2] = OBJ_ENDPOINT + 1, answer[3] = RIGHTS_ALL, answer[4] = 42;
	CHECK(tsr_cnode_inspect(2, 9, 64, &ci) == ERR_OK && was_call(2, INV_CNODE_INSPECT, 0, 2));
	CHECK(ci.type == OBJ_ENDPOINT + 1 && ci.rights == RIGHTS_ALL && ci.badge == 42);
	CHECK(tsr_cnode_guard(56, 0) == 56 && tsr_cnode_guard(4, 3) == ((3 << 6) | 4));
}

static void tcb(void)
{
	uint64_t regs[TCB_REG_COUNT], lo, hi;
	reset();
	CHECK(tsr_tcb_configure(10, 9, 11, 12, 13, 0x301000) == ERR_OK);
	CHECK(was_call(10, INV_TCB_CONFIGURE, 3, 2) && seen[2] == 9 && seen[3] == 0x301000);
	CHECK(buf.caps[0] == 11 && buf.caps[1] == 12 && buf.caps[2] == 13);
	reset();
	for (unsigned i = 0; i < TCB_REG_COUNT; i++)
		regs[i] = 1000 + i;
	CHECK(tsr_tcb_write_regs(10, 1, TCB_REG_COUNT, regs) == ERR_OK);
	CHECK(was_call(10, INV_TCB_WRITE_REGS, 0, 2 + TCB_REG_COUNT));
	CHECK(seen[2] == 1 && seen[3] == TCB_REG_COUNT && seen[4] == 1000 && seen[5] == 1001);
	CHECK(buf.msg[4] == 1002 && buf.msg[2 + TCB_REG_COUNT - 1] == 1000 + TCB_REG_COUNT - 1);
	CHECK(tsr_tcb_write_regs(10, 1, TCB_REG_COUNT + 1, regs) == ERR_RANGE);
	reset();
	answer[2] = 5, answer[3] = 6, answer[4] = 7, answer[5] = 8;
	buf.msg[4] = 9;
	CHECK(tsr_tcb_read_regs(10, 5, regs) == ERR_OK && was_call(10, INV_TCB_READ_REGS, 0, 1));
	CHECK(seen[2] == 5 && regs[0] == 5 && regs[3] == 8 && regs[4] == 9);
	reset();
	CHECK(tsr_tcb_set_priority(10, 200) == ERR_OK && was_call(10, INV_TCB_SET_PRIORITY, 0, 1));
	CHECK(seen[2] == 200);
	reset();
	CHECK(tsr_tcb_set_affinity(10, 3) == ERR_OK && was_call(10, INV_TCB_SET_AFFINITY, 0, 1));
	reset();
	CHECK(tsr_tcb_resume(10) == ERR_OK && was_call(10, INV_TCB_RESUME, 0, 0));
	reset();
	CHECK(tsr_tcb_suspend(10) == ERR_OK && was_call(10, INV_TCB_SUSPEND, 0, 0));
	reset();
	CHECK(tsr_tcb_bind_notification(10, 8) == ERR_OK);
	CHECK(was_call(10, INV_TCB_BIND_NOTIFICATION, 1, 0) && buf.caps[0] == 8);
	reset();
	CHECK(tsr_tcb_unbind_notification(10) == ERR_OK &&
	      was_call(10, INV_TCB_UNBIND_NOTIFICATION, 0, 0));
	reset();
	CHECK(tsr_tcb_set_fault_ep(10, 9) == ERR_OK && was_call(10, INV_TCB_SET_FAULT_EP, 0, 1));
	reset();
	CHECK(tsr_tcb_write_fp(10, 31, 1, 2) == ERR_OK && was_call(10, INV_TCB_WRITE_FP, 0, 3));
	CHECK(seen[2] == 31 && seen[3] == 1 && seen[4] == 2);
	reset();
	answer[2] = 0x11, answer[3] = 0x22;
	CHECK(tsr_tcb_read_fp(10, 4, &lo, &hi) == ERR_OK && was_call(10, INV_TCB_READ_FP, 0, 1));
	CHECK(lo == 0x11 && hi == 0x22);
}

static void memory_and_irq(void)
{
	uint64_t pa = 0;
	reset();
	CHECK(tsr_frame_map(20, 3, 0x400000, RIGHT_READ, MAP_EXEC) == ERR_OK);
	CHECK(was_call(20, INV_FRAME_MAP, 1, 3) && buf.caps[0] == 3);
	CHECK(seen[2] == 0x400000 && seen[3] == RIGHT_READ && seen[4] == MAP_EXEC);
	reset();
	CHECK(tsr_frame_unmap(20) == ERR_OK && was_call(20, INV_FRAME_UNMAP, 0, 0));
	reset();
	answer[2] = 0x48000000;
	CHECK(tsr_frame_address(20, &pa) == ERR_OK && pa == 0x48000000);
	reset();
	CHECK(tsr_page_table_map(21, 3, 0x200000) == ERR_OK);
	CHECK(was_call(21, INV_PAGE_TABLE_MAP, 1, 1) && seen[2] == 0x200000);
	reset();
	CHECK(tsr_page_table_unmap(21) == ERR_OK && was_call(21, INV_PAGE_TABLE_UNMAP, 0, 0));
	reset();
	CHECK(tsr_irq_control_get(4, 33, 2, 40, 64) == ERR_OK);
	CHECK(was_call(4, INV_IRQ_CONTROL_GET, 1, 3) && buf.caps[0] == 2);
	CHECK(seen[2] == 33 && seen[3] == 40 && seen[4] == 64);
	reset();
	CHECK(tsr_irq_handler_ack(40) == ERR_OK && was_call(40, INV_IRQ_HANDLER_ACK, 0, 0));
	reset();
	CHECK(tsr_irq_handler_set_notification(40, 8) == ERR_OK);
	CHECK(was_call(40, INV_IRQ_HANDLER_SET_NOTIFICATION, 1, 0) && buf.caps[0] == 8);
	reset();
	CHECK(tsr_irq_handler_clear(40) == ERR_OK && was_call(40, INV_IRQ_HANDLER_CLEAR, 0, 0));
	reset();
	CHECK(tsr_irq_handler_set_deadline(40, 0x123456789ULL) == ERR_OK);
	CHECK(was_call(40, INV_IRQ_HANDLER_SET_DEADLINE, 0, 1) && seen[2] == 0x123456789ULL);
	reset();
	CHECK(tsr_irq_handler_set_vcpu(40, 9) == ERR_OK);
	CHECK(was_call(40, INV_IRQ_HANDLER_SET_VCPU, 1, 0) && buf.caps[0] == 9);
}

static void ipc_stubs(void)
{
	struct tsr_msg m = {.info = MSGINFO(5, 0, 2), .mr = {1, 2, 3, 4}};
	uint64_t word = 0;
	reset();
	answer[0] = ERR_OK, answer[1] = MSGINFO(0, 0, 1), answer[2] = 99, answer[6] = 0x77;
	CHECK(tsr_call(6, &m) == ERR_OK && seen_sysno == SYS_CALL && seen[0] == 6);
	CHECK(seen[1] == MSGINFO(5, 0, 2) && seen[2] == 1 && seen[5] == 4);
	CHECK(m.info == MSGINFO(0, 0, 1) && m.mr[0] == 99 && m.badge == 0x77);
	reset();
	CHECK(tsr_replyrecv(6, &m, 7) == ERR_OK && seen_sysno == SYS_REPLYRECV);
	CHECK(seen[0] == 6 && seen[6] == 7 && seen[2] == 99);
	reset();
	CHECK(tsr_reply(7, &m) == ERR_OK && seen_sysno == SYS_REPLY && seen[0] == 7 &&
	      seen[6] == 7);
	reset();
	answer[0] = ERR_WOULD_BLOCK;
	m.badge = 5;
	CHECK(tsr_nbrecv(6, &m, 7) == ERR_WOULD_BLOCK && m.badge == 5); /* untouched */
	reset();
	answer[6] = 0x30;
	CHECK(tsr_wait(8, &word) == ERR_OK && seen_sysno == SYS_WAIT && word == 0x30);
	reset();
	CHECK(tsr_debug_putc('A') == ERR_OK && seen_sysno == SYS_DEBUG_PUTC && seen[0] == 'A');
}

int main(void)
{
	RUN("unit_invoke", untyped);
	RUN("unit_invoke", cnode);
	RUN("unit_invoke", tcb);
	RUN("unit_invoke", memory_and_irq);
	RUN("unit_invoke", ipc_stubs);
	return DONE("unit_invoke");
}
