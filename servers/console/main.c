// SPDX-License-Identifier: BSD-2-Clause
/*
 * servers/console (docs/servers.md "console"): owns the board's PL011,
 * multiplexes the output of its ConsoleLink clients line by line (linemux)
 * and routes keyboard input to the selected client (escape). Three
 * threads: 'control' (run) takes the uart's receive interrupt; 'vms'
 * serves the clients' write/read calls; 'klog' (klog_run) drains the
 * kernel's log ring, whose lines go out as those of one more client,
 * "kernel". They share the state below under one lock.
 */
#include <stdio.h>
#include <string.h>
#include <tessera/log_ring.h>
#include <tessera/sys.h>

#include "escape.h"
#include "glue.h"
#include "inq.h"
#include "linemux.h"
#include "pl011.h"

static struct linemux mux;
static struct inq input[vms_num_links];
static struct escape esc;
static unsigned focus;
static bool ready;
static bool typed;	     /* a key was pressed: show the focused client's partial lines */
#define KERNEL vms_num_links /* the linemux client of the kernel's lines */
static char names[vms_num_links + 1][LINEMUX_PREFIX_MAX];
#define regs ((volatile uint32_t *)uart)

/* Both threads run on one core: a contended lock yields to its holder. */
static int lock_word;

static void lock(void)
{
	while (__atomic_test_and_set(&lock_word, __ATOMIC_ACQUIRE))
		tsr_yield();
}

static void unlock(void)
{
	__atomic_clear(&lock_word, __ATOMIC_RELEASE);
}

static void uart_sink(void *ctx, const char *buf, size_t len)
{
	(void)ctx;
	pl011_write(regs, buf, len);
}

/* The VM name of a link: its device "<vm>.<device>" up to the dot. */
static void link_vm_name(unsigned i, char *out, size_t size)
{
	const char *d = vms_links[i].device;
	size_t n = strcspn(d, ".");

	if (n >= size)
		n = size - 1;
	memcpy(out, d, n);
	out[n] = 0;
}

/* Called with the lock held, by whichever thread comes first. */
static void setup(void)
{
	const char *ptrs[vms_num_links + 1];

	if (ready)
		return;
	for (unsigned i = 0; i < vms_num_links; i++) {
		link_vm_name(i, names[i], sizeof(names[i]));
		ptrs[i] = names[i];
	}
	strcpy(names[KERNEL], "kernel");
	ptrs[KERNEL] = names[KERNEL];
	ready = linemux_init(&mux, vms_num_links + 1, ptrs, prefix, uart_sink, 0);
}

/* Our own message on a line of its own. */
static void say(const char *msg)
{
	linemux_break(&mux);
	pl011_write(regs, msg, strlen(msg));
}

static int client_of(unsigned long badge)
{
	for (unsigned i = 0; i < vms_num_links; i++)
		if (vms_links[i].badge == badge)
			return (int)i;
	return -1;
}

int32_t vms_write(uint32_t len)
{
	int c = client_of(vms_badge());

	if (c < 0 || len > vms_links[c].size)
		return -1;
	lock();
	setup();
	linemux_write(&mux, (unsigned)c, (const char *)vms_links[c].buffer, len);
	if (typed && (unsigned)c == focus)
		linemux_flush_partial(&mux, (unsigned)c);
	unlock();
	return 0;
}

uint32_t vms_read(uint32_t max)
{
	int c = client_of(vms_badge());

	if (c < 0)
		return 0;
	if (max > vms_links[c].size)
		max = (uint32_t)vms_links[c].size;
	lock();
	size_t n = inq_take(&input[c], (char *)vms_links[c].buffer, max);
	unlock();
	return (uint32_t)n;
}

static void switch_to(unsigned target)
{
	char msg[96];

	if (target >= vms_num_links) {
		snprintf(msg, sizeof(msg), "[console: no VM %u; input stays with %s]\n", target,
			 names[focus]);
	} else {
		focus = target;
		snprintf(msg, sizeof(msg), "[console: input now goes to %s (Ctrl-a %u)]\n",
			 names[focus], focus);
	}
	say(msg);
}

/* One received byte; returns true when the focused client got input. */
static bool handle_byte(char c)
{
	struct escape_out out;
	char msg[96];

	switch (escape_feed(&esc, c, &out)) {
	case ESCAPE_DELIVER:
		return inq_put(&input[focus], out.byte) == 0;
	case ESCAPE_SWITCH:
		switch_to(out.target);
		return false;
	case ESCAPE_HELP:
		snprintf(msg, sizeof(msg),
			 "[console: Ctrl-a 0..%u selects a VM, Ctrl-a Ctrl-a sends Ctrl-a; "
			 "input goes to %s]\n",
			 vms_num_links - 1, names[focus]);
		say(msg);
		return false;
	case ESCAPE_NONE:
	default:
		return false;
	}
}

int run(void)
{
	char msg[96];

	lock();
	setup();
	snprintf(msg, sizeof(msg), "[console: %u VMs; input goes to %s; Ctrl-a <n> switches]\n",
		 (unsigned)vms_num_links, names[0]);
	say(msg);
	pl011_enable_rx_irq(regs);
	unlock();
	/* A restarted server: tell every client to read again (docs/servers.md). */
	for (unsigned i = 0; i < vms_num_links; i++)
		vms_notify(vms_links[i].badge);
	for (;;) {
		(void)uart_irq_wait();
		uint32_t wake = 0; /* bit i: client i got input */
		lock();
		int b;
		while ((b = pl011_getc(regs)) >= 0) {
			typed = true;
			if (handle_byte((char)b))
				wake |= 1U << focus;
		}
		unlock();
		for (unsigned i = 0; i < vms_num_links; i++)
			if (wake & (1U << i))
				vms_notify(vms_links[i].badge);
		(void)uart_irq_ack();
	}
	return 0;
}

static void kernel_sink(void *ctx, const char *buf, size_t len)
{
	(void)ctx;
	linemux_write(&mux, KERNEL, buf, len);
}

/* Bytes the kernel could not put into a full ring (its `dropped` count). */
static void report_dropped(const struct log_ring *ring)
{
	static uint64_t seen;
	char msg[96];
	uint64_t n = ring->dropped;

	if (n == seen)
		return;
	seen = n;
	snprintf(msg, sizeof(msg),
		 "[console: the kernel dropped %llu log bytes so far (ring full)]\n",
		 (unsigned long long)n);
	say(msg);
}

/* init wakes us (bit 0) when the kernel wrote; we also drain once at start:
 * what the kernel logged before this server (re)started (docs/servers.md
 * "Kernel log"). Whole lines only: a line we are killed while printing
 * stays in the ring for init. */
int klog_run(void)
{
	struct log_ring *ring = (struct log_ring *)klog_ring;

	for (;;) {
		lock();
		setup();
		(void)log_ring_drain(ring, LOG_RING_LINES, kernel_sink, 0);
		report_dropped(ring);
		unlock();
		(void)klog_wait();
	}
	return 0;
}
