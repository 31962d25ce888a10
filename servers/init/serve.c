// SPDX-License-Identifier: BSD-2-Clause
/* init's request loop; see serve.h. */
#include <stdio.h>
#include <tessera/fault.h>
#include <tessera/proc.h>
#include <tessera/runtime.h>

#include "serve.h"

static void report_fault(struct serve_state *s, const struct tsr_msg *m)
{
	s->faults++;
	printf("init: process %llu faulted: type %llu pc %#llx word1 %#llx (left stopped)\n",
	       (unsigned long long)BADGE_ID(m->badge),
	       (unsigned long long)tsr_msginfo_label(m->info), (unsigned long long)m->mr[0],
	       (unsigned long long)m->mr[1]);
}

/* INIT_RPC_WRITE: MR0 bytes, packed from MR1 on (never beyond the message). */
static size_t console_write_words(const struct tsr_msg *m)
{
	unsigned len = tsr_msginfo_length(m->info);
	uint64_t words[MSG_MAX_LENGTH];

	if (len < 1)
		return 0;
	for (unsigned i = 0; i < len; i++)
		words[i] = i < MSG_REG_COUNT ? m->mr[i] : tsr_ipcbuf()->msg[i];
	uint64_t n = words[0];
	if (n > 8ULL * (len - 1))
		n = 8ULL * (len - 1);
	tsr_console_write((const char *)&words[1], (size_t)n);
	return (size_t)n;
}

static uint64_t sum_words(const struct tsr_msg *m)
{
	unsigned len = tsr_msginfo_length(m->info);
	uint64_t sum = 0;

	for (unsigned i = 0; i < len; i++)
		sum += i < MSG_REG_COUNT ? m->mr[i] : tsr_ipcbuf()->msg[i];
	return sum;
}

int serve_handle(struct serve_state *s, struct tsr_msg *m)
{
	uint64_t result = 0;

	if (m->badge & BADGE_FAULT) {
		report_fault(s, m);
		return 0;
	}
	if (!(m->badge & BADGE_CLIENT))
		return 0; /* a notification wake-up */
	switch (tsr_msginfo_label(m->info)) {
	case INIT_RPC_PING:
		result = m->mr[0] + 1;
		break;
	case INIT_RPC_SUM:
		result = sum_words(m);
		break;
	case INIT_RPC_WRITE:
		s->console_bytes += console_write_words(m);
		break;
	case INIT_RPC_DONE:
		s->clients_done++;
		s->client_passed += (unsigned)m->mr[0];
		s->client_failed += (unsigned)m->mr[1];
		break;
	default:
		*m = (struct tsr_msg){.info = tsr_msginfo(ERR_ILLEGAL_OPERATION, 0, 0)};
		return 1;
	}
	*m = (struct tsr_msg){.info = tsr_msginfo(0, 0, 1), .mr = {result}};
	return 1;
}

enum tessera_err serve(struct serve_state *s)
{
	struct tsr_msg m;
	enum tessera_err err = tsr_recv(s->endpoint, &m, s->reply);

	for (;;) {
		if (err != ERR_OK)
			return err;
		int reply = serve_handle(s, &m);
		if (s->idle != 0)
			s->idle();
		if (s->stop_after != 0 && s->clients_done >= s->stop_after) {
			if (reply)
				(void)tsr_reply(s->reply, &m);
			return ERR_OK;
		}
		if (reply)
			err = tsr_replyrecv(s->endpoint, &m, s->reply);
		else
			err = tsr_recv(s->endpoint, &m, s->reply);
	}
}
