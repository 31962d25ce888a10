// SPDX-License-Identifier: BSD-2-Clause
/* Console output for write(1|2): one replaceable sink (tessera/runtime.h). */
#include <string.h>
#include <tessera/runtime.h>
#include <tessera/sys.h>

static void putc_sink(const char *buf, size_t len)
{
	for (size_t i = 0; i < len; i++)
		(void)tsr_debug_putc(buf[i]);
}

static tsr_console_sink_fn *console_sink = putc_sink;

/* The console token (tsr_console_use_token): a notification whose word is
 * non-zero while nobody writes. */
static uint64_t console_token;
static unsigned token_wait_ms = TSR_CONSOLE_TOKEN_WAIT_MS;

static uint64_t counter_ms(void)
{
	uint64_t cnt, frq;

	__asm__ volatile("mrs %0, cntvct_el0" : "=r"(cnt));
	__asm__ volatile("mrs %0, cntfrq_el0" : "=r"(frq));
	return frq >= 1000 ? cnt / (frq / 1000) : cnt;
}

/* Takes the token within TSR_CONSOLE_TOKEN_WAIT_MS (Poll, else Yield). */
static int token_take(void)
{
	uint64_t start = counter_ms();

	for (;;) {
		uint64_t word = 0;
		if (tsr_poll(console_token, &word) == ERR_OK && word != 0)
			return 1;
		if (counter_ms() - start >= token_wait_ms)
			return 0;
		tsr_yield();
	}
}

void tsr_console_token_wait(unsigned ms)
{
	token_wait_ms = ms;
}

void tsr_console_use_token(uint64_t ntfn, int seed)
{
	console_token = ntfn;
	if (ntfn == 0 || !seed)
		return;
	uint64_t start = counter_ms();
	while (counter_ms() - start < TSR_CONSOLE_TOKEN_SEED_DELAY_MS)
		tsr_yield();
	(void)tsr_signal(ntfn);
}

void tsr_console_write(const char *buf, size_t len)
{
	if (console_token == 0) {
		console_sink(buf, len);
		return;
	}
	/* Timed out: the holder died or the token was never seeded; write
	 * anyway and put a token back (at worst there are then two). */
	(void)token_take();
	console_sink(buf, len);
	(void)tsr_signal(console_token);
}

void tsr_console_set_sink(tsr_console_sink_fn *sink)
{
	console_sink = sink != 0 ? sink : putc_sink;
}
