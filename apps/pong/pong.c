// SPDX-License-Identifier: BSD-2-Clause
/*
 * pong, the server of configs/test-userland.tsr: serves PingService on its
 * one thread through the generated dispatch, prints what ping writes, and
 * when ping reports its totals prints the verdicts on the serving side
 * (suite "pong", tests/qemu/scenarios/userland.manifest): every request
 * came from ping's badge with the arguments ping sends, ping passed all
 * its checks, and its output arrived by RPC.
 */
#include <stdio.h>
#include <string.h>
#include <tessera/runtime.h>

#include "../ping/ping_service.h"
#include "glue.h"

static unsigned pings, sums, writes, bad_requests;
static unsigned long console_bytes;

static void pong_note(int ok)
{
	if (!ok || clients_badge() != PING_CLIENT_BADGE)
		bad_requests++;
}

/* ping sends 0, 1000, 2000, ... in order. */
uint64_t clients_ping(uint64_t value)
{
	pong_note(value == 1000ULL * pings);
	pings++;
	return value + 1;
}

uint64_t clients_sum(const uint64_t words[12])
{
	uint64_t sum = 0;

	for (unsigned i = 0; i < PING_SUM_WORDS; i++)
		sum += words[i];
	pong_note(words[0] == 1 && words[11] == 1100);
	sums++;
	return sum;
}

int32_t clients_write(const char *text)
{
	size_t n = strlen(text);

	pong_note(n > 0);
	tsr_console_write(text, n);
	writes++;
	console_bytes += n;
	return (int32_t)n;
}

static int pong_passed, pong_failed;

static void check(const char *name, int ok)
{
	printf("TEST pong.%s %s\n", name, ok ? "PASS" : "FAIL");
	if (ok)
		pong_passed++;
	else
		pong_failed++;
}

void clients_done(uint32_t passed, uint32_t failed)
{
	pong_note(1);
	check("serve", bad_requests == 0 && pings == PING_ROUNDS && sums == 1 && writes > 0);
	check("ping_client", passed > 0 && failed == 0);
	check("console_ipc", console_bytes > 0);
	printf("pong: %u pings, %u sums, %u writes (%lu bytes)\n", pings, sums, writes,
	       console_bytes);
	printf("SUMMARY pong %d %d\n", pong_passed, pong_failed);
	fflush(stdout);
}
