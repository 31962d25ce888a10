// SPDX-License-Identifier: BSD-2-Clause
/* Host tests of servers/init/log.c: draining the kernel log ring. */
#include <string.h>
#include <tessera/bootinfo.h>

#include "../../servers/init/log.h"
#include "check.h"

#define SIZE sizeof(((struct log_ring *)0)->data)

static char out[3 * 4096];
static size_t out_len;
static struct log_ring ring;

static void sink(const char *buf, size_t len)
{
	CHECK(out_len + len <= sizeof(out));
	memcpy(out + out_len, buf, len);
	out_len += len;
}

/* What the kernel does: append bytes, advance head. */
static void kernel_write(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		ring.data[(ring.head + i) % SIZE] = s[i];
	ring.head += n;
}

static void drains_in_order(void)
{
	memset(&ring, 0, sizeof(ring));
	out_len = 0;
	CHECK(log_ring_drain(&ring, sink) == 0);
	kernel_write("hello ", 6);
	kernel_write("world\n", 6);
	CHECK(log_ring_drain(&ring, sink) == 12);
	CHECK(out_len == 12 && memcmp(out, "hello world\n", 12) == 0);
	CHECK(ring.tail == 12);
	CHECK(log_ring_drain(&ring, sink) == 0);
}

static void wraps_around(void)
{
	char big[SIZE];
	memset(&ring, 0, sizeof(ring));
	ring.head = ring.tail = SIZE - 5; /* just before the end */
	out_len = 0;
	kernel_write("0123456789", 10);
	CHECK(log_ring_drain(&ring, sink) == 10);
	CHECK(out_len == 10 && memcmp(out, "0123456789", 10) == 0);
	memset(big, 'x', sizeof(big));
	out_len = 0;
	kernel_write(big, sizeof(big)); /* exactly full */
	CHECK(log_ring_drain(&ring, sink) == SIZE && out_len == SIZE);
}

static void reports_lost_bytes(void)
{
	memset(&ring, 0, sizeof(ring));
	out_len = 0;
	for (int i = 0; i < 5; i++)
		kernel_write("abcdefghijklmnopqrstuvwxyz0123456789", 36); /* 180 bytes */
	ring.head += SIZE;						  /* the kernel lapped us */
	size_t n = log_ring_drain(&ring, sink);
	CHECK(n == SIZE);
	CHECK(memcmp(out, "[klog: 180 bytes lost]\n", 23) == 0);
	CHECK(ring.tail == ring.head);
}

int main(void)
{
	RUN("unit_init_log", drains_in_order);
	RUN("unit_init_log", wraps_around);
	RUN("unit_init_log", reports_lost_bytes);
	return DONE("unit_init_log");
}
