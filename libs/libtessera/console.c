// SPDX-License-Identifier: BSD-2-Clause
/* Console output for write(1|2): one replaceable sink (tessera/runtime.h). */
#include <tessera/runtime.h>
#include <tessera/sys.h>

static void putc_sink(const char *buf, size_t len)
{
	for (size_t i = 0; i < len; i++)
		(void)tsr_debug_putc(buf[i]);
}

static tsr_console_sink_fn *console_sink = putc_sink;

void tsr_console_write(const char *buf, size_t len)
{
	console_sink(buf, len);
}

void tsr_console_set_sink(tsr_console_sink_fn *sink)
{
	console_sink = sink != 0 ? sink : putc_sink;
}
