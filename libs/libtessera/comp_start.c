// SPDX-License-Identifier: BSD-2-Clause
/*
 * C start of a generated component's threads (entry in comp_start.S).
 *
 * Thread 0 runs musl's static start-up: like a root task it gets no Linux
 * stack, so it hands __libc_start_main an argv/envp/auxv frame of its own
 * with AT_PHDR pointing at the program headers in the loaded image
 * (__ehdr_start: the first segment holds the ELF header) and
 * TSR_AT_IPC_BUFFER = its IPC buffer; main() then calls the glue's
 * tsr_thread_main(0).
 *
 * Threads 1.. wait (yielding) until thread 0 reached main, then give
 * themselves a TLS block on their own stack, a copy of thread 0's: musl's
 * thread descriptor (struct pthread, just below the thread pointer on
 * aarch64) and the TLS image, made by musl's __copy_tls. This relies on
 * musl 1.2's layout (TLS above TP, `self' the descriptor's first word);
 * the threads share thread 0's tid and musl does not lock stdio for them
 * (it was never told there are threads), so output of two threads of one
 * component may interleave.
 */
#include <elf.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <tessera/runtime.h>
#include <tessera/sys.h>

#define COMP_TLS_MAX 2048

int __libc_start_main(int (*main)(int, char **, char **), int argc, char **argv, void (*init)(void),
		      void (*fini)(void), void (*ldso)(void));
void *__copy_tls(unsigned char *mem);	   /* musl-internal, see above */
void tsr_thread_main(unsigned long index); /* the generated glue */
__attribute__((noreturn)) void tsr_comp_start(unsigned long index, unsigned long ipcbuf,
					      unsigned long irqc);

unsigned tsr_irqc_version;

extern const Elf64_Ehdr __ehdr_start;

static volatile int comp_ready;
static uintptr_t comp_tp0, comp_pthread_size;
static char progname[] = "component";
static unsigned char random_bytes[16];

static size_t frame[] = {
    0, /* argv[0] */
    0, /* envp[0] */
    AT_PHDR, 0,		AT_PHNUM, 0,	     AT_PHENT, sizeof(Elf64_Phdr), AT_PAGESZ,
    4096,    AT_EXECFN, 0,	  AT_RANDOM, 0,	       TSR_AT_IPC_BUFFER,  0,
    AT_NULL, 0,
};

static uintptr_t get_tp(void)
{
	uintptr_t tp;

	__asm__ volatile("mrs %0, tpidr_el0" : "=r"(tp));
	return tp;
}

static int comp_main(int argc, char **argv, char **envp)
{
	(void)argc, (void)argv, (void)envp;
	comp_tp0 = get_tp();
	comp_pthread_size = comp_tp0 - (uintptr_t)pthread_self();
	__atomic_store_n(&comp_ready, 1, __ATOMIC_RELEASE);
	tsr_thread_main(0);
	return 0;
}

/* Bytes musl's TLS block needs (an upper bound of libc.tls_size). */
static size_t tls_need(void)
{
	const Elf64_Phdr *ph = (const void *)((const char *)&__ehdr_start + __ehdr_start.e_phoff);
	size_t need = 4 * sizeof(void *) + comp_pthread_size + 64;

	for (unsigned i = 0; i < __ehdr_start.e_phnum; i++)
		if (ph[i].p_type == PT_TLS)
			need += ph[i].p_memsz + 3 * ph[i].p_align;
	return need;
}

static void secondary(unsigned long index, unsigned long ipcbuf)
{
	unsigned char tls[COMP_TLS_MAX] __attribute__((aligned(64)));

	while (!__atomic_load_n(&comp_ready, __ATOMIC_ACQUIRE))
		tsr_yield();
	if (tls_need() > sizeof(tls)) {
		/* No TLS yet: not even printf is safe. Stop here. */
		for (;;)
			tsr_yield();
	}
	unsigned char *td = __copy_tls(tls);
	memcpy(td, (const void *)(comp_tp0 - comp_pthread_size), comp_pthread_size);
	td = __copy_tls(tls); /* the same place: sets our dtv, copies the image */
	*(void **)td = td;    /* td->self, the descriptor's first word */
	__asm__ volatile("msr tpidr_el0, %0" ::"r"(td + comp_pthread_size) : "memory");
	tsr_set_ipcbuf((struct ipc_buffer *)ipcbuf);
	tsr_thread_main(index);
}

void tsr_comp_start(unsigned long index, unsigned long ipcbuf, unsigned long irqc)
{
	if (index == 0)
		tsr_irqc_version = (unsigned)irqc;
	if (index != 0) {
		secondary(index, ipcbuf);
		for (;;)
			tsr_yield();
	}
	for (size_t i = 0; i < sizeof(random_bytes); i++)
		random_bytes[i] = (unsigned char)(0xa5 + 29 * i); /* no entropy source yet */
	frame[3] = (uintptr_t)&__ehdr_start + __ehdr_start.e_phoff;
	frame[5] = __ehdr_start.e_phnum;
	frame[11] = (uintptr_t)progname;
	frame[13] = (uintptr_t)random_bytes;
	frame[15] = ipcbuf;
	__libc_start_main(comp_main, 0, (char **)frame, 0, 0, 0);
	for (;;)
		tsr_yield();
}
