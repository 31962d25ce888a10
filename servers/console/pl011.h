/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The console's PL011 driver (Arm PrimeCell UART PL011 TRM, DDI 0183G,
 * section 3.3: UARTDR 0x000, UARTFR 0x018, UARTIMSC 0x038, UARTICR 0x044).
 * Transmit polls the TX FIFO full flag; receive is interrupt-driven.
 */
#ifndef CONSOLE_PL011_H
#define CONSOLE_PL011_H

#include <stddef.h>
#include <stdint.h>

/* Writes len bytes, each '\n' as "\r\n". */
void pl011_write(volatile uint32_t *regs, const char *buf, size_t len);

/* The next received byte, or -1 when the receive FIFO is empty. */
int pl011_getc(volatile uint32_t *regs);

/* Unmasks the receive and receive-timeout interrupts. */
void pl011_enable_rx_irq(volatile uint32_t *regs);

#endif
