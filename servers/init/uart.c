// SPDX-License-Identifier: BSD-2-Clause
/* The PL011 mapped from device untyped; see uart.h. */
#include <tessera/invoke.h>
#include <tessera/objects.h>

#include "alloc.h"
#include "uart.h"
#include "vspace.h"

#define PL011_DR      0x000
#define PL011_FR      0x018
#define PL011_FR_TXFF (1U << 5)

static volatile uint32_t *uart;

int ut_pad_plan(uint64_t from, uint64_t to, unsigned *bits, int max)
{
	int n = 0;

	if (from > to || from % (1U << OBJ_UNTYPED_MIN_BITS) || to % (1U << OBJ_UNTYPED_MIN_BITS))
		return -1;
	while (from < to) {
		unsigned b = OBJ_UNTYPED_MAX_BITS;
		while (b > OBJ_UNTYPED_MIN_BITS &&
		       ((from & ((1ULL << b) - 1)) != 0 || to - from < (1ULL << b)))
			b--;
		if (n == max)
			return -1;
		bits[n++] = b;
		from += 1ULL << b;
	}
	return n;
}

/* The device untyped holding paddr, as an index into untyped_list, or -1. */
static int device_untyped(const struct bootinfo *bi, uint64_t paddr)
{
	uint64_t n = bi->untyped.end - bi->untyped.start;

	for (uint64_t i = 0; i < n && i < BOOTINFO_MAX_UNTYPED; i++) {
		const struct bootinfo_untyped *ut = &bi->untyped_list[i];
		if (ut->is_device && paddr >= ut->paddr &&
		    paddr - ut->paddr < (1ULL << ut->size_bits))
			return (int)i;
	}
	return -1;
}

static enum tessera_err retype_one(tsr_cptr_t ut, unsigned type, unsigned size_bits,
				   tsr_cptr_t slot)
{
	return tsr_untyped_retype(ut, type, size_bits, SLOT_INIT_CNODE, SLOT_INIT_CNODE, TSR_DEPTH,
				  slot, 1);
}

/* Where each device untyped hands out its next object (0: its base). */
static uint64_t watermark[BOOTINFO_MAX_UNTYPED];
/* The UART's frame, kept by init; a component gets copies of it. */
static uint64_t uart_page;
static tsr_cptr_t uart_frame;

enum tessera_err devmem_frame(const struct bootinfo *bi, uint64_t paddr, tsr_cptr_t slot)
{
	unsigned bits[UART_PAD_MAX];
	int i = device_untyped(bi, paddr);
	enum tessera_err err;

	if (uart_frame != 0 && paddr == uart_page)
		return tsr_cnode_copy(SLOT_INIT_CNODE, slot, TSR_DEPTH, SLOT_INIT_CNODE, uart_frame,
				      TSR_DEPTH, RIGHT_READ | RIGHT_WRITE);
	if (i < 0 || (paddr & 0xfff))
		return ERR_INVALID_ARGUMENT;
	uint64_t from = watermark[i] ? watermark[i] : bi->untyped_list[i].paddr;
	if (paddr < from)
		return ERR_RANGE; /* handed out already */
	tsr_cptr_t ut = bi->untyped.start + (uint64_t)i;
	int n = ut_pad_plan(from, paddr, bits, UART_PAD_MAX);
	if (n < 0)
		return ERR_RANGE;
	for (int k = 0; k < n; k++) {
		/* Padding, kept in init's CNode: the watermark moves past it. */
		tsr_cptr_t pad = alloc_slot();
		if (pad == 0)
			return ERR_NOT_ENOUGH_MEMORY;
		if ((err = retype_one(ut, OBJ_UNTYPED, bits[k], pad)) != ERR_OK)
			return err;
	}
	if ((err = retype_one(ut, OBJ_FRAME_4K, 0, slot)) != ERR_OK)
		return err;
	watermark[i] = paddr + 0x1000;
	return ERR_OK;
}

enum tessera_err uart_map(const struct bootinfo *bi)
{
	uint64_t page = bi->uart_paddr & ~0xfffULL;
	tsr_cptr_t slot = alloc_slot();
	enum tessera_err err;

	if (slot == 0)
		return ERR_NOT_ENOUGH_MEMORY;
	if ((err = devmem_frame(bi, page, slot)) != ERR_OK)
		return err;
	uart_page = page;
	uart_frame = slot;
	err = vs_map(SLOT_INIT_VSPACE, slot, INIT_UART_VADDR, RIGHT_READ | RIGHT_WRITE, MAP_DEVICE);
	if (err == ERR_OK)
		uart = (volatile uint32_t *)(INIT_UART_VADDR + (bi->uart_paddr & 0xfff));
	return err;
}

void uart_write(const char *buf, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (buf[i] == '\n')
			uart_write("\r", 1);
		while (uart[PL011_FR / 4] & PL011_FR_TXFF)
			;
		uart[PL011_DR / 4] = (unsigned char)buf[i];
	}
}

/* PL011 TRM (DDI 0183) 3.3: FR.RXFE bit 4; IMSC (0x038) RXIM bit 4, RTIM bit 6. */
#define PL011_FR_RXFE (1U << 4)
#define PL011_IMSC    0x038

void uart_rx_enable(void)
{
	if (uart != 0)
		uart[PL011_IMSC / 4] |= (1U << 4) | (1U << 6);
}

int uart_getc(void)
{
	if (uart == 0 || (uart[PL011_FR / 4] & PL011_FR_RXFE))
		return -1;
	return (int)(uart[PL011_DR / 4] & 0xff);
}
