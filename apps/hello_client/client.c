// SPDX-License-Identifier: BSD-2-Clause
/*
 * The client of configs/hello.tsr: calls the server's Hello procedure
 * (in, out and inout parameters, strings, arrays, a struct), writes the
 * shared page and signals 'ready', and prints one TEST line per check and
 * a SUMMARY (suite "hello", judged by tests/qemu/scenarios/hello.manifest).
 */
#include <stdio.h>
#include <string.h>

#include "glue.h"
#include "hello_page.h"

static int passed, failed;

static void check(const char *name, int ok)
{
	printf("TEST hello.%s %s\n", name, ok ? "PASS" : "FAIL");
	if (ok)
		passed++;
	else
		failed++;
}

static void say_rounds(void)
{
	char answer[65], text[24];
	int ok = 1;

	for (uint32_t i = 0; i < rounds; i++) {
		snprintf(text, sizeof(text), "round %u", i);
		int32_t n = hello_say(text, answer);
		char want[32];
		snprintf(want, sizeof(want), "hello, %s", text);
		ok &= n == (int32_t)strlen(want) && strcmp(answer, want) == 0;
	}
	check("rpc_rounds", ok);
}

int run(void)
{
	struct hello_page *p = page;
	char answer[65] = {0};

	printf("%s: %u rounds\n", name, rounds);
	check("attributes", strcmp(name, "client") == 0 && rounds == 5);
	int32_t n = hello_say("tessera", answer);
	check("rpc_in_out", n == 14 && strcmp(answer, "hello, tessera") == 0);
	check("rpc_badge", p->server_badge == 1);

	struct greeting g = {.id = 7, .flags = 0x5a, .urgent = true};
	uint32_t sequence = 41;
	strcpy(p->greeting, HELLO_GREETING);
	p->greeting_id = g.id;
	ready_emit();
	bool ok = hello_send(&g, &sequence);
	check("rpc_inout", ok && sequence == 42);
	check("event", p->server_event_bits == 1);
	check("dataport_to_server", p->server_saw_greeting == 1);
	check("dataport_to_client", strcmp(p->server_note, HELLO_NOTE) == 0);

	uint64_t calls = 0;
	uint32_t histogram[4] = {9, 9, 9, 9};
	hello_stats(&calls, histogram);
	check("rpc_out_array", calls == 2 && histogram[0] == 1 && histogram[1] == 0 &&
				   histogram[2] == 1 && histogram[3] == 0);
	say_rounds();
	printf("SUMMARY hello %d %d\n", passed, failed);
	return failed != 0;
}
