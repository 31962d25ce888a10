// SPDX-License-Identifier: BSD-2-Clause
/* Kernel test root task: harness, resource helpers, helper threads. */
#include <stdio.h>
#include <string.h>

#include "ktest.h"

const struct bootinfo *bi;
tsr_cptr_t ut_ram;
int ktest_fail_line;
static int passed, failed;
static uint64_t next_slot;

void ktest_report(const char *name, bool ok, const char *detail)
{
	if (ok)
		printf("TEST kernel.%s PASS%s%s\n", name, detail[0] ? " " : "", detail);
	else
		printf("TEST kernel.%s FAIL line %d %s\n", name, ktest_fail_line, detail);
	ok ? passed++ : failed++;
}

tsr_cptr_t slot_alloc(void)
{
	return next_slot < bi->empty.end ? next_slot++ : 0;
}

tsr_cptr_t make_object(unsigned type, unsigned size_bits)
{
	tsr_cptr_t s = slot_alloc();

	if (s == 0 || tsr_untyped_retype(ut_ram, type, size_bits, SLOT_INIT_CNODE, SLOT_INIT_CNODE,
					 ROOT_DEPTH, s, 1) != ERR_OK)
		return 0;
	return s;
}

tsr_cptr_t make_untyped(unsigned size_bits)
{
	return make_object(OBJ_UNTYPED, size_bits);
}

/* Helper-thread stacks and IPC buffers: IPC buffers at 0x304000.. (the
 * page table that maps the boot info covers them). */
#define MAX_THREADS 24
#define STACK_SIZE  8192
static uint8_t stacks[MAX_THREADS][STACK_SIZE] __attribute__((aligned(16)));
static unsigned nthreads;

void thread_trampoline(void);

unsigned thread_next_index(void)
{
	return nthreads;
}

bool thread_start(struct thread *t, thread_fn *fn, uint64_t arg, unsigned prio, tsr_cptr_t fault_ep)
{
	if (nthreads >= MAX_THREADS)
		return false;
	unsigned i = nthreads++;
	t->tcb = make_object(OBJ_TCB, 0);
	t->ipcbuf_frame = make_object(OBJ_FRAME_4K, 0);
	t->ipcbuf_vaddr = 0x304000UL + i * 0x1000UL;
	t->stack_top = (uint64_t)&stacks[i][STACK_SIZE];
	if (t->tcb == 0 || t->ipcbuf_frame == 0)
		return false;
	if (tsr_frame_map(t->ipcbuf_frame, SLOT_INIT_VSPACE, t->ipcbuf_vaddr,
			  RIGHT_READ | RIGHT_WRITE, 0) != ERR_OK)
		return false;
	if (tsr_tcb_configure(t->tcb, fault_ep, SLOT_INIT_CNODE, SLOT_INIT_VSPACE, t->ipcbuf_frame,
			      t->ipcbuf_vaddr) != ERR_OK ||
	    tsr_tcb_set_priority(t->tcb, prio) != ERR_OK)
		return false;
	uint64_t regs[TCB_REG_X0 + 2] = {[TCB_REG_PC] = (uint64_t)thread_trampoline,
					 [TCB_REG_SP] = t->stack_top,
					 [TCB_REG_X0] = (uint64_t)fn,
					 [TCB_REG_X0 + 1] = arg};
	return tsr_tcb_write_regs(t->tcb, 1, TCB_REG_X0 + 2, regs) == ERR_OK;
}

/* x0 = fn, x1 = arg (set by thread_start). */
__asm__(".text\n"
	"thread_trampoline:\n"
	"	mov x19, x0\n"
	"	mov x0, x1\n"
	"	blr x19\n"
	"	b thread_exit\n");

/* A finished helper thread waits forever on a notification nobody signals. */
static tsr_cptr_t graveyard;

void thread_exit(void)
{
	for (;;)
		(void)tsr_wait(graveyard, 0);
}

static void find_untyped(void)
{
	unsigned best = 0;

	for (uint64_t s = bi->untyped.start; s < bi->untyped.end; s++) {
		const struct bootinfo_untyped *u = &bi->untyped_list[s - bi->untyped.start];
		if (!u->is_device && u->size_bits > best) {
			best = u->size_bits;
			ut_ram = s;
		}
	}
}

int main(void)
{
	bi = tsr_bootinfo;
	next_slot = bi->empty.start;
	find_untyped();
	graveyard = make_object(OBJ_NOTIFICATION, 0);
	if (tsr_tcb_set_priority(SLOT_INIT_TCB, MAIN_PRIO) != ERR_OK)
		printf("ktest: cannot lower own priority\n");
	printf("ktest: %llu cores, RAM untyped in slot %llu\n", (unsigned long long)bi->num_cores,
	       (unsigned long long)ut_ram);
	ktest_caps();
	ktest_ipc();
	ktest_threads();
	ktest_timer();
	ktest_bench();
	printf("SUMMARY kernel %d %d\n", passed, failed);
	for (;;)
		tsr_yield();
}
