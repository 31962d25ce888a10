// SPDX-License-Identifier: BSD-2-Clause
/* Draining the kernel log or handing it to its holder; see klog.h. */
#include <stdio.h>
#include <string.h>
#include <tessera/invocation.h>
#include <tessera/invoke.h>
#include <tessera/objects.h>

#include "alloc.h"
#include "boot.h"
#include "klog.h"
#include "lifecycle.h"

volatile struct log_ring *klog_ring_view = (volatile struct log_ring *)LOG_RING_VADDR;
#define RING klog_ring_view

static bool booted, holder_dead;
static tsr_cptr_t wake_cap;  /* Write cap to the holder's notification, badge 1 */
static unsigned wake_starts; /* the holder's start it was minted for */
static uint64_t woken_at;    /* head when the holder was last woken */

static const struct tsr_spec_klog *holder(void)
{
	return lc.r != 0 ? lc.r->spec->klog : 0;
}

static int holder_group(void)
{
	return lc.space_group[holder()->space];
}

bool klog_held(void)
{
	if (!booted || holder() == 0 || holder_dead)
		return false;
	int g = holder_group();
	return g == ALLOC_GROUP_INIT || lc.live[g];
}

void klog_handover(void)
{
	booted = true;
	if (holder() != 0)
		printf(
		    "init: kernel log: drained by %s from now on (by init while it is stopped)\n",
		    lc.r->spec->spaces[holder()->space].name);
}

/* An empty slot (tcb false) or a new TCB of init's own group (never
 * released by a stop). */
static tsr_cptr_t own(bool tcb)
{
	int saved = alloc_group();

	alloc_set_group(ALLOC_GROUP_INIT);
	tsr_cptr_t c = tcb ? alloc_object(OBJ_TCB, 0) : alloc_slot();
	alloc_set_group(saved);
	return c;
}

/* The holder's notification is made again at each start: mint anew. */
static bool wake_holder(void)
{
	int g = holder_group();
	unsigned starts = g == ALLOC_GROUP_INIT ? 1 : lc.g[g].starts;

	if (wake_cap == 0)
		wake_cap = own(false);
	if (wake_cap == 0)
		return false;
	if (wake_starts != starts) {
		(void)!tsr_cnode_delete(SLOT_INIT_CNODE, wake_cap, TSR_DEPTH);
		if (tsr_cnode_mint(SLOT_INIT_CNODE, wake_cap, TSR_DEPTH, SLOT_INIT_CNODE,
				   lc.r->slot[holder()->ntfn], TSR_DEPTH, RIGHT_WRITE, 1) != ERR_OK)
			return false;
		wake_starts = starts;
	}
	return tsr_signal(wake_cap) == ERR_OK;
}

void klog_service(void)
{
	if (!klog_held()) {
		boot_drain_log();
		return;
	}
	uint64_t head = RING->head;
	if (head != RING->tail && head != woken_at && wake_holder())
		woken_at = head;
}

void klog_fault(const char *space)
{
	if (holder() == 0 || strcmp(space, lc.r->spec->spaces[holder()->space].name) != 0 ||
	    holder_group() != ALLOC_GROUP_INIT)
		return;
	holder_dead = true;
	printf("init: kernel log: %s faulted; init drains the log again\n", space);
	boot_drain_log();
}

void klog_probe(void)
{
	static tsr_cptr_t tcb;
	const tsr_cptr_t caps[2] = {SLOT_INIT_CNODE, SLOT_INIT_VSPACE};
	const uint64_t words[2] = {0 /* no fault endpoint */, 0 /* no IPC buffer */};
	const uint64_t regs[3] = {0 /* pc: unmapped */, 0, 0 /* EL0t */};
	enum tessera_err err = ERR_OK;

	if (tcb == 0) {
		tcb = own(true);
		err = tcb == 0 ? ERR_NOT_ENOUGH_MEMORY
			       : tsr_invoke(tcb, INV_TCB_CONFIGURE, 2, caps, 2, words, 0);
		/* above every component and VM: it runs (and faults) as soon as
		 * init waits, on init's core */
		if (err == ERR_OK)
			err = tsr_tcb_set_priority(tcb, 254);
	}
	if (err == ERR_OK)
		err = tsr_tcb_write_regs(tcb, 1, 3, regs);
	printf("init: klogprobe: a thread without a fault handler jumps to 0 (error %d); the "
	       "kernel logs its fault (drained by %s)\n",
	       err, klog_held() ? lc.r->spec->spaces[holder()->space].name : "init");
	if (err != ERR_OK)
		tcb = 0;
}
