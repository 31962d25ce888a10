// SPDX-License-Identifier: BSD-2-Clause
/* Console output for write(1|2): one replaceable sink (tessera/runtime.h). */
#include <string.h>
#include <tessera/proc.h>
#include <tessera/runtime.h>
#include <tessera/sys.h>

static void putc_sink(const char *buf, size_t len)
{
	for (size_t i = 0; i < len; i++)
		(void)tsr_debug_putc(buf[i]);
}

static tsr_console_sink_fn *console_sink = putc_sink;
static uint64_t console_ep;

/* Up to CHUNK bytes per call: MR0 = count, the bytes packed from MR1 on. */
#define CHUNK (8 * (MSG_MAX_LENGTH - 1))

static void ipc_sink(const char *buf, size_t len)
{
	struct ipc_buffer *b = tsr_ipcbuf();

	while (len > 0) {
		size_t n = len < CHUNK ? len : CHUNK;
		uint64_t words[MSG_MAX_LENGTH] = {n};
		memcpy(&words[1], buf, n);
		unsigned nw = 1 + (unsigned)((n + 7) / 8);
		struct tsr_msg m = {.info = tsr_msginfo(INIT_RPC_WRITE, 0, nw)};
		for (unsigned i = 0; i < nw; i++) {
			if (i < MSG_REG_COUNT)
				m.mr[i] = words[i];
			else
				b->msg[i] = words[i];
		}
		if (tsr_call(console_ep, &m) != ERR_OK) {
			putc_sink(buf, len); /* the console server is gone: keep the text */
			return;
		}
		buf += n;
		len -= n;
	}
}

void tsr_console_use_ipc(uint64_t ep)
{
	console_ep = ep;
	if (tsr_ipcbuf() != 0)
		console_sink = ipc_sink;
}

void tsr_console_write(const char *buf, size_t len)
{
	console_sink(buf, len);
}

void tsr_console_set_sink(tsr_console_sink_fn *sink)
{
	console_sink = sink != 0 ? sink : putc_sink;
}
