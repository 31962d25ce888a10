// SPDX-License-Identifier: BSD-2-Clause
/*
 * servers/netswitch (docs/servers.md "netswitch"): a learning Ethernet
 * switch between its NetLink clients; clients whose devices have the same
 * link name form one segment. One thread ('ports') serves every call, so
 * the switch state needs no lock; 'control' (run) only sets it up and
 * prints the ports.
 */
#include <stdio.h>
#include <string.h>

#include "glue.h"
#include "swcore.h"

static struct swcore sw;
static bool ready;

/* Ports with the same link name share the segment of the first of them. */
static void setup(void)
{
	uint16_t segment[ports_num_links];

	if (ready)
		return;
	for (unsigned i = 0; i < ports_num_links; i++) {
		segment[i] = (uint16_t)i;
		for (unsigned j = 0; j < i; j++)
			if (strcmp(ports_links[i].link_name, ports_links[j].link_name) == 0) {
				segment[i] = segment[j];
				break;
			}
	}
	ready = swcore_init(&sw, ports_num_links, segment, max_frame);
}

static int port_of(unsigned long badge)
{
	for (unsigned i = 0; i < ports_num_links; i++)
		if (ports_links[i].badge == badge)
			return (int)i;
	return -1;
}

int32_t ports_transmit(uint32_t len)
{
	int p = port_of(ports_badge());
	uint64_t woken;

	setup();
	if (!ready || p < 0 || len > ports_links[p].size)
		return -1;
	if (swcore_transmit(&sw, (unsigned)p, (const uint8_t *)ports_links[p].buffer, len,
			    &woken) != SWCORE_OK)
		return -1;
	for (unsigned i = 0; i < ports_num_links; i++)
		if (woken & (1ULL << i))
			ports_notify(ports_links[i].badge);
	return 0;
}

uint32_t ports_receive(uint32_t max)
{
	int p = port_of(ports_badge());

	setup();
	if (!ready || p < 0)
		return 0;
	if (max > ports_links[p].size)
		max = (uint32_t)ports_links[p].size;
	return (uint32_t)swcore_receive(&sw, (unsigned)p, (uint8_t *)ports_links[p].buffer, max);
}

int run(void)
{
	printf("netswitch: %u ports, max_frame %u, %u frames queued per port\n",
	       (unsigned)ports_num_links, (unsigned)max_frame, SWCORE_QUEUE);
	for (unsigned i = 0; i < ports_num_links; i++)
		printf("netswitch: port %u: %s on link \"%s\"\n", i, ports_links[i].device,
		       ports_links[i].link_name);
	if (ports_num_links > SWCORE_PORTS_MAX)
		printf("netswitch: more than %u ports: the switch refuses every frame\n",
		       SWCORE_PORTS_MAX);
	return 0;
}
