// SPDX-License-Identifier: BSD-2-Clause
/* The kernel log ring; see kernel/log.h. */
#include <kernel/arch.h>
#include <kernel/log.h>
#include <kernel/thread.h>
#include <tessera/bootinfo.h>

#ifndef CONFIG_LOG_ECHO
#define CONFIG_LOG_ECHO 1
#endif

static struct log_ring *ring;
static struct notification *ring_ntfn;
static bool panicking;

void log_attach(struct log_ring *r, struct notification *n)
{
	ring = r;
	ring_ntfn = n;
}

void log_panic_mode(void)
{
	panicking = true;
}

static void uart_write(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			arch_console_putc('\r');
		arch_console_putc(s[i]);
	}
}

/* Appends to the ring; the reader owns `tail` and may write anything there. */
static void ring_write(const char *s, size_t n)
{
	uint64_t head = ring->head, tail = ring->tail;
	uint64_t cap = sizeof(ring->data);
	uint64_t used = head - tail;

	if (used > cap)
		used = cap; /* a confused reader cannot make the kernel write out of bounds */
	for (size_t i = 0; i < n; i++) {
		if (used >= cap) {
			ring->dropped += n - i;
			break;
		}
		ring->data[head % cap] = s[i];
		head++;
		used++;
	}
	__atomic_store_n(&ring->head, head, __ATOMIC_RELEASE);
	notification_signal(ring_ntfn, 1);
}

void log_write(const char *s, size_t n)
{
	if (ring == NULL || panicking || CONFIG_LOG_ECHO)
		uart_write(s, n);
	if (ring != NULL && !panicking)
		ring_write(s, n);
}
