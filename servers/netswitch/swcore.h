/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The netswitch's forwarding (docs/servers.md "netswitch"): ports on the
 * same segment exchange Ethernet frames (destination MAC first, no virtio
 * header). A frame to a learned unicast address goes to that port only; a
 * broadcast, multicast or unknown destination is flooded to every other
 * port of the segment. Each port has a bounded receive queue; a frame for
 * a full queue is dropped and counted. Lengths from clients are checked
 * here: a frame shorter than an Ethernet header or longer than max_frame
 * is refused. Pure logic, host-tested (tests/unit/test_netswitch.c).
 */
#ifndef NETSWITCH_SWCORE_H
#define NETSWITCH_SWCORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mactable.h"

#define SWCORE_PORTS_MAX  8U
#define SWCORE_QUEUE	  8U   /* frames per port */
#define SWCORE_FRAME_MAX  1536 /* largest max_frame accepted */
#define SWCORE_ETH_HEADER 14

struct swcore_frame {
	uint16_t len;
	uint8_t data[SWCORE_FRAME_MAX];
};

struct swcore_port {
	uint16_t segment;
	struct swcore_frame q[SWCORE_QUEUE];
	unsigned head, count;
	/* counters (docs/servers.md) */
	unsigned long tx, rx, tx_refused, rx_dropped, rx_too_big;
};

struct swcore {
	struct swcore_port port[SWCORE_PORTS_MAX];
	unsigned num_ports;
	unsigned max_frame;
	struct mactable macs;
};

enum swcore_result {
	SWCORE_OK = 0,
	SWCORE_BAD_PORT = -1,
	SWCORE_BAD_LENGTH = -2,
};

/* Sets up num ports (at most SWCORE_PORTS_MAX); segment[i] is port i's
 * segment. max_frame is clamped to [SWCORE_ETH_HEADER, SWCORE_FRAME_MAX].
 * Returns false when num is too large. */
bool swcore_init(struct swcore *s, unsigned num, const uint16_t segment[], unsigned max_frame);

/* Port from sent the frame of len bytes. On SWCORE_OK, *woken has bit i
 * set for every port i that got the frame queued. */
enum swcore_result swcore_transmit(struct swcore *s, unsigned from, const uint8_t *frame,
				   size_t len, uint64_t *woken);

/* Moves port's next frame to dst if it fits in max bytes and returns its
 * length; a frame larger than max is dropped (counted in rx_too_big) and
 * the next one tried. Returns 0 when the queue is empty. */
size_t swcore_receive(struct swcore *s, unsigned port, uint8_t *dst, size_t max);

#endif
