// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host tests of libs/virtio/chan_ring.c: a producer and a consumer over one
 * shared half (as two VMMs see a vm_channel ring), bytes through the wrap,
 * full and empty rings, a restarted side, and a peer that writes indices
 * out of range (the ring breaks; nothing is read or written out of bounds:
 * the sanitizers watch).
 */
#include <stdlib.h>
#include <string.h>
#include <tessera/chan_ring.h>

#include "check.h"

#define HALF 512U
#define CAP  (HALF - CHAN_RING_HDR)

static uint8_t *half;
static struct chan_ring prod, cons;

static void setup(void)
{
	free(half);
	half = calloc(1, HALF); /* exactly the half: overruns trip ASan */
	chan_ring_init(&prod, half, HALF, true);
	chan_ring_init(&cons, half, HALF, false);
}

/* Reads everything readable (peek/consume, twice across the wrap). */
static uint32_t drain(uint8_t *dst, uint32_t max)
{
	uint32_t got = 0;
	const uint8_t *p;

	for (unsigned k = 0; k < 2; k++) {
		uint32_t n = chan_ring_peek(&cons, &p);
		if (n > max - got)
			n = max - got;
		memcpy(dst + got, p, n);
		chan_ring_consume(&cons, n);
		got += n;
	}
	return got;
}

static void basic(void)
{
	uint8_t in[1000], out[1000];
	const uint8_t *p;

	setup();
	for (unsigned k = 0; k < sizeof(in); k++)
		in[k] = (uint8_t)(k * 13 + 1);
	CHECK(cons.cap == CAP && chan_ring_peek(&cons, &p) == 0);
	CHECK(chan_ring_put(&prod, in, 1000) == CAP - 1); /* full at cap - 1 */
	CHECK(chan_ring_put(&prod, in, 10) == 0);
	CHECK(drain(out, 100) == 100 && memcmp(out, in, 100) == 0);
	/* 100 bytes of room, across the end of the data area. */
	CHECK(chan_ring_put(&prod, in + CAP - 1, 200) == 100);
	CHECK(drain(out, 1000) == CAP - 1);
	CHECK(memcmp(out, in + 100, CAP - 1) == 0);
	CHECK(chan_ring_peek(&cons, &p) == 0);
	/* Roles are fixed: a consumer cannot put, a producer cannot read. */
	CHECK(chan_ring_put(&cons, in, 1) == 0 && chan_ring_peek(&prod, &p) == 0);
}

/* Many rounds of odd sizes: what goes in comes out in order. */
static void stream(void)
{
	uint8_t in[4096], out[4096] = {0};
	uint32_t sent = 0, got = 0;

	setup();
	for (unsigned k = 0; k < sizeof(in); k++)
		in[k] = (uint8_t)(k ^ (k >> 8));
	for (unsigned round = 0; got < sizeof(in) && round < 1000; round++) {
		uint32_t want = (round * 37) % 300 + 1;
		if (want > sizeof(in) - sent)
			want = sizeof(in) - sent;
		sent += chan_ring_put(&prod, in + sent, want);
		got += drain(out + got, (round * 53) % 200 + 1 < sizeof(out) - got
					    ? (round * 53) % 200 + 1
					    : sizeof(out) - got);
	}
	CHECK(sent == sizeof(in) && got == sizeof(in) && memcmp(in, out, sizeof(in)) == 0);
}

/* A side set up again (a restarted VMM) goes on from the shared index. */
static void restart(void)
{
	uint8_t in[50] = "restart", out[50];

	setup();
	CHECK(chan_ring_put(&prod, in, 50) == 50 && drain(out, 20) == 20);
	chan_ring_init(&prod, half, HALF, true);
	chan_ring_init(&cons, half, HALF, false);
	CHECK(prod.own == 50 && cons.own == 20 && drain(out, 50) == 30);
}

static void hostile_peer(void)
{
	uint8_t in[10] = {0}, out[10];
	const uint8_t *p;

	setup();
	*cons.head = CAP; /* producer's index out of range */
	CHECK(chan_ring_peek(&cons, &p) == 0 && cons.broken);
	CHECK(drain(out, 10) == 0);
	setup();
	*prod.tail = 0xffffffffU; /* consumer's index out of range */
	CHECK(chan_ring_put(&prod, in, 10) == 0 && prod.broken);
	setup();
	*prod.head = 0x7fffffffU; /* a garbage index at start is not taken */
	chan_ring_init(&prod, half, HALF, true);
	CHECK(prod.own == 0);
	/* A producer that claims data it did not write: the consumer reads
	 * stale bytes, inside the ring, and nothing breaks on its side. */
	*cons.head = CAP - 1;
	CHECK(chan_ring_peek(&cons, &p) == CAP - 1 && p == half + CHAN_RING_HDR);
	chan_ring_consume(&cons, CAP); /* more than was readable: ignored */
	CHECK(cons.own == 0);
	chan_ring_consume(&cons, 5);
	CHECK(cons.own == 5 && *cons.tail == 5);
}

int main(void)
{
	RUN("unit_chan_ring", basic);
	RUN("unit_chan_ring", stream);
	RUN("unit_chan_ring", restart);
	RUN("unit_chan_ring", hostile_peer);
	free(half);
	return DONE("unit_chan_ring");
}
