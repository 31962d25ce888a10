/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The kernel test root task: started by the kernel instead of init, it
 * exercises every system call and invocation (docs/spec sections named at
 * each test) and prints TEST kernel.<name> lines. Helper threads share its
 * CSpace and VSpace and run freestanding code (no musl: no TLS of their own).
 */
#ifndef KTEST_H
#define KTEST_H

#include <stdbool.h>
#include <stdint.h>
#include <tessera/bootinfo.h>
#include <tessera/invocation.h>
#include <tessera/invoke.h>
#include <tessera/objects.h>
#include <tessera/runtime.h>
#include <tessera/sys.h>

#define ROOT_DEPTH 64

extern const struct bootinfo *bi;
extern tsr_cptr_t ut_ram; /* a large RAM untyped */

/* Result reporting. */
void ktest_report(const char *name, bool ok, const char *detail);
#define EXPECT(cond)                                                                               \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			ktest_fail_line = __LINE__;                                                \
			return false;                                                              \
		}                                                                                  \
	} while (0)
extern int ktest_fail_line;

/* Resources. */
tsr_cptr_t slot_alloc(void);
tsr_cptr_t make_object(unsigned type, unsigned size_bits);
tsr_cptr_t make_untyped(unsigned size_bits);

/* Helper threads in the test's own address space. */
struct thread {
	tsr_cptr_t tcb;
	tsr_cptr_t ipcbuf_frame;
	uint64_t ipcbuf_vaddr;
	uint64_t stack_top;
};
typedef void thread_fn(uint64_t arg);
bool thread_start(struct thread *t, thread_fn *fn, uint64_t arg, unsigned prio,
		  tsr_cptr_t fault_ep);
void thread_exit(void) __attribute__((noreturn));
unsigned thread_next_index(void); /* index the next thread_start will use */
#define MAIN_PRIO 150
/* Per-thread IPC buffer pointer for code running in helper threads. */
struct ipc_buffer *thread_ipcbuf(void);

/* Test groups. */
void ktest_ipc(void);
void ktest_caps(void);
void ktest_threads(void);
void ktest_timer(void);
void ktest_bench(void);

#endif
