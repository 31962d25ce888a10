// SPDX-License-Identifier: BSD-2-Clause
/*
 * libtessera under qemu-aarch64 user mode with the fake kernel: the real
 * inline-asm stubs (which register carries what), invocations through the
 * IPC buffer, and the shim backend serving musl (printf via debug putc,
 * malloc via the brk/mmap arena, errors, exit). A normal program: musl's
 * crt1 with the Linux stack qemu provides.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <tessera/invocation.h>
#include <tessera/invoke.h>
#include <tessera/linuxshim.h>
#include <tessera/runtime.h>

#include "../unit/check.h"
#include "fake_kernel.h"

static struct ipc_buffer buf;

static void stub_registers(void)
{
	struct tsr_msg m = {.info = MSGINFO(0x123, 0, 4), .mr = {10, 20, 30, 40}};
	fake_status = ERR_OK;
	CHECK(tsr_call(77, &m) == ERR_OK);
	CHECK(fake_last.x[7] == SYS_CALL && fake_last.x[0] == 77);
	CHECK(fake_last.x[1] == MSGINFO(0x123, 0, 4));
	CHECK(fake_last.x[2] == 10 && fake_last.x[3] == 20 && fake_last.x[4] == 30 &&
	      fake_last.x[5] == 40);
	CHECK(m.info == MSGINFO(0x123, 0, 4) && m.mr[0] == 11 && m.mr[3] == 41);
	CHECK(m.badge == FAKE_BADGE);
	CHECK(tsr_recv(5, &m, 9) == ERR_OK && fake_last.x[7] == SYS_RECV);
	CHECK(fake_last.x[0] == 5 && fake_last.x[6] == 9);
	CHECK(tsr_replyrecv(5, &m, 9) == ERR_OK && fake_last.x[7] == SYS_REPLYRECV);
	CHECK(tsr_signal(8) == ERR_OK && fake_last.x[7] == SYS_SIGNAL && fake_last.x[0] == 8);
	uint64_t word = 0;
	CHECK(tsr_poll(8, &word) == ERR_OK && fake_last.x[7] == SYS_POLL && word == FAKE_BADGE);
	CHECK(tsr_null() == ERR_OK && fake_last.x[7] == SYS_NULL);
	tsr_yield();
	CHECK(fake_last.x[7] == SYS_YIELD);
	fake_status = ERR_INVALID_CAPABILITY;
	m.badge = 1;
	CHECK(tsr_nbrecv(5, &m, 9) == ERR_INVALID_CAPABILITY && m.badge == 1);
	fake_status = ERR_OK;
}

/* Values survive the stub in callee- and caller-saved registers alike. */
static void registers_preserved(void)
{
	volatile double d = 1.25;
	long a = 0x1111, b = 0x2222;
	for (int i = 0; i < 10; i++) {
		tsr_yield();
		a += i;
		b ^= a;
		d *= 2;
	}
	CHECK(a == 0x1111 + 45 && d == 1280.0 && b != 0);
}

static void invocation_through_buffer(void)
{
	CHECK(tsr_ipcbuf() == NULL); /* qemu's auxv has no TSR_AT_IPC_BUFFER */
	tsr_set_ipcbuf(&buf);
	CHECK(tsr_untyped_retype(30, OBJ_FRAME_4K, 0, 2, 2, 64, 100, 3) == ERR_OK);
	CHECK(fake_last.x[7] == SYS_CALL && fake_last.x[0] == 30);
	CHECK(MSGINFO_LABEL(fake_last.x[1]) == INV_UNTYPED_RETYPE);
	CHECK(buf.caps[0] == 2 && buf.msg[4] == 100 && buf.msg[5] == 3);
}

static void shim_console_and_errors(void)
{
	unsigned long before = fake_putc_count, calls = linuxshim_calls;
	printf("shim: hello through debug putc\n");
	fflush(stdout);
	CHECK(fake_putc_count - before == 31);
	CHECK(linuxshim_calls > calls);
	CHECK(write(5, "x", 1) == -1 && errno == EBADF);
	CHECK(syscall(SYS_getrandom, 0, 0, 0) == -1 && errno == ENOSYS);
	CHECK(getpid() == 1);
}

static void shim_heap(void)
{
	char *small[64];
	for (int i = 0; i < 64; i++) {
		small[i] = malloc(40 + i);
		CHECK(small[i] != NULL);
		if (small[i])
			memset(small[i], i, 40 + i);
	}
	char *big = malloc(300 << 10);
	CHECK(big != NULL);
	if (big) {
		memset(big, 0x5a, 300 << 10);
		CHECK(big[(300 << 10) - 1] == 0x5a);
	}
	for (int i = 0; i < 64; i++) {
		CHECK(small[i] == NULL || small[i][39 + i] == (char)i);
		free(small[i]);
	}
	free(big);
	char *again = malloc(300 << 10); /* the freed mapping is reused */
	CHECK(again != NULL);
	free(again);
	void *huge = malloc(8 << 20); /* larger than the arena */
	CHECK(huge == NULL && errno == ENOMEM);
	free(huge);
}

int main(void)
{
	RUN("userland_runtime", stub_registers);
	RUN("userland_runtime", registers_preserved);
	RUN("userland_runtime", invocation_through_buffer);
	RUN("userland_runtime", shim_console_and_errors);
	RUN("userland_runtime", shim_heap);
	return DONE("userland_runtime");
}
