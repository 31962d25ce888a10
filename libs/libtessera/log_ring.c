// SPDX-License-Identifier: BSD-2-Clause
/* Kernel log ring reader; see <tessera/log_ring.h>. */
#include <stdint.h>
#include <stdio.h>
#include <tessera/log_ring.h>

#define RING_SIZE sizeof(((struct log_ring *)0)->data)

/* Bytes [from, to) of the ring to sink, in two pieces where it wraps. */
static void emit(const struct log_ring *ring, uint64_t from, uint64_t to, log_ring_sink_fn *sink,
		 void *ctx)
{
	while (from != to) {
		size_t at = (size_t)(from % RING_SIZE);
		size_t n = RING_SIZE - at;
		if (n > to - from)
			n = (size_t)(to - from);
		sink(ctx, (const char *)ring->data + at, n);
		from += n;
	}
}

/* One past the first '\n' in [from, to), or from when there is none. */
static uint64_t line_end(const struct log_ring *ring, uint64_t from, uint64_t to)
{
	for (uint64_t i = from; i != to; i++)
		if (ring->data[i % RING_SIZE] == '\n')
			return i + 1;
	return from;
}

static void publish(struct log_ring *ring, uint64_t tail)
{
	/* Our reads of data complete before the kernel may reuse the space. */
	__atomic_thread_fence(__ATOMIC_RELEASE);
	ring->tail = tail;
}

size_t log_ring_drain(struct log_ring *ring, enum log_ring_mode mode, log_ring_sink_fn *sink,
		      void *ctx)
{
	uint64_t head = ring->head;
	uint64_t tail = ring->tail;
	size_t done = 0;

	/* Read the data only after head (pairs with the kernel's release). */
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	if (head - tail > RING_SIZE) {
		char msg[64];
		int n = snprintf(msg, sizeof(msg), "[klog: %llu bytes lost]\n",
				 (unsigned long long)(head - tail - RING_SIZE));
		sink(ctx, msg, (size_t)n);
		tail = head - RING_SIZE;
		publish(ring, tail);
	}
	while (tail != head) {
		uint64_t end = head;
		if (mode == LOG_RING_LINES) {
			end = line_end(ring, tail, head);
			if (end == tail && head - tail < RING_SIZE)
				break; /* a partial line waits for its end */
			if (end == tail)
				end = head; /* a full ring without a newline */
		}
		emit(ring, tail, end, sink, ctx);
		done += (size_t)(end - tail);
		tail = end;
		publish(ring, tail);
	}
	return done;
}
