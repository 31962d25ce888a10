// SPDX-License-Identifier: BSD-2-Clause
/*
 * The server of configs/hello.tsr: serves procedure Hello on its one
 * thread, consumes event 'ready' and shares 'page' with the client. It
 * reports what it saw through its replies and the page; the client prints
 * the verdicts.
 */
#include <stdio.h>
#include <string.h>

#include "../hello_client/hello_page.h"
#include "glue.h"

static uint64_t calls;
static uint32_t histogram[4];

int32_t hello_say(const char *text, char *answer)
{
	struct hello_page *p = page;

	calls++;
	histogram[0]++;
	p->server_badge = (uint32_t)hello_badge();
	snprintf(answer, 65, "hello, %s", text);
	if (verbose)
		printf("server: say(\"%s\") from badge %lu\n", text, hello_badge());
	return (int32_t)strlen(answer);
}

void hello_stats(uint64_t *out_calls, uint32_t out_histogram[4])
{
	*out_calls = calls;
	memcpy(out_histogram, histogram, sizeof(histogram));
}

bool hello_send(const struct greeting *g, uint32_t *sequence)
{
	struct hello_page *p = page;

	calls++;
	histogram[2]++;
	/* The client emitted 'ready' before calling: this does not block. */
	p->server_event_bits = (uint32_t)ready_wait();
	p->server_saw_greeting =
	    strcmp(p->greeting, HELLO_GREETING) == 0 && p->greeting_id == g->id;
	strcpy(p->server_note, HELLO_NOTE);
	if (verbose)
		printf("server: send(id %u, flags %#x, urgent %d, sequence %u), event bits %#x\n",
		       g->id, g->flags, g->urgent, *sequence, p->server_event_bits);
	*sequence += 1;
	return p->server_saw_greeting && p->server_event_bits == 1;
}
