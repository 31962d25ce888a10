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
				   tsr_cptr_t *slot)
{
	*slot = alloc_slot();
	if (*slot == 0)
		return ERR_NOT_ENOUGH_MEMORY;
	return tsr_untyped_retype(ut, type, size_bits, SLOT_INIT_CNODE, SLOT_INIT_CNODE, TSR_DEPTH,
				  *slot, 1);
}

enum tessera_err uart_map(const struct bootinfo *bi)
{
	unsigned bits[UART_PAD_MAX];
	uint64_t page = bi->uart_paddr & ~0xfffULL;
	int i = device_untyped(bi, page);
	tsr_cptr_t slot;
	enum tessera_err err;

	if (i < 0)
		return ERR_INVALID_ARGUMENT;
	tsr_cptr_t ut = bi->untyped.start + (uint64_t)i;
	/* Assumes the device untyped is fresh: its watermark is its base. */
	int n = ut_pad_plan(bi->untyped_list[i].paddr, page, bits, UART_PAD_MAX);
	if (n < 0)
		return ERR_RANGE;
	for (int k = 0; k < n; k++)
		if ((err = retype_one(ut, OBJ_UNTYPED, bits[k], &slot)) != ERR_OK)
			return err;
	if ((err = retype_one(ut, OBJ_FRAME_4K, 0, &slot)) != ERR_OK)
		return err;
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
