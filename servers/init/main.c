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
#include "boot.h"
#include "serve.h"
#include "spawn.h"

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

int main(void)
{
	const struct bootinfo *bi = tsr_bootinfo;
	struct serve_state s = {.stop_after = 1, .idle = boot_drain_log};
	struct proc ping;

	alloc_init(bi);
	boot_summary(bi);
	check("bootinfo_abi", bi->abi_version == TESSERA_ABI_VERSION);
	boot_take_console(bi);
	boot_drain_log();
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
		check("console_ipc", s.console_bytes > 0); /* ping's printf came by IPC */
	}
	printf("SUMMARY init %d %d\n", passed, failed);
	printf("init: %llu KiB of RAM untyped left; serving\n",
	       (unsigned long long)(alloc_free_bytes() >> 10));
	s.stop_after = 0;
	for (;;) {
		err = serve(&s);
		printf("init: receive failed: %d\n", err);
		boot_drain_log();
	}
}
