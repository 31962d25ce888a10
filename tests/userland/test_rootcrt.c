// SPDX-License-Identifier: BSD-2-Clause
/*
 * The root task start-up (root.ld, root_start.S/.c) under qemu-aarch64
 * user mode with the fake kernel: musl's static init must find the TLS
 * template through the synthetic PT_TLS header, run constructors, give the
 * runtime INIT_IPCBUF_VADDR from the auxv, and serve printf and malloc.
 * qemu enters _start like the kernel would, except x0 is not a bootinfo.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tessera/runtime.h>
#include <tessera/sys.h>

#include "../unit/check.h"

TSR_HEAP_SIZE(2UL << 20);

static __thread int tls_data = 42;
static __thread long tls_zero[4];
static int constructed;

__attribute__((constructor)) static void construct(void)
{
	constructed = 1;
}

static void tls_and_constructors(void)
{
	CHECK(tls_data == 42 && tls_zero[0] == 0 && tls_zero[3] == 0);
	tls_data++;
	tls_zero[3] = 7;
	CHECK(tls_data == 43 && tls_zero[3] == 7);
	CHECK(constructed == 1);
}

static void runtime_state(void)
{
	CHECK(tsr_ipcbuf() == (struct ipc_buffer *)INIT_IPCBUF_VADDR);
	CHECK(tsr_heap_arena_size == (2UL << 20));
}

static void libc_works(void)
{
	char s[32];
	snprintf(s, sizeof(s), "%d-%s-%.1f", 7, "root", 2.5);
	CHECK(strcmp(s, "7-root-2.5") == 0);
	char *p = malloc(1 << 20);
	CHECK(p != NULL);
	if (p)
		memset(p, 1, 1 << 20);
	free(p);
}

int main(void)
{
	RUN("userland_rootcrt", tls_and_constructors);
	RUN("userland_rootcrt", runtime_state);
	RUN("userland_rootcrt", libc_works);
	return DONE("userland_rootcrt");
}
