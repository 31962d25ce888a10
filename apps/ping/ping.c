// SPDX-License-Identifier: BSD-2-Clause
/*
 * ping, the client of configs/test-userland.tsr: it calls pong's
 * PingService through the generated stubs (small requests, a 12-word one
 * whose words 4.. travel in the IPC buffer), sends all its console output
 * to pong by RPC, checks its IPC buffer and heap, prints one TEST line per
 * check and a SUMMARY (suite "ping", tests/qemu/scenarios/userland.manifest)
 * and reports its totals to pong, which judges them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tessera/runtime.h>
#include <tessera/sys.h>

#include "glue.h"
#include "ping_service.h"

/* Thread 0's IPC buffer: the top of its 1 MiB thread slot at 0x08000000,
 * less two pages (idl/lower.py, docs/idl.md "Address spaces"). */
#define PING_IPCBUF_VADDR 0x080fe000UL

static int passed, failed;

static void check(const char *name, int ok)
{
	printf("TEST ping.%s %s\n", name, ok ? "PASS" : "FAIL");
	if (ok)
		passed++;
	else
		failed++;
}

/* The console sink: every write(1|2) becomes PingService.write calls of at
 * most PING_WRITE_MAX bytes; text the server did not take goes out through
 * the kernel's debug console, so nothing is lost. */
static void ping_console_sink(const char *buf, size_t len)
{
	char chunk[PING_WRITE_MAX + 1];

	while (len > 0) {
		size_t n = len < PING_WRITE_MAX ? len : PING_WRITE_MAX;
		memcpy(chunk, buf, n);
		chunk[n] = '\0';
		if (pong_write(chunk) != (int32_t)n) {
			for (size_t i = 0; i < len; i++)
				(void)tsr_debug_putc(buf[i]);
			return;
		}
		buf += n;
		len -= n;
	}
}

static int ping_ipc_buffer(void)
{
	return tsr_ipcbuf() == (struct ipc_buffer *)PING_IPCBUF_VADDR &&
	       tsr_rt_ipc_buffer() == tsr_ipcbuf();
}

static int ping_rounds(void)
{
	for (uint64_t i = 0; i < PING_ROUNDS; i++)
		if (pong_ping(i * 1000) != i * 1000 + 1)
			return 0;
	return 1;
}

/* A 12-word request: the stub puts words 0-3 in registers, 4.. stay in
 * the IPC buffer (tsr_rt.c). */
static int ping_long_message(void)
{
	uint64_t words[PING_SUM_WORDS], want = 0;

	for (unsigned i = 0; i < PING_SUM_WORDS; i++) {
		words[i] = i < 4 ? i + 1 : 100 * i;
		want += words[i];
	}
	return pong_sum(words) == want;
}

static int ping_heap(void)
{
	char *small = malloc(100), *big = malloc(256 << 10);
	int ok = small != NULL && big != NULL;

	if (ok) {
		memset(big, 0xa5, 256 << 10);
		strcpy(small, "tessera");
		ok = big[(256 << 10) - 1] == (char)0xa5 && strcmp(small, "tessera") == 0;
	}
	free(small);
	free(big);
	return ok;
}

int run(void)
{
	tsr_console_set_sink(ping_console_sink); /* printf reaches pong by RPC */
	/* Not a TEST line: init's shell prompt ("tessera> ", no newline) may
	 * precede it on the same line. */
	printf("ping: %d rounds, console through pong\n", PING_ROUNDS);
	check("ipc_buffer", ping_ipc_buffer());
	check("ping_rounds", ping_rounds());
	check("long_message", ping_long_message());
	check("heap", ping_heap());
	printf("SUMMARY ping %d %d\n", passed, failed);
	fflush(stdout);
	pong_done((uint32_t)passed, (uint32_t)failed);
	return failed != 0;
}
