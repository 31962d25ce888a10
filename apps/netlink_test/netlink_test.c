// SPDX-License-Identifier: BSD-2-Clause
/*
 * Four fake VM network devices for configs/test-links.tsr: ports a, b, c
 * on link "lan" and d on link "lan2" of servers/netswitch, used through
 * NetLink exactly as a VMM does (frame in the shared buffer,
 * transmit(len) / receive(max), the switch's notification when frames
 * wait). Prints TEST netlink.* lines (tests/qemu/scenarios/links.manifest).
 */
#include <stdio.h>
#include <string.h>

#include "glue.h"

#define QUEUE_FRAMES 8 /* servers/netswitch/swcore.h SWCORE_QUEUE */
#define MAX_FRAME    1514

struct port {
	const char *name;
	uint8_t *buf;
	unsigned long size;
	int32_t (*transmit)(uint32_t len);
	uint32_t (*receive)(uint32_t max);
	unsigned long (*poll)(void);
	uint8_t mac[6];
};

static struct port ports[4];
static int passed, failed;

static void check(const char *name, int ok)
{
	printf("TEST netlink.%s %s\n", name, ok ? "PASS" : "FAIL");
	if (ok)
		passed++;
	else
		failed++;
}

static const uint8_t bcast[6] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};

/* Puts a frame dst <- p of len bytes, payload tag, in p's buffer and sends it. */
static int32_t send(struct port *p, const uint8_t dst[6], uint32_t len, uint8_t tag)
{
	memset(p->buf, tag, len);
	memcpy(p->buf, dst, 6);
	memcpy(p->buf + 6, p->mac, 6);
	return p->transmit(len);
}

/* The next frame's length at p (0: none); its tag in *tag. */
static uint32_t recv(struct port *p, uint8_t *tag)
{
	uint32_t n = p->receive((uint32_t)p->size);

	*tag = n > 20 ? p->buf[20] : 0;
	return n;
}

/* Empties every queue. */
static void drain(void)
{
	uint8_t tag;

	for (int i = 0; i < 4; i++)
		while (recv(&ports[i], &tag) != 0)
			;
}

static void setup(void)
{
	struct port init[4] = {
	    {"a", a_buffer, a_buffer_size, a_transmit, a_receive, a_poll, {2, 0, 0, 0, 0, 0xa}},
	    {"b", b_buffer, b_buffer_size, b_transmit, b_receive, b_poll, {2, 0, 0, 0, 0, 0xb}},
	    {"c", c_buffer, c_buffer_size, c_transmit, c_receive, c_poll, {2, 0, 0, 0, 0, 0xc}},
	    {"d", d_buffer, d_buffer_size, d_transmit, d_receive, d_poll, {2, 0, 0, 0, 0, 0xd}},
	};
	memcpy(ports, init, sizeof(ports));
}

int run(void)
{
	struct port *pa = &ports[0], *pb = &ports[1], *pc = &ports[2], *pd = &ports[3];
	uint8_t tag;

	setup();
	drain();
	for (int i = 0; i < 4; i++)
		(void)ports[i].poll();

	/* A broadcast from a reaches b and c (same link), not d, not a. */
	int ok = send(pa, bcast, 60, 1) == 0;
	check("notified_on_frame", (pb->poll() & 1) && (pc->poll() & 1) && pd->poll() == 0);
	ok &= recv(pb, &tag) == 60 && tag == 1 && recv(pc, &tag) == 60 && tag == 1;
	check("broadcast_floods_segment", ok && recv(pa, &tag) == 0);
	check("segments_isolated", recv(pd, &tag) == 0);

	/* b answers a: the switch learned a's port, so c does not see it. */
	ok = send(pb, pa->mac, 100, 2) == 0;
	ok &= recv(pa, &tag) == 100 && tag == 2 && recv(pc, &tag) == 0;
	check("unicast_to_learned_port", ok);

	/* Too long for max_frame, too short for a header, beyond the buffer. */
	ok = send(pa, bcast, MAX_FRAME + 1, 3) == -1 && pa->transmit(13) == -1;
	check("oversize_refused", ok && recv(pb, &tag) == 0);
	check("length_beyond_buffer_refused",
	      pa->transmit((uint32_t)pa->size + 1) == -1 && pa->transmit(0xffffffffU) == -1);

	/* b does not read: its queue keeps the first QUEUE_FRAMES, drops the rest. */
	ok = 1;
	for (int i = 0; i < QUEUE_FRAMES + 3; i++)
		ok &= send(pa, pb->mac, 60, (uint8_t)(10 + i)) == 0;
	int got = 0;
	while (recv(pb, &tag) == 60)
		ok &= tag == 10 + got++;
	check("full_queue_drops", ok && got == QUEUE_FRAMES);
	printf("SUMMARY netlink %d %d\n", passed, failed);
	return 0;
}
