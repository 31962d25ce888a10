// SPDX-License-Identifier: BSD-2-Clause
/*
 * init, the root task (docs/userland.md). For now it: reports the boot
 * information, takes over the console (UART from device untyped, else the
 * kernel's debug putc), drains the kernel log ring, starts "ping" from the
 * boot archive and serves its requests. Later it realises the capability
 * distribution generated from the system description.
 */
#include <stdio.h>
#include <tessera/invoke.h>
#include <tessera/objects.h>
#include <tessera/proc.h>
#include <tessera/runtime.h>
#include <tessera/version.h>

#include "alloc.h"
#include "log.h"
#include "serve.h"
#include "spawn.h"
#include "uart.h"

TSR_HEAP_SIZE(4UL << 20);

#define PRIO_CLIENT 100

static int passed, failed;

static void check(const char *name, int ok)
{
	printf("TEST init.%s %s\n", name, ok ? "PASS" : "FAIL");
	if (ok)
		passed++;
	else
		failed++;
}

static void drain_log(void)
{
	fflush(stdout);
	log_ring_drain((struct log_ring *)LOG_RING_VADDR, tsr_console_write);
}

static void summary(const struct bootinfo *bi)
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

static void take_console(const struct bootinfo *bi)
{
	enum tessera_err err = uart_map(bi);

	if (err == ERR_OK) {
		fflush(stdout);
		tsr_console_set_sink(uart_write);
	}
	printf("init: console on %s (uart map: %d)\n", err == ERR_OK ? "PL011" : "debug putc", err);
}

int main(void)
{
	const struct bootinfo *bi = tsr_bootinfo;
	struct serve_state s = {.stop_after = 1, .idle = drain_log};
	struct proc ping;

	alloc_init(bi);
	summary(bi);
	check("bootinfo_abi", bi->abi_version == TESSERA_ABI_VERSION);
	take_console(bi);
	drain_log();
	s.endpoint = alloc_object(OBJ_ENDPOINT, 0);
	s.reply = alloc_object(OBJ_REPLY, 0);
	check("objects", s.endpoint != 0 && s.reply != 0);
	check("bind_log_notification",
	      tsr_tcb_bind_notification(SLOT_INIT_TCB, SLOT_LOG_NOTIFICATION) == ERR_OK);
	const struct spawn_args args = {
	    .name = "ping",
	    .endpoint = s.endpoint,
	    .service_badge = BADGE_CLIENT | 1,
	    .fault_badge = BADGE_FAULT | 1,
	    .priority = PRIO_CLIENT,
	};
	enum tessera_err err = spawn(bi, &args, &ping);
	check("spawn_ping", err == ERR_OK);
	if (err == ERR_OK) {
		err = serve(&s);
		check("serve", err == ERR_OK && s.faults == 0);
		check("ping_client", s.client_passed > 0 && s.client_failed == 0);
	}
	printf("SUMMARY init %d %d\n", passed, failed);
	printf("init: %llu KiB of RAM untyped left; serving\n",
	       (unsigned long long)(alloc_free_bytes() >> 10));
	s.stop_after = 0;
	for (;;) {
		err = serve(&s);
		printf("init: receive failed: %d\n", err);
		drain_log();
	}
}
