// SPDX-License-Identifier: BSD-2-Clause
/* Kernel log ring reader; see log.h. */
#include <stdint.h>
#include <stdio.h>

#include "log.h"

#define RING_SIZE sizeof(((struct log_ring *)0)->data)

size_t log_ring_drain(struct log_ring *ring, log_sink_fn *sink)
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
		sink(msg, (size_t)n);
		tail = head - RING_SIZE;
	}
	while (tail != head) {
		size_t at = (size_t)(tail % RING_SIZE);
		size_t n = RING_SIZE - at;
		if (n > head - tail)
			n = (size_t)(head - tail);
		sink(ring->data + at, n);
		tail += n;
		done += n;
	}
	/* Our reads of data complete before the kernel may reuse the space. */
	__atomic_thread_fence(__ATOMIC_RELEASE);
	ring->tail = tail;
	return done;
}
