/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Draining the kernel log ring (struct log_ring, <tessera/bootinfo.h>):
 * the kernel advances head as it writes; init, the console owner until a
 * console server exists, copies [tail, head) to the console and advances
 * tail. If the kernel lapped the reader, the overwritten bytes are
 * reported as lost. Host-tested in tests/unit/test_init_log.c.
 */
#ifndef INIT_LOG_H
#define INIT_LOG_H

#include <stddef.h>
#include <tessera/bootinfo.h>

typedef void log_sink_fn(const char *buf, size_t len);

/* Copies everything new in ring to sink; returns the bytes delivered. */
size_t log_ring_drain(struct log_ring *ring, log_sink_fn *sink);

#endif
