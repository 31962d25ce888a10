// SPDX-License-Identifier: BSD-2-Clause
/* Host tests of libs/libtessera/log_ring.c: draining the kernel log ring,
 * as init (everything) and as the console server (whole lines only). */
#include <string.h>
#include <tessera/bootinfo.h>
#include <tessera/log_ring.h>

#include "check.h"

#define SIZE sizeof(((struct log_ring *)0)->data)

static char out[3 * 4096];
static size_t out_len;
static unsigned pieces;
static struct log_ring ring;

static void sink(void *ctx, const char *buf, size_t len)
{
	CHECK(ctx == &ring);
	CHECK(out_len + len <= sizeof(out));
	memcpy(out + out_len, buf, len);
	out_len += len;
	pieces++;
}

static void reset(uint64_t at)
{
	memset(&ring, 0, sizeof(ring));
	ring.head = ring.tail = at;
	out_len = 0;
	pieces = 0;
}

/* What the kernel does: append bytes, advance head. */
static void kernel_write(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		ring.data[(ring.head + i) % SIZE] = s[i];
	ring.head += n;
}

static size_t drain(enum log_ring_mode mode)
{
	return log_ring_drain(&ring, mode, sink, &ring);
}

static void drains_in_order(void)
{
	reset(0);
	CHECK(drain(LOG_RING_ALL) == 0);
	kernel_write("hello ", 6);
	kernel_write("world\n", 6);
	CHECK(drain(LOG_RING_ALL) == 12);
	CHECK(out_len == 12 && memcmp(out, "hello world\n", 12) == 0);
	CHECK(ring.tail == 12);
	CHECK(drain(LOG_RING_ALL) == 0);
}

static void wraps_around(void)
{
	char big[SIZE];
	reset(SIZE - 5); /* just before the end */
	kernel_write("0123456789", 10);
	CHECK(drain(LOG_RING_ALL) == 10);
	CHECK(out_len == 10 && memcmp(out, "0123456789", 10) == 0);
	memset(big, 'x', sizeof(big));
	out_len = 0;
	kernel_write(big, sizeof(big)); /* exactly full */
	CHECK(drain(LOG_RING_ALL) == SIZE && out_len == SIZE);
}

static void reports_lost_bytes(void)
{
	reset(0);
	for (int i = 0; i < 5; i++)
		kernel_write("abcdefghijklmnopqrstuvwxyz0123456789", 36); /* 180 bytes */
	ring.head += SIZE;						  /* the kernel lapped us */
	size_t n = drain(LOG_RING_ALL);
	CHECK(n == SIZE);
	CHECK(memcmp(out, "[klog: 180 bytes lost]\n", 23) == 0);
	CHECK(ring.tail == ring.head);
}

/* The console's mode: a line that wraps comes out whole (in two pieces,
 * nothing between them), a partial line stays until its newline. */
static void lines_across_the_wrap(void)
{
	reset(SIZE - 8);
	kernel_write("fault: thread 1\nfault: th", 25); /* the first line wraps */
	CHECK(drain(LOG_RING_LINES) == 16);
	CHECK(out_len == 16 && memcmp(out, "fault: thread 1\n", 16) == 0);
	CHECK(pieces == 2); /* 8 bytes before the end, 8 after */
	CHECK(ring.tail == SIZE + 8);
	CHECK(drain(LOG_RING_LINES) == 0 && ring.tail == SIZE + 8);
	kernel_write("read 2\n", 7);
	CHECK(drain(LOG_RING_LINES) == 16);
	CHECK(out_len == 32 && memcmp(out + 16, "fault: thread 2\n", 16) == 0);
	CHECK(ring.tail == ring.head);
	/* init taking the ring back takes a partial line too */
	kernel_write("half", 4);
	CHECK(drain(LOG_RING_LINES) == 0);
	CHECK(drain(LOG_RING_ALL) == 4 && memcmp(out + 32, "half", 4) == 0);
}

/* tail moves line by line: a reader killed while printing a line leaves
 * that line and the rest for the next reader, and nothing before it. */
static uint64_t tails[8];

static void tail_sink(void *ctx, const char *buf, size_t len)
{
	if (pieces < 8)
		tails[pieces] = ring.tail;
	sink(ctx, buf, len);
}

static void tail_per_line(void)
{
	reset(0);
	kernel_write("a\nbb\nccc\n", 9);
	CHECK(log_ring_drain(&ring, LOG_RING_LINES, tail_sink, &ring) == 9);
	CHECK(out_len == 9 && memcmp(out, "a\nbb\nccc\n", 9) == 0);
	CHECK(pieces == 3 && tails[0] == 0 && tails[1] == 2 && tails[2] == 5);
	CHECK(ring.tail == 9);
}

/* A full ring without a newline cannot wait for one: it is taken whole. */
static void full_ring_without_newline(void)
{
	char big[SIZE];
	reset(100);
	memset(big, 'y', sizeof(big));
	kernel_write(big, sizeof(big));
	CHECK(drain(LOG_RING_LINES) == SIZE && out_len == SIZE);
	CHECK(ring.tail == ring.head);
}

int main(void)
{
	RUN("unit_log_ring", drains_in_order);
	RUN("unit_log_ring", wraps_around);
	RUN("unit_log_ring", reports_lost_bytes);
	RUN("unit_log_ring", lines_across_the_wrap);
	RUN("unit_log_ring", tail_per_line);
	RUN("unit_log_ring", full_ring_without_newline);
	return DONE("unit_log_ring");
}
