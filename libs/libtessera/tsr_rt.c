// SPDX-License-Identifier: BSD-2-Clause
/*
 * The runtime the IDL's generated glue calls (the generated tsr_rt.h,
 * docs/idl.md "The runtime API"), over the system call stubs of
 * <tessera/sys.h>. The glue keeps every message word in the IPC buffer's
 * msg[]; the kernel carries words 0-3 in registers, so these move them out
 * of msg[] before a send and back in after a receive. A failed system call
 * returns a message info whose label is the ERR_* status (never 0), which
 * the client stubs report through tsr_rt_rpc_error().
 *
 * Compiled per system against that system's generated tsr_rt.h, so the
 * prototypes here are the generator's.
 */
#include <stdio.h>
#include <tessera/sys.h>

#include "tsr_rt.h"

struct ipc_buffer *tsr_rt_ipc_buffer(void)
{
	return tsr_ipcbuf();
}

static void load_words(struct tsr_msg *m, unsigned long info)
{
	const struct ipc_buffer *b = tsr_ipcbuf();

	m->info = info;
	for (int i = 0; i < MSG_REG_COUNT; i++)
		m->mr[i] = b->msg[i];
}

/* After a receive: the whole message in msg[], the info (or the error). */
static unsigned long store_words(const struct tsr_msg *m, enum tessera_err err)
{
	struct ipc_buffer *b = tsr_ipcbuf();

	if (err != ERR_OK)
		return MSGINFO(err, 0, 0);
	for (int i = 0; i < MSG_REG_COUNT; i++)
		b->msg[i] = m->mr[i];
	return m->info;
}

unsigned long tsr_rt_call(unsigned long cptr, unsigned long info)
{
	struct tsr_msg m = {0};

	load_words(&m, info);
	return store_words(&m, tsr_call(cptr, &m));
}

unsigned long tsr_rt_recv(unsigned long cptr, unsigned long reply, unsigned long *badge)
{
	struct tsr_msg m = {0};
	enum tessera_err err = tsr_recv(cptr, &m, reply);

	*badge = err == ERR_OK ? m.badge : 0;
	return store_words(&m, err);
}

unsigned long tsr_rt_reply_recv(unsigned long cptr, unsigned long info, unsigned long reply,
				unsigned long *badge)
{
	struct tsr_msg m = {0};

	load_words(&m, info);
	enum tessera_err err = tsr_replyrecv(cptr, &m, reply);
	*badge = err == ERR_OK ? m.badge : 0;
	return store_words(&m, err);
}

void tsr_rt_signal(unsigned long cptr)
{
	(void)tsr_signal(cptr);
}

unsigned long tsr_rt_wait(unsigned long cptr)
{
	uint64_t word = 0;

	(void)tsr_wait(cptr, &word);
	return word;
}

unsigned long tsr_rt_poll(unsigned long cptr)
{
	uint64_t word = 0;

	(void)tsr_poll(cptr, &word);
	return word;
}

void tsr_rt_rpc_error(const char *what, unsigned long info)
{
	unsigned long label = MSGINFO_LABEL(info);
	const char *why = label == 1   ? "unknown method"
			  : label == 2 ? "message too short"
				       : "kernel error";

	fprintf(stderr, "tsr: rpc %s failed: label %lu (%s)\n", what, label, why);
}
