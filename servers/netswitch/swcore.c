// SPDX-License-Identifier: BSD-2-Clause
/* The netswitch's forwarding; see swcore.h. */
#include <string.h>

#include "swcore.h"

bool swcore_init(struct swcore *s, unsigned num, const uint16_t segment[], unsigned max_frame)
{
	if (num > SWCORE_PORTS_MAX)
		return false;
	memset(s, 0, sizeof(*s));
	s->num_ports = num;
	for (unsigned i = 0; i < num; i++)
		s->port[i].segment = segment[i];
	if (max_frame < SWCORE_ETH_HEADER)
		max_frame = SWCORE_ETH_HEADER;
	s->max_frame = max_frame > SWCORE_FRAME_MAX ? SWCORE_FRAME_MAX : max_frame;
	return true;
}

/* Queues a copy of the frame on port to; false when its queue is full. */
static bool enqueue(struct swcore_port *to, const uint8_t *frame, size_t len)
{
	if (to->count == SWCORE_QUEUE) {
		to->rx_dropped++;
		return false;
	}
	struct swcore_frame *f = &to->q[(to->head + to->count) % SWCORE_QUEUE];
	memcpy(f->data, frame, len);
	f->len = (uint16_t)len;
	to->count++;
	return true;
}

enum swcore_result swcore_transmit(struct swcore *s, unsigned from, const uint8_t *frame,
				   size_t len, uint64_t *woken)
{
	*woken = 0;
	if (from >= s->num_ports)
		return SWCORE_BAD_PORT;
	struct swcore_port *p = &s->port[from];
	if (len < SWCORE_ETH_HEADER || len > s->max_frame) {
		p->tx_refused++;
		return SWCORE_BAD_LENGTH;
	}
	p->tx++;
	const uint8_t *dst = frame, *src = frame + 6;
	mactable_learn(&s->macs, p->segment, src, (uint16_t)from);
	int to = (dst[0] & 1) ? -1 : mactable_lookup(&s->macs, p->segment, dst);
	if (to >= 0) {
		if (to != (int)from && enqueue(&s->port[to], frame, len))
			*woken |= 1ULL << to;
		return SWCORE_OK;
	}
	for (unsigned i = 0; i < s->num_ports; i++)
		if (i != from && s->port[i].segment == p->segment &&
		    enqueue(&s->port[i], frame, len))
			*woken |= 1ULL << i;
	return SWCORE_OK;
}

size_t swcore_receive(struct swcore *s, unsigned port, uint8_t *dst, size_t max)
{
	if (port >= s->num_ports)
		return 0;
	struct swcore_port *p = &s->port[port];

	while (p->count > 0) {
		struct swcore_frame *f = &p->q[p->head];
		p->head = (p->head + 1) % SWCORE_QUEUE;
		p->count--;
		if (f->len <= max) {
			memcpy(dst, f->data, f->len);
			p->rx++;
			return f->len;
		}
		p->rx_too_big++;
	}
	return 0;
}
