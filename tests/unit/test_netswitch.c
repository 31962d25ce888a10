// SPDX-License-Identifier: BSD-2-Clause
/* Host tests of servers/netswitch: the learning table (mactable.c) and
 * forwarding with bounded queues (swcore.c). */
#include <string.h>

#include "../../servers/netswitch/swcore.h"
#include "check.h"

static const uint8_t mac_a[6] = {2, 0, 0, 0, 0, 0xa};
static const uint8_t mac_b[6] = {2, 0, 0, 0, 0, 0xb};
static const uint8_t mac_x[6] = {2, 0, 0, 0, 0, 0x99};
static const uint8_t bcast[6] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};

static size_t frame(uint8_t *f, const uint8_t dst[6], const uint8_t src[6], size_t len, int tag)
{
	memset(f, tag, len);
	memcpy(f, dst, 6);
	memcpy(f + 6, src, 6);
	return len;
}

static void table_learns_per_segment(void)
{
	static struct mactable t;

	memset(&t, 0, sizeof(t));
	CHECK(mactable_lookup(&t, 0, mac_a) == -1);
	mactable_learn(&t, 0, mac_a, 3);
	CHECK(mactable_lookup(&t, 0, mac_a) == 3);
	CHECK(mactable_lookup(&t, 1, mac_a) == -1); /* another segment */
	mactable_learn(&t, 0, mac_a, 4);	    /* the address moved */
	CHECK(mactable_lookup(&t, 0, mac_a) == 4);
	mactable_learn(&t, 0, bcast, 1); /* group source: not learned */
	CHECK(mactable_lookup(&t, 0, bcast) == -1);
	mactable_forget_port(&t, 4);
	CHECK(mactable_lookup(&t, 0, mac_a) == -1);
}

static void table_replaces_least_recent_when_full(void)
{
	static struct mactable t;
	uint8_t mac[6] = {2, 0, 0, 0, 0, 0};

	memset(&t, 0, sizeof(t));
	for (int i = 0; i < MACTABLE_SIZE; i++) {
		mac[5] = (uint8_t)i;
		mactable_learn(&t, 0, mac, (uint16_t)i);
	}
	mac[5] = 0;
	mactable_learn(&t, 0, mac, 0); /* refresh entry 0: entry 1 is now oldest */
	mactable_learn(&t, 0, mac_x, 7);
	CHECK(mactable_lookup(&t, 0, mac_x) == 7);
	CHECK(mactable_lookup(&t, 0, mac) == 0);
	mac[5] = 1;
	CHECK(mactable_lookup(&t, 0, mac) == -1);
	mac[5] = 2;
	CHECK(mactable_lookup(&t, 0, mac) == 2);
}

/* Ports 0, 1, 2 on segment 0, port 3 on segment 1. */
static void setup(struct swcore *s)
{
	const uint16_t seg[4] = {0, 0, 0, 1};

	CHECK(swcore_init(s, 4, seg, 1514));
}

static void broadcast_floods_segment_only(void)
{
	static struct swcore s;
	static uint8_t f[1600], got[1600];
	uint64_t woken;

	setup(&s);
	size_t n = frame(f, bcast, mac_a, 60, 1);
	CHECK(swcore_transmit(&s, 0, f, n, &woken) == SWCORE_OK);
	CHECK(woken == 0x6);
	CHECK(swcore_receive(&s, 1, got, sizeof(got)) == 60 && memcmp(got, f, 60) == 0);
	CHECK(swcore_receive(&s, 2, got, sizeof(got)) == 60);
	CHECK(swcore_receive(&s, 3, got, sizeof(got)) == 0);
	CHECK(swcore_receive(&s, 0, got, sizeof(got)) == 0);
}

