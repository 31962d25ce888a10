// SPDX-License-Identifier: BSD-2-Clause
/*
 * ping: the first program init starts from the boot archive. It Calls
 * init's endpoint (PROC_SLOT_SERVICE) with the INIT_RPC_* requests of
 * <tessera/proc.h>, checks every answer, prints TEST lines through the
 * runtime's console, and reports its totals to init before it exits.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tessera/proc.h>
#include <tessera/runtime.h>
#include <tessera/sys.h>

#define ROUNDS 10

static int passed, failed;

static void check(const char *name, int ok)
{
	printf("TEST ping.%s %s\n", name, ok ? "PASS" : "FAIL");
	if (ok)
		passed++;
	else
		failed++;
}

static int ping_rounds(void)
{
	for (uint64_t i = 0; i < ROUNDS; i++) {
		struct tsr_msg m = {.info = tsr_msginfo(INIT_RPC_PING, 0, 1), .mr = {i * 1000}};
		if (tsr_call(PROC_SLOT_SERVICE, &m) != ERR_OK || tsr_msginfo_label(m.info) != 0 ||
		    m.mr[0] != i * 1000 + 1)
			return 0;
	}
	return 1;
}

/* Words 4.. travel in the IPC buffer. */
static int long_message(void)
{
	const unsigned len = 12;
	struct tsr_msg m = {.info = tsr_msginfo(INIT_RPC_SUM, 0, len), .mr = {1, 2, 3, 4}};
	uint64_t want = 1 + 2 + 3 + 4;

	for (unsigned i = MSG_REG_COUNT; i < len; i++) {
		tsr_ipcbuf()->msg[i] = 100 * i;
		want += 100 * i;
	}
	return tsr_call(PROC_SLOT_SERVICE, &m) == ERR_OK && m.mr[0] == want;
}

static int heap(void)
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

int main(void)
{
	tsr_console_use_ipc(PROC_SLOT_SERVICE); /* printf reaches init's console by IPC */
	check("ipc_buffer", tsr_ipcbuf() == (struct ipc_buffer *)PROC_IPCBUF_VADDR);
	check("ping_rounds", ping_rounds());
	check("long_message", long_message());
	check("heap", heap());
	printf("SUMMARY ping %d %d\n", passed, failed);
	struct tsr_msg m = {.info = tsr_msginfo(INIT_RPC_DONE, 0, 2), .mr = {passed, failed}};
	(void)tsr_call(PROC_SLOT_SERVICE, &m);
	return failed != 0;
}
