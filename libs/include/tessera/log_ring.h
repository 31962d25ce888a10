/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Draining the kernel log ring (struct log_ring, <tessera/bootinfo.h>):
 * the kernel advances head as it writes; the one reader (init, or the
 * system's klog holder, the console server: docs/servers.md "Kernel log")
 * copies [tail, head) to a sink and advances tail. If head is more than a
 * ring ahead of tail (a confused reader: the kernel itself drops what does
 * not fit, counting it in `dropped`), the overwritten bytes are reported as
 * lost and skipped. Host-tested in tests/unit/test_log_ring.c.
 */
#ifndef TESSERA_LOG_RING_H
#define TESSERA_LOG_RING_H

#include <stddef.h>
#include <tessera/bootinfo.h>

typedef void log_ring_sink_fn(void *ctx, const char *buf, size_t len);

enum log_ring_mode {
	LOG_RING_ALL,	/* everything new, partial last line included */
	LOG_RING_LINES, /* whole lines only: a partial last line stays in the ring
			   (unless the ring is full); tail advances after each line,
			   so a reader killed mid-drain leaves at most the line it was
			   printing to be printed again by the next reader */
};

/* Copies what is new in ring to sink (the bytes of one line may come in two
 * pieces where the ring wraps); returns the bytes consumed. */
size_t log_ring_drain(struct log_ring *ring, enum log_ring_mode mode, log_ring_sink_fn *sink,
		      void *ctx);

#endif
