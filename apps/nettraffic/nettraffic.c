// SPDX-License-Identifier: BSD-2-Clause
/*
 * Steady traffic through servers/netswitch for the server experiments
 * (configs/test-servers.tsr, docs/lifecycle.md): every 20 ms port a sends
 * one numbered frame to port b (both on one link) and b takes it back out
 * of the switch. Frames delivered and transmissions refused (the switch is
 * gone, or restarting) are published in the statistics block of
 * <tessera/vmstats.h> (exits and link_ok = frames delivered, reach_tried = transmit
 * calls, reach_denied = calls that failed), where init's experiments read
 * them. It runs at the lowest priority and yields between frames.
 */
#include <stdio.h>
#include <string.h>
#include <tessera/counter.h>
#include <tessera/runtime.h>
#include <tessera/sys.h>
#include <tessera/vmstats.h>

#include "glue.h"

#define PERIOD_MS 20
#define FRAME_LEN 64

static const uint8_t mac_a[6] = {2, 0, 0, 0, 0, 0x1a}, mac_b[6] = {2, 0, 0, 0, 0, 0x1b};

static volatile struct vmm_stats *publish(void)
{
	volatile struct vmm_stats *s =
	    (volatile struct vmm_stats *)((uintptr_t)tsr_ipcbuf() + VMM_STATS_OFFSET);

	memset((void *)s, 0, sizeof(*s));
	s->version = VMM_STATS_VERSION;
	__atomic_store_n(&s->magic, VMM_STATS_MAGIC, __ATOMIC_RELEASE);
	return s;
}

/* One frame a -> b; true if b received it. */
static bool one_frame(volatile struct vmm_stats *s, uint32_t seq)
{
	uint8_t *f = a_buffer;

	memcpy(f, mac_b, 6);
	memcpy(f + 6, mac_a, 6);
	f[12] = 0x88; /* a local experimental EtherType, 0x88b5 */
	f[13] = 0xb5;
	memcpy(f + 14, &seq, sizeof(seq));
	s->reach_tried++;
	if (a_transmit(FRAME_LEN) != 0) {
		s->reach_denied++;
		return false;
	}
	uint32_t n, got = 0;
	while ((n = b_receive((uint32_t)b_buffer_size)) != 0)
		if (n == FRAME_LEN && memcmp((uint8_t *)b_buffer + 14, &seq, sizeof(seq)) == 0)
			got = 1;
	return got != 0;
}

int run(void)
{
	volatile struct vmm_stats *s = publish();
	uint64_t period = tsr_counter_ms(PERIOD_MS), next = tsr_counter_now();
	bool down = false;

	printf("nettraffic: a frame every %u ms from port a to port b\n", (unsigned)PERIOD_MS);
	for (uint32_t seq = 1;; seq++) {
		while (tsr_counter_now() < next)
			tsr_yield();
		next += period;
		if (one_frame(s, seq)) {
			s->exits++;
			s->link_ok++;
			if (down)
				printf("nettraffic: traffic resumed (%llu frames delivered, %llu "
				       "refused)\n",
				       (unsigned long long)s->exits,
				       (unsigned long long)s->reach_denied);
			down = false;
		} else if (!down) {
			down = true;
			printf("nettraffic: frame %u not delivered (the switch is gone?)\n", seq);
		}
	}
}
