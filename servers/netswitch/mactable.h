/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The learning table of the netswitch: which port a source MAC address was
 * last seen on, per segment (ports with the same link name). Fixed size;
 * when full, the least recently refreshed entry is replaced. Pure logic,
 * host-tested (tests/unit/test_netswitch.c).
 */
#ifndef NETSWITCH_MACTABLE_H
#define NETSWITCH_MACTABLE_H

#include <stdint.h>

#define MACTABLE_SIZE 64

struct mactable_entry {
	uint8_t mac[6];
	uint16_t segment;
	uint16_t port;
	uint64_t stamp; /* 0: free */
};

struct mactable {
	struct mactable_entry e[MACTABLE_SIZE];
	uint64_t clock;
};

/* Records that mac was the source of a frame from port on segment. */
void mactable_learn(struct mactable *t, uint16_t segment, const uint8_t mac[6], uint16_t port);

/* The port mac was last seen on in segment, or -1. */
int mactable_lookup(const struct mactable *t, uint16_t segment, const uint8_t mac[6]);

/* Forgets every entry of port (its client went away). */
void mactable_forget_port(struct mactable *t, uint16_t port);

#endif
