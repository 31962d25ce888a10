/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A single-producer/single-consumer byte ring in memory shared by two
 * VMMs (a `vm_channel`, docs/vmm.md "Channels"). A channel's region of
 * size S holds two rings, one per direction, each S/2 bytes: the word
 * `head` at +0 (written by the producer only), the word `tail` at +64
 * (written by the consumer only), data from +128 (cap = S/2 - 128 bytes).
 * head and tail are offsets in [0, cap); the ring is empty when they are
 * equal and holds at most cap - 1 bytes.
 *
 * Each side keeps its own index privately and only publishes it; the
 * other side's index is read from shared memory and is untrusted: a value
 * out of range marks the ring broken (nothing more moves through it), so a
 * broken peer breaks the channel, never the reader.
 */
#ifndef TESSERA_CHAN_RING_H
#define TESSERA_CHAN_RING_H

#include <stdbool.h>
#include <stdint.h>

#define CHAN_RING_HDR 128U
#define CHAN_RING_MIN (2 * CHAN_RING_HDR + 2) /* smallest half with room for a byte */

struct chan_ring {
	volatile uint32_t *head, *tail; /* in the shared region */
	uint8_t *data;
	uint32_t cap;
	uint32_t own;	 /* our index: head if we produce, tail if we consume */
	uint32_t peeked; /* consumer: bytes the last peek offered, not yet consumed */
	bool producer;
	bool broken;
};

/* Sets r up over half[0, half_size) (half_size >= CHAN_RING_MIN, at most
 * 2^31), as its producer or its consumer. Our index starts from the shared
 * value (a restarted VMM goes on where it stopped) or 0 if that is out of
 * range. */
void chan_ring_init(struct chan_ring *r, void *half, uint64_t half_size, bool producer);
/* Producer: copies up to len bytes in; returns how many (0: full or broken). */
uint32_t chan_ring_put(struct chan_ring *r, const uint8_t *src, uint32_t len);
/* Consumer: the contiguous readable bytes at *p (0: empty or broken). */
uint32_t chan_ring_peek(struct chan_ring *r, const uint8_t **p);
/* Consumer: n bytes of the last peek are consumed (n <= what it returned). */
void chan_ring_consume(struct chan_ring *r, uint32_t n);

#endif
