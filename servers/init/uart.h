/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * init's own console: the PL011 UART (PL011 TRM, DDI 0183: DR at 0x000,
 * FR at 0x018, FR.TXFF bit 5), mapped from the device untyped that covers
 * bootinfo.uart_paddr. Device untyped retype hands out objects only at the
 * watermark, which starts at the untyped's base: so init first retypes
 * padding up to the UART's page as a few untyped objects (largest aligned
 * first, ut_pad_plan), keeping them for other devices, then one 4 KiB
 * frame, mapped with MAP_DEVICE at INIT_UART_VADDR.
 */
#ifndef INIT_UART_H
#define INIT_UART_H

#include <stddef.h>
#include <stdint.h>
#include <tessera/bootinfo.h>
#include <tessera/errors.h>

#define UART_PAD_MAX 64

/* Splits [from, to) (both 16-byte aligned, from <= to) into at most max
 * naturally aligned power-of-two blocks, largest first where alignment
 * allows; bits[i] is log2 of block i. Returns the count, or -1. */
int ut_pad_plan(uint64_t from, uint64_t to, unsigned *bits, int max);

/* Maps the UART; on success console output may use uart_write. */
enum tessera_err uart_map(const struct bootinfo *bi);
void uart_write(const char *buf, size_t len);

#endif
