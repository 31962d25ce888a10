/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The Tessera C runtime for user programs (libs/libtessera, see
 * docs/userland.md): musl's Linux system calls are served by the shim
 * backend (shim.c); this header is what programs and servers call directly.
 */
#ifndef TESSERA_RUNTIME_H
#define TESSERA_RUNTIME_H

#include <stddef.h>
#include <stdint.h>
#include <tessera/bootinfo.h>
#include <tessera/ipcbuf.h>

/*
 * Auxiliary vector entries a program's loader adds (read with getauxval()).
 * Values above musl's AT_CNT (38), so musl's own parsing ignores them.
 */
#define TSR_AT_IPC_BUFFER 0x74730001UL /* vaddr of the main thread's IPC buffer */

/* The boot information (root task only: set by its crt before main). */
extern const struct bootinfo *tsr_bootinfo;

/* Installs the calling thread's IPC buffer pointer (done by the runtime for
 * the main thread from TSR_AT_IPC_BUFFER; threads made later call it). */
void tsr_set_ipcbuf(struct ipc_buffer *buf);

/*
 * Console output: every write(1|2) goes through tsr_console_write, which
 * hands the bytes to the current sink. The default sink is SYS_DEBUG_PUTC,
 * one byte per system call; init switches to its UART mapping, and later
 * programs will get a console IPC sink.
 */
typedef void tsr_console_sink_fn(const char *buf, size_t len);
void tsr_console_write(const char *buf, size_t len);
void tsr_console_set_sink(tsr_console_sink_fn *sink);
/*
 * The console token: components that write to the shared debug console
 * from several cores (the VMMs; one byte per system call) keep their
 * writes whole by holding a token around each write: a notification,
 * shared by all of them, whose word is non-zero while nobody writes. With
 * ntfn != 0 every tsr_console_write first takes the token (Poll, Yield
 * while it is out, for at most TSR_CONSOLE_TOKEN_WAIT_MS of the virtual
 * counter; after that it writes anyway) and puts it back afterwards
 * (Signal). Exactly one user seeds it (seed != 0: Signal once, after
 * TSR_CONSOLE_TOKEN_SEED_DELAY_MS, leaving init's boot report alone). A
 * writer that dies holding it costs the others one timeout. Bounded: no
 * writer ever waits on another for long.
 */
#define TSR_CONSOLE_TOKEN_WAIT_MS	100
#define TSR_CONSOLE_TOKEN_SEED_DELAY_MS 50
void tsr_console_use_token(uint64_t ntfn, int seed);
/* The longest wait for the token (default TSR_CONSOLE_TOKEN_WAIT_MS). A
 * thread that outranks a holder on its own core waits in vain (Yield does
 * not run lower priorities): such a thread (init) should wait briefly,
 * long enough for a holder on another core to finish a line (~1 ms). */
void tsr_console_token_wait(unsigned ms);

/* Ends the program: stores status in tsr_exit_status, suspends the main
 * thread through its TCB cap (slot 1 in every CSpace we build), and if that
 * fails yields forever. Never returns. */
extern volatile int tsr_exit_status;

/* In a generated component: the interrupt controller's version, 2 (GICv2)
 * or 3 (GICv3), from init (bootinfo.irqc_version; docs/idl.md "Threads").
 * 0 in a program init did not start as a component. */
extern unsigned tsr_irqc_version;
__attribute__((noreturn)) void tsr_exit(int status);

/*
 * The heap arena that serves brk and anonymous mmap (musl's malloc). A
 * program sets its size with TSR_HEAP_SIZE(bytes) in one of its C files;
 * otherwise libtessera's default 1 MiB arena (heap_arena.c) is linked.
 */
extern unsigned char tsr_heap_arena[];
extern const size_t tsr_heap_arena_size;
#define TSR_HEAP_SIZE(bytes)                                                                       \
	unsigned char tsr_heap_arena[(bytes)] __attribute__((aligned(4096)));                      \
	const size_t tsr_heap_arena_size = (bytes)

#endif
