// SPDX-License-Identifier: BSD-2-Clause
/* The netswitch's learning table; see mactable.h. */
#include <string.h>

#include "mactable.h"

static int find(const struct mactable *t, uint16_t segment, const uint8_t mac[6])
{
	for (int i = 0; i < MACTABLE_SIZE; i++) {
		const struct mactable_entry *e = &t->e[i];
		if (e->stamp != 0 && e->segment == segment && memcmp(e->mac, mac, 6) == 0)
			return i;
	}
	return -1;
}

/* A free entry, else the least recently refreshed one. */
static int victim(const struct mactable *t)
{
	int v = 0;

	for (int i = 0; i < MACTABLE_SIZE; i++) {
		if (t->e[i].stamp == 0)
			return i;
		if (t->e[i].stamp < t->e[v].stamp)
			v = i;
	}
	return v;
}

void mactable_learn(struct mactable *t, uint16_t segment, const uint8_t mac[6], uint16_t port)
{
	if (mac[0] & 1)
		return; /* a group address is never a source */
	int i = find(t, segment, mac);

	if (i < 0) {
		i = victim(t);
		memcpy(t->e[i].mac, mac, 6);
		t->e[i].segment = segment;
	}
	t->e[i].port = port;
	t->e[i].stamp = ++t->clock;
}

int mactable_lookup(const struct mactable *t, uint16_t segment, const uint8_t mac[6])
{
	int i = find(t, segment, mac);

	return i < 0 ? -1 : t->e[i].port;
}

void mactable_forget_port(struct mactable *t, uint16_t port)
{
	for (int i = 0; i < MACTABLE_SIZE; i++)
		if (t->e[i].port == port)
			t->e[i].stamp = 0;
}
