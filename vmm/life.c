// SPDX-License-Identifier: BSD-2-Clause
/*
 * Lifecycle hooks for init's VM manager (<tessera/vmstats.h>, docs/vmm.md
 * "Lifecycle hooks"): the statistics block in our control thread's IPC
 * buffer frame, watchdog pings and fault injections that arrive as bits of
 * our notification, and the power requests we Send to init when the guest
 * asks PSCI SYSTEM_OFF or SYSTEM_RESET.
 * Test hooks (the guest's command line; scenario vms_fault): at the
 * "tessera.hook_at=E"th exit (default LIFE_HOOK_EXITS), "tessera.inject=N"
 * performs injection N as if init had asked, "tessera.poke=IPA:VALUE"
 * stores the 64-bit VALUE at guest address IPA (a mailbox word).
 */
#include <stdlib.h>
#include <string.h>
#include <tessera/runtime.h>
#include <tessera/sys.h>
#include <tessera/vmstats.h>

#include "vmm.h"

#define LIFE_HOOK_EXITS 400

static volatile struct vmm_stats *stats;
static uint64_t exits, hook_at;
static unsigned hook_inject;
static uint64_t hook_ipa, hook_value;

static void hooks_parse(const char *args)
{
	const char *p;

	exits = 0;
	hook_at = LIFE_HOOK_EXITS;
	hook_inject = 0;
	hook_ipa = hook_value = 0;
	if (args == 0)
		return;
	if ((p = strstr(args, "tessera.inject=")) != 0)
		hook_inject = (unsigned)strtoul(p + strlen("tessera.inject="), 0, 0);
	if ((p = strstr(args, "tessera.hook_at=")) != 0)
		hook_at = strtoull(p + strlen("tessera.hook_at="), 0, 0);
	if ((p = strstr(args, "tessera.poke=")) != 0) {
		char *end;
		hook_ipa = strtoull(p + strlen("tessera.poke="), &end, 0);
		hook_value = *end == ':' ? strtoull(end + 1, 0, 0) : 0;
	}
}

static void hooks_run(void)
{
	uint64_t *word = hook_ipa != 0 ? vmm_gpa(hook_ipa, 8) : 0;

	if (word != 0) {
		vmm_log("test hook: %#llx stored at guest address %#llx\n",
			(unsigned long long)hook_value, (unsigned long long)hook_ipa);
		__atomic_store_n(word, hook_value, __ATOMIC_RELEASE);
	}
	if (hook_inject != 0 && stats != 0) {
		stats->inject_cmd = hook_inject;
		(void)vmm_life_notify(VMM_INJECT_BADGE);
	}
}

void vmm_life_init(void)
{
	struct ipc_buffer *b = tsr_ipcbuf();

	if (b == 0)
		return;
	hooks_parse(vmm.cfg->bootargs);
	stats = (volatile struct vmm_stats *)((uintptr_t)b + VMM_STATS_OFFSET);
	stats->exits = 0;
	stats->pongs = 0;
	stats->inject_cmd = VMM_INJECT_NONE;
	stats->reach_tried = 0;
	stats->reach_denied = 0;
	stats->powered_off = 0;
	stats->link_ok = 0;
	stats->version = VMM_STATS_VERSION;
	__atomic_store_n(&stats->magic, VMM_STATS_MAGIC, __ATOMIC_RELEASE);
}

volatile struct vmm_stats *vmm_life_stats(void)
{
	return stats;
}

void vmm_life_link_ok(void)
{
	if (stats != 0)
		stats->link_ok++;
}

void vmm_life_exit(void)
{
	if (stats != 0)
		stats->exits++;
	if (++exits == hook_at)
		hooks_run();
}

uint64_t vmm_life_notify(uint64_t bits)
{
	if (stats != 0 && (bits & VMM_PING_BADGE))
		stats->pongs++;
	if (stats != 0 && (bits & VMM_INJECT_BADGE))
		vmm_inject((unsigned)stats->inject_cmd);
	return bits & ~VMM_LIFE_BADGES;
}

void vmm_life_power(bool reset)
{
	const struct tsr_vm_config *c = vmm.cfg;
	struct tsr_msg m = {.info = tsr_msginfo(reset ? VMM_REQ_RESET : VMM_REQ_POWER_OFF, 0, 0)};

	if (stats != 0)
		stats->powered_off = reset ? 2 : 1;
	if (c->init_ep_slot == 0)
		return;
	enum tessera_err e = tsr_send(c->init_ep_slot, &m);
	if (e != ERR_OK)
		vmm_log("power request to init failed (%d)\n", e);
}