static void unicast_after_learning(void)
{
	static struct swcore s;
	static uint8_t f[1600], got[1600];
	uint64_t woken;

	setup(&s);
	/* Unknown destination: flooded. */
	CHECK(swcore_transmit(&s, 1, f, frame(f, mac_a, mac_b, 64, 2), &woken) == SWCORE_OK);
	CHECK(woken == 0x5);
	CHECK(swcore_receive(&s, 0, got, sizeof(got)) == 64);
	CHECK(swcore_receive(&s, 2, got, sizeof(got)) == 64);
	/* A replies: mac_b was learned on port 1, so only port 1 gets it. */
	CHECK(swcore_transmit(&s, 0, f, frame(f, mac_b, mac_a, 100, 3), &woken) == SWCORE_OK);
	CHECK(woken == 0x2);
	CHECK(swcore_receive(&s, 1, got, sizeof(got)) == 100 && got[50] == 3);
	CHECK(swcore_receive(&s, 2, got, sizeof(got)) == 0);
	/* A frame to the sender's own port is not echoed back. */
	CHECK(swcore_transmit(&s, 0, f, frame(f, mac_a, mac_a, 60, 4), &woken) == SWCORE_OK);
	CHECK(woken == 0);
}

static void bad_lengths_refused(void)
{
	static struct swcore s;
	static uint8_t f[1600];
	uint64_t woken;

	setup(&s);
	frame(f, bcast, mac_a, 1515, 5);
	CHECK(swcore_transmit(&s, 0, f, 1515, &woken) == SWCORE_BAD_LENGTH && woken == 0);
	CHECK(swcore_transmit(&s, 0, f, 13, &woken) == SWCORE_BAD_LENGTH);
	CHECK(swcore_transmit(&s, 0, f, 1514, &woken) == SWCORE_OK);
	CHECK(swcore_transmit(&s, 9, f, 60, &woken) == SWCORE_BAD_PORT);
	CHECK(s.port[0].tx_refused == 2 && s.port[0].tx == 1);
	/* max_frame is clamped to what a queue slot holds. */
	const uint16_t seg[1] = {0};
	CHECK(swcore_init(&s, 1, seg, 100000) && s.max_frame == SWCORE_FRAME_MAX);
	CHECK(!swcore_init(&s, SWCORE_PORTS_MAX + 1, seg, 1514));
}

static void full_queue_drops_and_counts(void)
{
	static struct swcore s;
	static uint8_t f[1600], got[1600];
	uint64_t woken;

	setup(&s);
	/* Let the switch learn mac_b on port 1. */
	CHECK(swcore_transmit(&s, 1, f, frame(f, bcast, mac_b, 60, 0), &woken) == SWCORE_OK);
	for (unsigned i = 0; i < SWCORE_QUEUE + 3; i++)
		CHECK(swcore_transmit(&s, 0, f, frame(f, mac_b, mac_a, 60, (int)i), &woken) ==
		      SWCORE_OK);
	CHECK(s.port[1].rx_dropped == 3);
	unsigned n = 0;
	while (swcore_receive(&s, 1, got, sizeof(got)) == 60) {
		CHECK(got[20] == (uint8_t)n); /* in order, the first ones kept */
		n++;
	}
	CHECK(n == SWCORE_QUEUE);
}

static void receive_too_small_drops_frame(void)
{
	static struct swcore s;
	static uint8_t f[1600], got[1600];
	uint64_t woken;

	setup(&s);
	CHECK(swcore_transmit(&s, 0, f, frame(f, bcast, mac_a, 500, 1), &woken) == SWCORE_OK);
	CHECK(swcore_transmit(&s, 0, f, frame(f, bcast, mac_a, 60, 2), &woken) == SWCORE_OK);
	CHECK(swcore_receive(&s, 1, got, 100) == 60 && got[30] == 2);
	CHECK(s.port[1].rx_too_big == 1 && s.port[1].rx == 1);
	CHECK(swcore_receive(&s, 9, got, 100) == 0);
}

int main(void)
{
	RUN("unit_netswitch", table_learns_per_segment);
	RUN("unit_netswitch", table_replaces_least_recent_when_full);
	RUN("unit_netswitch", broadcast_floods_segment_only);
	RUN("unit_netswitch", unicast_after_learning);
	RUN("unit_netswitch", bad_lengths_refused);
	RUN("unit_netswitch", full_queue_drops_and_counts);
	RUN("unit_netswitch", receive_too_small_drops_frame);
	return DONE("unit_netswitch");
}
