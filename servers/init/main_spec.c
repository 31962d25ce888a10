// SPDX-License-Identifier: BSD-2-Clause
/*
 * init for a generated system (docs/userland.md "init realising a spec"):
 * the spec of configs/<name>.tsr is linked in as tsr_spec. init reports the
 * boot information, takes the console, realises the spec (realise.h),
 * prints one line per component, then becomes the lifecycle manager
 * (lifecycle.h, manager.h): faults stop or restart the offender's group,
 * the watchdog pings the VMMs, the shell takes commands on the console.
 */
#include <stdio.h>
#include <string.h>
#include <tessera/fault.h>
#include <tessera/invoke.h>
#include <tessera/objects.h>
#include <tessera/runtime.h>
#include <tessera/version.h>

#include "alloc.h"
#include "archive.h"
#include "boot.h"
#include "klog.h"
#include "lifecycle.h"
#include "manager.h"
#include "pool.h"
#include "realise.h"
#include "shell.h"

TSR_HEAP_SIZE(4UL << 20);

static enum tessera_err realise_all(struct realise *r)
{
	enum tessera_err err = realise_init(r, &tsr_spec, tsr_bootinfo);

	if (err == ERR_OK)
		err = lc_setup(r);
	if (err == ERR_OK)
		err = realise_objects(r);
	for (uint32_t s = 0; err == ERR_OK && s < tsr_spec.num_spaces; s++)
		err = realise_space(r, s);
	return err == ERR_OK ? realise_start(r) : err;
}

static void report(const struct realise *r)
{
	for (uint32_t s = 0; s < tsr_spec.num_spaces; s++) {
		const struct realise_stats *st = &r->stats[s];
		bool guest = tsr_spec.spaces[s].kind == TSR_SPACE_GUEST;
		printf("init: %s %s: %u objects, %u caps, %u thread%s, %llu KiB",
		       guest ? "vm" : "component", tsr_spec.spaces[s].name, st->objects, st->caps,
		       st->threads, st->threads == 1 ? "" : "s",
		       (unsigned long long)(st->bytes >> 10));
		if (guest)
			printf(" (guest RAM and vCPUs)\n");
		else
			printf(" (image %u pages)\n", st->image_pages);
	}
	printf("init: shared (connections, init): %u objects, %llu bytes; %llu KiB of RAM "
	       "untyped left\n",
	       r->shared.objects, (unsigned long long)r->shared.bytes,
	       (unsigned long long)(alloc_free_bytes() >> 10));
}

/* Console input is init's unless a component owns the UART's interrupt. */
static bool uart_is_inits(void)
{
	for (uint32_t i = 0; i < tsr_spec.num_irqs; i++)
		if (tsr_spec.irqs[i].irq == 33)
			return false;
	return true;
}

/* init's own lines take the VMMs' console token too (tsr_console_use_token,
 * object init.vmm_console_token), briefly: init outranks a holder on its
 * own core, whose line it would otherwise cut. */
static void share_console(struct realise *r)
{
	for (uint32_t k = 0; k < tsr_spec.num_objects; k++) {
		tsr_cptr_t slot;
		if (strcmp(tsr_spec.objects[k].name, "init.vmm_console_token") != 0 ||
		    (slot = alloc_slot()) == 0)
			continue;
		if (tsr_cnode_mint(SLOT_INIT_CNODE, slot, TSR_DEPTH, SLOT_INIT_CNODE, r->slot[k],
				   TSR_DEPTH, RIGHT_READ | RIGHT_WRITE, 1) == ERR_OK) {
			tsr_console_token_wait(2);
			tsr_console_use_token(slot, 0);
		}
	}
}

/* The lifecycle manager from here on (manager.h); init.rc from the boot
 * archive runs first (configs/<system>.rc). */
static void manage(struct realise *r)
{
	size_t size;
	const char *rc = archive_find(r->bi, "init.rc", &size);

	lc_booted();
	klog_handover();
	share_console(r);
	bool input = mgr_init(r->slot[tsr_spec.fault_ep], uart_is_inits());
	for (unsigned g = 0; g < lc.n; g++)
		printf("init: %s %s: pool of %u untyped, %llu KiB (%llu KiB free)\n",
		       lc.g[g].kind == LC_VM ? "vm" : "server", lc.g[g].name, pool_parts((int)g),
		       (unsigned long long)(pool_bytes((int)g) >> 10),
		       (unsigned long long)(pool_kernel_free_bytes((int)g) >> 10));
	if (rc != 0)
		shell_run_script(rc, size);
	if (input) {
		printf("init: management shell on the console ('help' lists the commands)\n");
		shell_prompt();
	}
	mgr_run();
}

int main(void)
{
	const struct bootinfo *bi = tsr_bootinfo;
	struct realise r;

	alloc_init(bi);
	boot_summary(bi);
	boot_take_console(bi);
	boot_drain_log();
	printf("init: system %s: %u objects, %u components, %llu KiB of RAM untyped needed "
	       "(plus images), %llu KiB free\n",
	       tsr_spec.system, tsr_spec.num_objects, tsr_spec.num_spaces,
	       (unsigned long long)(tsr_spec.untyped_bytes >> 10),
	       (unsigned long long)(alloc_free_bytes() >> 10));
	int ok = bi->abi_version == TESSERA_ABI_VERSION;
	printf("TEST init.bootinfo_abi %s\n", ok ? "PASS" : "FAIL");
	enum tessera_err err = realise_all(&r);
	if (err == ERR_OK)
		report(&r);
	printf("TEST init.realise %s\n", err == ERR_OK ? "PASS" : "FAIL");
	/* Log writes wake init's receive loop from here on (klog.h). */
	int bound = err == ERR_OK &&
		    tsr_tcb_bind_notification(SLOT_INIT_TCB, SLOT_LOG_NOTIFICATION) == ERR_OK;
	printf("TEST init.bind_log_notification %s%s\n", bound ? "PASS" : "FAIL",
	       err == ERR_OK ? "" : " (not tried: the system was not realised)");
	int pass = ok + (err == ERR_OK) + bound;
	printf("SUMMARY init %d %d\n", pass, 3 - pass);
	if (bound)
		manage(&r);
	for (;;) {
		uint64_t word;
		klog_service();
		(void)tsr_wait(SLOT_LOG_NOTIFICATION, &word);
	}
}
