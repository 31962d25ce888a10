// SPDX-License-Identifier: BSD-2-Clause
/* The console's PL011 driver; see pl011.h. */
#include "pl011.h"

#define PL011_DR   (0x000 / 4)
#define PL011_FR   (0x018 / 4)
#define PL011_IMSC (0x038 / 4)
#define PL011_ICR  (0x044 / 4)
#define FR_RXFE	   (1U << 4)
#define FR_TXFF	   (1U << 5)
#define INT_RX	   (1U << 4)
#define INT_RT	   (1U << 6)

static void put(volatile uint32_t *regs, char c)
{
	while (regs[PL011_FR] & FR_TXFF)
		;
	regs[PL011_DR] = (uint8_t)c;
}

/* A bare '\n' becomes "\r\n"; a guest's own "\r\n" is passed unchanged. */
void pl011_write(volatile uint32_t *regs, const char *buf, size_t len)
{
	static char prev;

	for (size_t i = 0; i < len; i++) {
		if (buf[i] == '\n' && prev != '\r')
			put(regs, '\r');
		put(regs, buf[i]);
		prev = buf[i];
	}
}

int pl011_getc(volatile uint32_t *regs)
{
	if (regs[PL011_FR] & FR_RXFE) {
		regs[PL011_ICR] = INT_RX | INT_RT;
		return -1;
	}
	return (int)(regs[PL011_DR] & 0xff);
}

void pl011_enable_rx_irq(volatile uint32_t *regs)
{
	regs[PL011_ICR] = INT_RX | INT_RT;
	regs[PL011_IMSC] = regs[PL011_IMSC] | INT_RX | INT_RT;
}
