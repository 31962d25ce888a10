// SPDX-License-Identifier: BSD-2-Clause
/* init's start-up steps shared by every init image; see boot.h. */
#include <stdio.h>
#include <tessera/log_ring.h>
#include <tessera/runtime.h>
#include <tessera/version.h>

#include "boot.h"
#include "uart.h"

static void console_sink(void *ctx, const char *buf, size_t len)
{
	(void)ctx;
	tsr_console_write(buf, len);
}

void boot_drain_log(void)
{
	fflush(stdout);
	log_ring_drain((struct log_ring *)LOG_RING_VADDR, LOG_RING_ALL, console_sink, 0);
}

void boot_summary(const struct bootinfo *bi)
{
	uint64_t ram = 0, dev = 0, n = bi->untyped.end - bi->untyped.start;

	for (uint64_t i = 0; i < n && i < BOOTINFO_MAX_UNTYPED; i++) {
		uint64_t size = 1ULL << bi->untyped_list[i].size_bits;
		if (bi->untyped_list[i].is_device)
			dev += size;
		else
			ram += size;
	}
	printf("init: Tessera %s, ABI %llu, %llu cores, %llu untyped caps: %llu MiB RAM, "
	       "%llu MiB device; archive %llu KiB\n",
	       TESSERA_VERSION, (unsigned long long)bi->abi_version,
	       (unsigned long long)bi->num_cores, (unsigned long long)n,
	       (unsigned long long)(ram >> 20), (unsigned long long)(dev >> 20),
	       (unsigned long long)(bi->archive_size >> 10));
}

void boot_take_console(const struct bootinfo *bi)
{
	enum tessera_err err = uart_map(bi);

	if (err == ERR_OK) {
		fflush(stdout);
		tsr_console_set_sink(uart_write);
	}
	printf("init: console on %s (uart map: %d)\n", err == ERR_OK ? "PL011" : "debug putc", err);
}
