/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * init's own console: the PL011 UART (PL011 TRM, DDI 0183: DR at 0x000,
 * FR at 0x018, FR.TXFF bit 5), mapped from the device untyped that covers
 * bootinfo.uart_paddr. Device untyped retype hands out objects only at the
 * watermark, which starts at the untyped's base: so init first retypes
 * padding up to the UART's page as a few untyped objects (largest aligned
 * first, ut_pad_plan), keeping them for other devices, then one 4 KiB
 * frame, mapped with MAP_DEVICE at INIT_UART_VADDR. devmem_frame hands
 * out device frames for components the same way (a watermark per device
 * untyped); the UART's page, which init keeps, is given as a copy of
 * init's cap (servers/console takes the UART over).
 */
#ifndef INIT_UART_H
#define INIT_UART_H

#include <stddef.h>
#include <stdint.h>
#include <tessera/bootinfo.h>
#include <tessera/errors.h>
#include <tessera/invoke.h>

#define UART_PAD_MAX 64

/* Splits [from, to) (both 16-byte aligned, from <= to) into at most max
 * naturally aligned power-of-two blocks, largest first where alignment
 * allows; bits[i] is log2 of block i. Returns the count, or -1. */
int ut_pad_plan(uint64_t from, uint64_t to, unsigned *bits, int max);

/* Maps the UART; on success console output may use uart_write. */
enum tessera_err uart_map(const struct bootinfo *bi);

/* Retypes the 4 KiB device frame at paddr into slot of init's CNode (or
 * copies init's UART frame cap there). ERR_RANGE: the page lies below the
 * untyped's watermark (handed out already); ERR_INVALID_ARGUMENT: no
 * device untyped covers paddr, or it is not page aligned. */
TSR_MUST_CHECK enum tessera_err devmem_frame(const struct bootinfo *bi, uint64_t paddr,
					     tsr_cptr_t slot);
void uart_write(const char *buf, size_t len);
/* Receive interrupts on (RX and RX timeout); the next received byte or -1. */
void uart_rx_enable(void);
int uart_getc(void);

#endif
