// SPDX-License-Identifier: BSD-2-Clause
/*
 * IPC path lengths (make bench): executed instructions read from the PMU's
 * event counter 0 (INST_RETIRED, counting EL2 too; the kernel programs it
 * at boot and lets EL0 read it). Exact only under QEMU -icount shift=0;
 * without it QEMU offers no instruction event and nothing is printed.
 */
#include <stdio.h>

#include "ktest.h"

#define WARMUP 1000
#define ITERS  10000

static inline uint64_t insns(void)
{
	uint64_t v;
	__asm__ volatile("isb\n mrs %0, pmevcntr0_el0" : "=r"(v)::"memory");
	return v;
}

static bool counting(void)
{
	uint64_t ceid;
	__asm__ volatile("mrs %0, pmceid0_el0" : "=r"(ceid));
	return (ceid >> 8) & 1;
}

static tsr_cptr_t bench_ep, bench_ntfn;

/* Zero-word echo: ReplyRecv forever (spec 3.9, 5.7). */
static void null_server(uint64_t reply)
{
	struct tsr_msg m = {0};
	(void)tsr_recv(bench_ep, &m, reply);
	for (;;) {
		m.info = 0;
		(void)tsr_replyrecv(bench_ep, &m, reply);
	}
}

/* spec 3.11 Wait, 6.2 (Signal -> Wait wake-up) */
static void waiter(uint64_t unused)
{
	(void)unused;
	for (;;)
		(void)tsr_wait(bench_ntfn, 0);
}

/* spec 3.5 Call + 3.9 ReplyRecv round trip, 5.7 fast path */
static uint64_t per_roundtrip(tsr_cptr_t ep)
{
	struct tsr_msg m = {0};
	for (int i = 0; i < WARMUP; i++) {
		m.info = 0;
		(void)tsr_call(ep, &m);
	}
	uint64_t t0 = insns();
	for (int i = 0; i < ITERS; i++) {
		m.info = 0;
		(void)tsr_call(ep, &m);
	}
	return (insns() - t0) / ITERS;
}

/* A VSpace that maps the same frames as ours (copies of our image and stack
 * frame caps), so a server thread there runs our code in another address space. */
static tsr_cptr_t mirror_vspace(void)
{
	tsr_cptr_t vs = make_object(OBJ_VSPACE, 0);
	uint64_t n = bi->image_frames.end - bi->image_frames.start, nstack = INIT_STACK_SIZE / 4096;
	if (vs == 0 || n <= nstack)
		return 0;
	uint64_t tables[] = {0, INIT_STACK_TOP - INIT_STACK_SIZE}; /* L2, then L3 tables */
	if (tsr_page_table_map(make_object(OBJ_PAGE_TABLE, 0), vs, tables[0]) != ERR_OK)
		return 0;
	for (uint64_t va = INIT_STACK_TOP - INIT_STACK_SIZE; va < INIT_VADDR + (n - nstack) * 4096;
	     va += 0x200000)
		if (tsr_page_table_map(make_object(OBJ_PAGE_TABLE, 0), vs, va & ~0x1fffffUL) !=
		    ERR_OK)
			return 0;
	for (uint64_t i = 0; i < n; i++) {
		uint64_t va = i < n - nstack
				  ? INIT_VADDR + i * 4096
				  : INIT_STACK_TOP - INIT_STACK_SIZE + (i - (n - nstack)) * 4096;
		tsr_cptr_t copy = slot_alloc();
		if (tsr_cnode_copy(SLOT_INIT_CNODE, copy, 64, SLOT_INIT_CNODE,
				   bi->image_frames.start + i, 64, RIGHTS_ALL) != ERR_OK ||
		    tsr_frame_map(copy, vs, va, RIGHT_READ | RIGHT_WRITE, MAP_EXEC) != ERR_OK)
			return 0;
	}
	return vs;
}

static bool cross_as_server(tsr_cptr_t vs, tsr_cptr_t reply)
{
	static struct thread t;
	tsr_cptr_t tcb = make_object(OBJ_TCB, 0), buf = make_object(OBJ_FRAME_4K, 0);
	uint64_t bufva = 0x3f0000;
	if (!tcb || !buf || tsr_frame_map(buf, vs, bufva, RIGHT_READ | RIGHT_WRITE, 0) != ERR_OK)
		return false;
	if (tsr_tcb_configure(tcb, 0, SLOT_INIT_CNODE, vs, buf, bufva) != ERR_OK ||
	    tsr_tcb_set_priority(tcb, MAIN_PRIO) != ERR_OK)
		return false;
	/* start it through the same trampoline as other helpers: borrow thread_start's
	 * conventions by writing the registers ourselves */
	extern uint8_t ktest_cross_stack[];
	uint64_t regs[TCB_REG_X0 + 2] = {[TCB_REG_PC] = (uint64_t)null_server,
					 [TCB_REG_SP] = (uint64_t)ktest_cross_stack + 8192,
					 [TCB_REG_X0] = reply};
	(void)t;
	return tsr_tcb_write_regs(tcb, 1, TCB_REG_X0 + 1, regs) == ERR_OK;
}

uint8_t ktest_cross_stack[8192] __attribute__((aligned(16)));

void ktest_bench(void)
{
	static struct thread srv, w;
	if (!counting()) {
		printf("ktest: no instruction counter (run under -icount for benchmarks)\n");
		return;
	}
	bench_ep = make_object(OBJ_ENDPOINT, 0);
	bench_ntfn = make_object(OBJ_NOTIFICATION, 0);
	tsr_cptr_t reply = make_object(OBJ_REPLY, 0);
	if (!thread_start(&srv, null_server, reply, MAIN_PRIO, 0))
		return;
	printf("BENCH ipc_roundtrip_same_as %llu\n", (unsigned long long)per_roundtrip(bench_ep));
	if (tsr_tcb_suspend(srv.tcb) != ERR_OK)
		return;

	tsr_cptr_t vs = mirror_vspace(), reply2 = make_object(OBJ_REPLY, 0);
	if (vs != 0 && cross_as_server(vs, reply2))
		printf("BENCH ipc_roundtrip_cross_as %llu\n",
		       (unsigned long long)per_roundtrip(bench_ep));

	uint64_t t0 = insns();
	for (int i = 0; i < ITERS; i++)
		(void)tsr_null();
	printf("BENCH null_syscall %llu\n", (unsigned long long)((insns() - t0) / ITERS));
	t0 = insns();
	for (int i = 0; i < ITERS; i++)
		tsr_yield();
	printf("BENCH yield %llu\n", (unsigned long long)((insns() - t0) / ITERS));

	if (!thread_start(&w, waiter, 0, MAIN_PRIO + 1, 0))
		return;
	for (int i = 0; i < WARMUP; i++)
		(void)tsr_signal(bench_ntfn);
	t0 = insns();
	for (int i = 0; i < ITERS; i++)
		(void)tsr_signal(bench_ntfn); /* the waiter wakes, runs, waits again */
	printf("BENCH signal_wait %llu\n", (unsigned long long)((insns() - t0) / ITERS));
}
