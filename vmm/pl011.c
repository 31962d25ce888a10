// SPDX-License-Identifier: BSD-2-Clause
/*
 * PL011 UART (Arm DDI 0183G): transmit, receive FIFO, one level interrupt
 * (RIS & IMSC). Output goes to the uart's ConsoleLink if it has one (the
 * shared buffer, then write(len)), else to our own console (output only),
 * each line prefixed "<vm>: " as the console server does (several VMs'
 * lines then stay apart, and the scenario runner attributes their TEST
 * lines to the VM).
 * Input: on the link's notification bit we pull read(max) into the RX FIFO.
 */
#include <stdio.h>
#include <string.h>
#include <tessera/sys.h>

#include "vmm.h"

#define UARTDR	  0x000
#define UARTFR	  0x018
#define UARTIBRD  0x024
#define UARTFBRD  0x028
#define UARTLCR_H 0x02c
#define UARTCR	  0x030
#define UARTIFLS  0x034
#define UARTIMSC  0x038
#define UARTRIS	  0x03c
#define UARTMIS	  0x040
#define UARTICR	  0x044
#define UARTPID	  0xfe0 /* PeriphID0..3, then PCellID0..3 at 0xff0 */

#define FR_RXFE (1U << 4)
#define FR_TXFE (1U << 7)
#define INT_RX	(1U << 4)
#define INT_TX	(1U << 5)
#define INT_RT	(1U << 6)

#define RX_FIFO 64
#define TX_BUF	256

#define LINK_WRITE 1 /* ConsoleLink method labels: index + 1 */
#define LINK_READ  2

static struct {
	const struct tsr_vm_device *dev;
	uint32_t ibrd, fbrd, lcr, cr, ifls, imsc, ris;
	uint8_t rx[RX_FIFO];
	unsigned rx_head, rx_count;
	bool rx_more; /* the last read filled the FIFO: the server may hold more */
	char tx[TX_BUF];
	unsigned tx_len;
	bool line_open; /* own console: a line was begun (its prefix is out) */
} u;

static const uint8_t pl011_id[8] = {0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1};

static void update_irq(void)
{
	vmm_irq_set_level(u.dev->irq, (u.ris & u.imsc) != 0);
}

/* Our own console: one write per flush, the prefix at each line's start.
 * A flush ends at a newline or holds none (tx() flushes at each one). */
static void write_own(void)
{
	char out[TX_BUF + 64];
	int n = u.line_open ? 0 : snprintf(out, 64, "%s: ", vmm.cfg->name);

	if (n < 0 || n >= 64)
		n = 0;
	memcpy(out + n, u.tx, u.tx_len);
	fwrite(out, 1, (size_t)n + u.tx_len, stdout);
	fflush(stdout);
	u.line_open = u.tx[u.tx_len - 1] != '\n';
}

static void flush_tx(void)
{
	if (u.tx_len == 0)
		return;
	if (u.dev->link_slot != 0 && u.tx_len <= u.dev->buffer_size) {
		memcpy((void *)u.dev->buffer, u.tx, u.tx_len);
		struct tsr_msg m = {.info = tsr_msginfo(LINK_WRITE, 0, 1), .mr = {u.tx_len}};
		if (tsr_call(u.dev->link_slot, &m) != ERR_OK)
			write_own(); /* the console server is gone */
		else
			vmm_life_link_ok();
	} else {
		write_own();
	}
	u.tx_len = 0;
}

static void tx(uint8_t c)
{
	u.tx[u.tx_len++] = (char)c;
	if (c == '\n' || u.tx_len == TX_BUF)
		flush_tx();
	u.ris |= INT_TX; /* the FIFO drains at once */
	update_irq();
}

static uint8_t rx_pop(void)
{
	if (u.rx_count == 0)
		return 0;
	uint8_t c = u.rx[u.rx_head];
	u.rx_head = (u.rx_head + 1) % RX_FIFO;
	if (--u.rx_count == 0) {
		u.ris &= ~(INT_RX | INT_RT);
		if (u.rx_more)
			vmm_pl011_notify(); /* no new signal comes for what is queued */
	}
	update_irq();
	return c;
}

static uint64_t pl011_read(void *ctx, unsigned vcpu, uint64_t off, unsigned size)
{
	(void)ctx;
	(void)vcpu;
	(void)size;
	if (off >= UARTPID && off < UARTPID + 0x20)
		return pl011_id[(off - UARTPID) / 4];
	switch (off) {
	case UARTDR:
		return rx_pop();
	case UARTFR:
		flush_tx(); /* a polling writer (earlycon) waits here: show its text */
		return FR_TXFE | (u.rx_count == 0 ? FR_RXFE : 0);
	case UARTIBRD:
		return u.ibrd;
	case UARTFBRD:
		return u.fbrd;
	case UARTLCR_H:
		return u.lcr;
	case UARTCR:
		return u.cr;
	case UARTIFLS:
		return u.ifls;
	case UARTIMSC:
		return u.imsc;
	case UARTRIS:
		return u.ris;
	case UARTMIS:
		return u.ris & u.imsc;
	default:
		return 0;
	}
}

static void pl011_write(void *ctx, unsigned vcpu, uint64_t off, unsigned size, uint64_t val)
{
	(void)ctx;
	(void)vcpu;
	(void)size;
	switch (off) {
	case UARTDR:
		tx((uint8_t)val);
		break;
	case UARTIBRD:
		u.ibrd = (uint32_t)val;
		break;
	case UARTFBRD:
		u.fbrd = (uint32_t)val;
		break;
	case UARTLCR_H:
		u.lcr = (uint32_t)val;
		break;
	case UARTCR:
		u.cr = (uint32_t)val;
		break;
	case UARTIFLS:
		u.ifls = (uint32_t)val;
		break;
	case UARTIMSC:
		if ((u.imsc & INT_TX) && !(val & INT_TX))
			flush_tx(); /* the driver has no more to send (a prompt) */
		u.imsc = (uint32_t)val & 0x7ff;
		update_irq();
		break;
	case UARTICR:
		u.ris &= ~(uint32_t)val;
		update_irq();
		break;
	default:
		break;
	}
}

void vmm_pl011_notify(void)
{
	if (u.dev == 0 || u.dev->link_slot == 0 || u.rx_count == RX_FIFO)
		return;
	flush_tx();
	struct tsr_msg m = {.info = tsr_msginfo(LINK_READ, 0, 1), .mr = {RX_FIFO - u.rx_count}};
	if (tsr_call(u.dev->link_slot, &m) != ERR_OK)
		return;
	uint64_t n = m.mr[0];
	u.rx_more = n == RX_FIFO - u.rx_count;
	const uint8_t *buf = (const uint8_t *)u.dev->buffer;
	for (uint64_t k = 0; k < n && k < u.dev->buffer_size && u.rx_count < RX_FIFO; k++) {
		u.rx[(u.rx_head + u.rx_count) % RX_FIFO] = buf[k];
		u.rx_count++;
	}
	if (u.rx_count > 0)
		u.ris |= INT_RX | INT_RT;
	update_irq();
}

bool vmm_pl011_init(const struct tsr_vm_device *d)
{
	const struct vmm_mmio_dev m = {d->name, d->base, d->size, pl011_read, pl011_write, 0};

	u.dev = d;
	u.cr = 0x300; /* TXE, RXE */
	u.ifls = 0x12;
	return vmm_mmio_add(&m);
}
