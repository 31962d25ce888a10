// SPDX-License-Identifier: BSD-2-Clause
/*
 * Lifecycle hooks for init's VM manager (<tessera/vmstats.h>, docs/vmm.md
 * "Lifecycle hooks"): the statistics block in our control thread's IPC
 * buffer frame, watchdog pings and fault injections that arrive as bits of
 * our notification, and the power requests we Send to init when the guest
 * asks PSCI SYSTEM_OFF or SYSTEM_RESET.
 */
#include <string.h>
#include <tessera/runtime.h>
#include <tessera/sys.h>
#include <tessera/vmstats.h>

#include "vmm.h"

static volatile struct vmm_stats *stats;

void vmm_life_init(void)
{
	struct ipc_buffer *b = tsr_ipcbuf();

	if (b == 0)
		return;
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
