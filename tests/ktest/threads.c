// SPDX-License-Identifier: BSD-2-Clause
/* Thread tests (docs/spec/abi-v1.md sections 4.10-4.21, 8). */
#include <stdio.h>

#include "ktest.h"

static volatile uint64_t order[8], norder;

static void record(uint64_t id)
{
	order[norder++ % 8] = id;
	thread_exit();
}

/* spec 8.2 Priorities and MCP, 8.3 Run queues and preemption, 4.11 TCB_SetPriority, 3.13 */
static bool priorities(void)
{
	static struct thread lo, hi;
	norder = 0;
	EXPECT(thread_start(&lo, record, 1, MAIN_PRIO - 10, 0)); /* runs only when we block */
	EXPECT(thread_start(&hi, record, 2, MAIN_PRIO + 10, 0)); /* runs at once */
	EXPECT(norder == 1 && order[0] == 2);
	uint64_t w;
	tsr_cptr_t n = make_object(OBJ_NOTIFICATION, 0);
	(void)tsr_poll(n, &w);
	tsr_yield(); /* equal priority only: lo still waits */
	EXPECT(norder == 1);
	EXPECT(tsr_tcb_set_priority(lo.tcb, MAIN_PRIO + 1) == ERR_OK); /* now it preempts us */
	EXPECT(norder == 2 && order[1] == 1);
	EXPECT(tsr_tcb_set_priority(lo.tcb, 255 + 1) == ERR_RANGE);
	return true;
}

/* Two threads at our priority keep values in q8/q9 across yields. */
static volatile uint64_t fp_result[2];
/* spec 8.4, 4.20/4.21 (FP state is per thread) */
static void fp_worker(uint64_t seed)
{
	uint64_t ok = 1;
	__asm__ volatile("dup v8.2d, %0\n fmov d9, %0" ::"r"(seed) : "v8", "v9");
	for (int i = 0; i < 50; i++) {
		tsr_yield();
		uint64_t a, b;
		__asm__ volatile("umov %0, v8.d[1]\n fmov %1, d9" : "=r"(a), "=r"(b));
		if (a != seed || b != seed)
			ok = 0;
	}
	fp_result[seed & 1] = ok + 1;
	thread_exit();
}

/* spec 4.20 TCB_WriteFP, 4.21 TCB_ReadFP */
static bool fp_preserved(void)
{
	static struct thread a, b;
	EXPECT(thread_start(&a, fp_worker, 0x1111111111111110ULL, MAIN_PRIO, 0));
	EXPECT(thread_start(&b, fp_worker, 0x2222222222222221ULL, MAIN_PRIO, 0));
	for (int i = 0; i < 400 && (fp_result[0] == 0 || fp_result[1] == 0); i++) {
		__asm__ volatile("movi v8.2d, #0\n movi v9.2d, #0" ::
				     : "v8", "v9"); /* we clobber too */
		tsr_yield();
	}
	EXPECT(fp_result[0] == 2 && fp_result[1] == 2);
	uint64_t lo, hi;
	EXPECT(tsr_tcb_write_fp(a.tcb, 3, 7, 8) == ERR_OK);
	EXPECT(tsr_tcb_read_fp(a.tcb, 3, &lo, &hi) == ERR_OK && lo == 7 && hi == 8);
	EXPECT(tsr_tcb_read_fp(a.tcb, 32, &lo, &hi) == ERR_RANGE);
	return true;
}

static volatile uint64_t spun;
static void spinner(uint64_t n)
{
	for (uint64_t i = 0; i < n; i++)
		spun = i + 1;
	thread_exit();
}

/* spec 8.4 Round robin, 8.5 Affinity and SMP, 4.12 TCB_SetAffinity, 4.16 */
static bool affinity_and_preemption(void)
{
	static struct thread s1, s2;
	EXPECT(tsr_tcb_set_affinity(SLOT_INIT_TCB, (unsigned)bi->num_cores) == ERR_RANGE);
	/* an equal-priority thread that never yields is preempted by the tick */
	spun = 0;
	EXPECT(thread_start(&s1, spinner, 1ULL << 40, MAIN_PRIO, 0));
	for (int i = 0; i < 100 && spun == 0; i++)
		tsr_yield();
	uint64_t seen = spun;
	EXPECT(seen > 0);
	/* it runs again between our yields and we get the CPU back each time (a
	 * late tick on a loaded host may give it a zero-length turn: allow a few) */
	for (int i = 0; i < 100 && spun == seen; i++)
		tsr_yield();
	EXPECT(spun > seen);
	EXPECT(tsr_tcb_suspend(s1.tcb) == ERR_OK);
	if (bi->num_cores > 1) {
		EXPECT(thread_start(&s2, spinner, 1000000, MAIN_PRIO - 1, 0));
		EXPECT(tsr_tcb_set_affinity(s2.tcb, 1) == ERR_OK);
		uint64_t t0, t;
		__asm__ volatile("mrs %0, cntvct_el0" : "=r"(t0));
		do /* it finishes on the other core while we spin here (at most ~5 s) */
			__asm__ volatile("mrs %0, cntvct_el0" : "=r"(t));
		while (spun != 1000000 && t - t0 < 62500000ULL * 5);
		EXPECT(spun == 1000000);
	}
	return true;
}

/* spec 4.10 TCB_Configure, 4.13 TCB_WriteRegisters, 4.14, 4.15 TCB_Resume, 4.0 */
static bool tcb_errors(void)
{
	tsr_cptr_t t = make_object(OBJ_TCB, 0);
	uint64_t regs[3] = {0x400000, 0x1000, 0};
	EXPECT(tsr_tcb_resume(t) == ERR_ILLEGAL_OPERATION); /* not configured */
	EXPECT(tsr_tcb_configure(t, 0, SLOT_INIT_VSPACE, SLOT_INIT_VSPACE, 0, 0) ==
	       ERR_INVALID_CAPABILITY);
	EXPECT(tsr_tcb_write_regs(t, 0, 40, regs) == ERR_RANGE);
	EXPECT(tsr_tcb_write_regs(t, 0, 3, regs) == ERR_OK);
	uint64_t back[3];
	EXPECT(tsr_tcb_read_regs(t, 3, back) == ERR_OK && back[0] == 0x400000 && back[1] == 0x1000);
	EXPECT(tsr_tcb_write_regs(SLOT_INIT_TCB, 0, 3, regs) ==
	       ERR_ILLEGAL_OPERATION); /* ourselves */
	struct tsr_msg m = {.info = tsr_msginfo(INV_TCB_SET_PRIORITY, 0, 0)};
	EXPECT(tsr_call(t, &m) == ERR_TRUNCATED_MESSAGE);
	m = (struct tsr_msg){.info = tsr_msginfo(999, 0, 0)};
	EXPECT(tsr_call(t, &m) == ERR_ILLEGAL_OPERATION);
	return true;
}

void ktest_threads(void)
{
	ktest_report("priorities", priorities(), "");
	ktest_report("fp_preserved", fp_preserved(), "");
	ktest_report("affinity_and_preemption", affinity_and_preemption(), "");
	ktest_report("tcb_errors", tcb_errors(), "");
}
