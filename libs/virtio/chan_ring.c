// SPDX-License-Identifier: BSD-2-Clause
/*
 * SPSC byte rings between two VMMs; contract in <tessera/chan_ring.h>.
 * Ordering: the producer writes data, then publishes head (release); the
 * consumer reads head (acquire), then data, then publishes tail (release);
 * the producer reads tail (acquire) before reusing the space it frees.
 */
#include <string.h>
#include <tessera/chan_ring.h>

void chan_ring_init(struct chan_ring *r, void *half, uint64_t half_size, bool producer)
{
	uint8_t *base = half;

	r->head = (volatile uint32_t *)base;
	r->tail = (volatile uint32_t *)(base + 64);
	r->data = base + CHAN_RING_HDR;
	r->cap = (uint32_t)(half_size - CHAN_RING_HDR);
	r->producer = producer;
	r->broken = false;
	r->peeked = 0;
	uint32_t v = __atomic_load_n(producer ? r->head : r->tail, __ATOMIC_ACQUIRE);
	r->own = v < r->cap ? v : 0;
}

/* The peer's index, checked; false (ring broken) if out of range. */
static bool peer_index(struct chan_ring *r, uint32_t *v)
{
	if (r->broken)
		return false;
	*v = __atomic_load_n(r->producer ? r->tail : r->head, __ATOMIC_ACQUIRE);
	if (*v >= r->cap) {
		r->broken = true;
		return false;
	}
	return true;
}

uint32_t chan_ring_put(struct chan_ring *r, const uint8_t *src, uint32_t len)
{
	uint32_t tail, done = 0;

	if (!r->producer || !peer_index(r, &tail))
		return 0;
	uint32_t used = r->own >= tail ? r->own - tail : r->cap - (tail - r->own);
	uint32_t room = r->cap - 1 - used;
	if (len > room)
		len = room;
	while (done < len) {
		uint32_t chunk = r->cap - r->own; /* up to the end, then wrap */
		if (chunk > len - done)
			chunk = len - done;
		memcpy(r->data + r->own, src + done, chunk);
		done += chunk;
		r->own = (r->own + chunk) % r->cap;
	}
	if (done != 0)
		__atomic_store_n(r->head, r->own, __ATOMIC_RELEASE);
	return done;
}

uint32_t chan_ring_peek(struct chan_ring *r, const uint8_t **p)
{
	uint32_t head;

	if (r->producer || !peer_index(r, &head))
		return 0;
	*p = r->data + r->own;
	r->peeked = head >= r->own ? head - r->own : r->cap - r->own;
	return r->peeked;
}

void chan_ring_consume(struct chan_ring *r, uint32_t n)
{
	if (r->producer || r->broken || n == 0 || n > r->peeked)
		return;
	r->peeked -= n;
	r->own = (r->own + n) % r->cap;
	__atomic_store_n(r->tail, r->own, __ATOMIC_RELEASE);
}
