// SPDX-License-Identifier: BSD-2-Clause
/* PL011 polled output for early boot and panic (PL011 TRM DDI 0183, 3.3). */
#include <kernel/arch.h>
#include <platform.h>

#define UART_DR	     0x00
#define UART_FR	     0x18
#define UART_FR_TXFF (1U << 5)

void arch_console_putc(char c)
{
	while (mmio_read32(PLAT_UART_BASE + UART_FR) & UART_FR_TXFF)
		;
	mmio_write32(PLAT_UART_BASE + UART_DR, (uint8_t)c);
}
