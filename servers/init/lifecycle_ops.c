// SPDX-License-Identifier: BSD-2-Clause
/* Stopping, starting, pausing a group; see lifecycle.h. */
#include <stdio.h>
#include <string.h>
#include <tessera/invoke.h>
#include <tessera/objects.h>

#include "klog.h"
#include "lifecycle.h"
#include "pool.h"
#include "vspace.h"

/* init's window on the VMMs' statistics pages: one page per group. */
#define LC_STATS_VADDR 0x0e400000UL

static const char *kind_name(const struct lc_group *g)
{
	return g->kind == LC_VM ? "vm" : "server";
}

/* The thread whose IPC buffer frame holds the statistics block: a VMM's
 * control thread (it has a bound notification), or a server's first thread
 * with an IPC buffer. */
static const struct tsr_spec_thread *stats_thread(const struct lc_group *g)
{
	const struct tsr_spec_space *sp = &lc.r->spec->spaces[g->space[0]];

	for (uint32_t i = 0; i < sp->num_threads; i++)
		if (sp->threads[i].ipcbuf_object >= 0 &&
		    (g->kind == LC_SERVER || sp->threads[i].bound_ntfn >= 0))
			return &sp->threads[i];
	return 0;
}

static const struct tsr_spec_thread *vmm_thread(const struct lc_group *g)
{
	return g->kind == LC_VM ? stats_thread(g) : 0;
}

/* A VMM: a badged cap to its notification (for pings and injections).
 * Every group: its statistics page mapped in init (<tessera/vmstats.h>;
 * valid once its magic is set). Both derive from the group's objects and
 * vanish with them. Page tables for the window are init's own. */
static void attach_vmm(int gi)
{
	struct lc_group *g = &lc.g[gi];
	const struct tsr_spec_thread *t = stats_thread(g);

	g->ping = 0;
	g->stats = 0;
	if (t == 0)
		return;
	tsr_cptr_t ping = g->kind == LC_VM ? alloc_slot() : 0, page = alloc_slot();
	if (ping != 0 && tsr_cnode_mint(SLOT_INIT_CNODE, ping, TSR_DEPTH, SLOT_INIT_CNODE,
					lc.r->slot[t->bound_ntfn], TSR_DEPTH, RIGHT_WRITE,
					VMM_PING_BADGE) == ERR_OK)
		g->ping = ping;
	uint64_t va = LC_STATS_VADDR + (uint64_t)gi * 4096;
	if (page == 0 ||
	    tsr_cnode_copy(SLOT_INIT_CNODE, page, TSR_DEPTH, SLOT_INIT_CNODE,
			   lc.r->slot[t->ipcbuf_object], TSR_DEPTH, RIGHTS_ALL) != ERR_OK)
		return;
	alloc_set_group(ALLOC_GROUP_INIT);
	enum tessera_err err = vs_map(SLOT_INIT_VSPACE, page, va, RIGHT_READ | RIGHT_WRITE, 0);
	alloc_set_group(gi);
	if (err == ERR_OK)
		g->stats = (volatile struct vmm_stats *)(va + VMM_STATS_OFFSET);
}

/* Signals the VMM's notification with badge (VMM_PING_BADGE or
 * VMM_INJECT_BADGE, minted on demand for the latter). */
enum tessera_err lc_signal_vmm(int gi, uint64_t badge)
{
	struct lc_group *g = &lc.g[gi];
	const struct tsr_spec_thread *t = g->kind == LC_VM ? vmm_thread(g) : 0;

	if (!lc.live[gi] || t == 0)
		return ERR_ILLEGAL_OPERATION;
	if (badge == VMM_PING_BADGE)
		return g->ping != 0 ? tsr_signal(g->ping) : ERR_ILLEGAL_OPERATION;
	alloc_set_group(gi);
	tsr_cptr_t c = alloc_slot();
	enum tessera_err err = c == 0 ? ERR_NOT_ENOUGH_MEMORY : ERR_OK;
	if (err == ERR_OK)
		err = tsr_cnode_mint(SLOT_INIT_CNODE, c, TSR_DEPTH, SLOT_INIT_CNODE,
				     lc.r->slot[t->bound_ntfn], TSR_DEPTH, RIGHT_WRITE, badge);
	if (err == ERR_OK)
		err = tsr_signal(c);
	if (c != 0) {
		(void)!tsr_cnode_delete(SLOT_INIT_CNODE, c, TSR_DEPTH);
		alloc_free_slot(c);
	}
	alloc_set_group(ALLOC_GROUP_INIT);
	return err;
}

enum tessera_err lc_stop(int gi, const char *why)
{
	struct lc_group *g = &lc.g[gi];

	if (!lc.live[gi]) {
		printf("init: %s %s is not running\n", kind_name(g), g->name);
		return ERR_ILLEGAL_OPERATION;
	}
	g->stats = 0;
	g->ping = 0;
	enum tessera_err err = pool_revoke(gi);
	unsigned slots = alloc_release_slots(gi);
	lc.live[gi] = 0;
	g->state = LC_STOPPED;
	klog_service(); /* init drains the log itself if g held it */
	printf("init: %s %s stopped (%s): resources released: %u slots, pool %llu of %llu KiB "
	       "free%s\n",
	       kind_name(g), g->name, why, slots,
	       (unsigned long long)(pool_kernel_free_bytes(gi) >> 10),
	       (unsigned long long)(pool_bytes(gi) >> 10), err == ERR_OK ? "" : " (revoke failed)");
	return err;
}

static enum tessera_err build(int gi)
{
	struct realise *r = lc.r;
	struct lc_group *g = &lc.g[gi];
	enum tessera_err err = realise_group_objects(r, gi);

	for (unsigned i = 0; err == ERR_OK && i < g->nspaces; i++) {
		r->stats[g->space[i]] = (struct realise_stats){0};
		err = realise_space(r, g->space[i]);
	}
	if (err == ERR_OK)
		err = realise_recap(r, gi);
	if (err == ERR_OK) {
		alloc_set_group(gi);
		attach_vmm(gi);
		alloc_set_group(ALLOC_GROUP_INIT);
		err = realise_start_group(r, gi);
	}
	return err;
}

enum tessera_err lc_start(int gi)
{
	struct lc_group *g = &lc.g[gi];

	if (lc.live[gi]) {
		printf("init: %s %s is %s already\n", kind_name(g), g->name,
		       lc_state_name(g->state));
		return ERR_ILLEGAL_OPERATION;
	}
	lc.live[gi] = 1;
	g->last_pongs = 0;
	g->misses = 0;
	enum tessera_err err = build(gi);
	if (err != ERR_OK) {
		printf("init: %s %s: start failed (%d)\n", kind_name(g), g->name, err);
		(void)!lc_stop(gi, "start failed");
		return err;
	}
	g->state = LC_RUNNING;
	g->starts++;
	g->started_at = lc_now();
	printf("init: %s %s started (start %u)\n", kind_name(g), g->name, g->starts);
	return ERR_OK;
}

void lc_booted(void)
{
	for (unsigned gi = 0; gi < lc.n; gi++) {
		alloc_set_group((int)gi);
		attach_vmm((int)gi);
		lc.g[gi].state = LC_RUNNING;
		lc.g[gi].starts = 1;
		lc.g[gi].started_at = lc_now();
	}
	alloc_set_group(ALLOC_GROUP_INIT);
}

enum tessera_err lc_restart(int gi, const char *why)
{
	enum tessera_err err = lc.live[gi] ? lc_stop(gi, why) : ERR_OK;

	lc.g[gi].restarts++;
	return err == ERR_OK ? lc_start(gi) : err;
}

/* Suspends or resumes a VM's vCPUs. Its VMM stays as it is: idle, with
 * no exits to serve, answering the watchdog. A vCPU whose pc is still 0
 * (never started by its VMM) is not resumed. A vCPU suspended in the
 * middle of an exit takes it again when resumed (its pc was not moved). */
static enum tessera_err each_vcpu(int gi, bool resume)
{
	const struct lc_group *g = &lc.g[gi];
	enum tessera_err first = ERR_OK;
	const struct tsr_spec_space *sp = &lc.r->spec->spaces[g->space[1]];

	for (uint32_t k = 0; k < sp->num_threads; k++) {
		tsr_cptr_t tcb = lc.r->slot[sp->threads[k].tcb] + sp->threads[k].tcb_index;
		uint64_t pc = 0;
		enum tessera_err err;
		if (!resume)
			err = tsr_tcb_suspend(tcb);
		else if (tsr_tcb_read_regs(tcb, 1, &pc) == ERR_OK && pc == 0)
			continue;
		else
			err = tsr_tcb_resume(tcb);
		if (err != ERR_OK && first == ERR_OK)
			first = err;
	}
	return first;
}

enum tessera_err lc_pause(int gi)
{
	struct lc_group *g = &lc.g[gi];

	if (g->kind != LC_VM || g->state != LC_RUNNING) {
		printf("init: %s %s is %s: only a running VM can be paused\n", kind_name(g),
		       g->name, lc_state_name(g->state));
		return ERR_ILLEGAL_OPERATION;
	}
	enum tessera_err err = each_vcpu(gi, false);
	g->state = LC_PAUSED;
	printf("init: %s %s paused\n", kind_name(g), g->name);
	return err;
}

enum tessera_err lc_resume(int gi)
{
	struct lc_group *g = &lc.g[gi];

	if (g->state != LC_PAUSED) {
		printf("init: %s %s is %s, not paused\n", kind_name(g), g->name,
		       lc_state_name(g->state));
		return ERR_ILLEGAL_OPERATION;
	}
	enum tessera_err err = each_vcpu(gi, true);
	g->state = LC_RUNNING;
	g->misses = 0;
	printf("init: %s %s resumed\n", kind_name(g), g->name);
	return err;
}

/* The frame of g's guest RAM holding gpa: init's own cap, and the offset. */
static tsr_cptr_t guest_frame(int gi, uint64_t gpa, uint64_t *off, bool *large)
{
	const struct lc_group *g = &lc.g[gi];
	const struct tsr_spec *spec = lc.r->spec;

	if (g->kind != LC_VM || !lc.live[gi] || g->nspaces < 2)
		return 0;
	const struct tsr_spec_space *sp = &spec->spaces[g->space[1]];
	for (uint32_t i = 0; i < sp->num_maps; i++) {
		const struct tsr_spec_mapping *m = &sp->maps[i];
		uint64_t size = (uint64_t)m->count << m->page_bits;
		if (spec->objects[m->object].is_device || gpa < m->vaddr || gpa - m->vaddr >= size)
			continue;
		uint64_t k = (gpa - m->vaddr) >> m->page_bits;
		*off = (gpa - m->vaddr) & ((1ULL << m->page_bits) - 1);
		*large = m->page_bits == 21;
		return lc.r->slot[m->object] + m->first + k;
	}
	return 0;
}

static volatile uint64_t *guest_word(int gi, uint64_t gpa, tsr_cptr_t *frame)
{
	uint64_t off;
	bool large;

	*frame = gpa % 8 == 0 ? guest_frame(gi, gpa, &off, &large) : 0;
	if (*frame == 0)
		return 0;
	unsigned char *view = large ? vs_scratch_map_large(*frame) : vs_scratch_map(*frame);
	return view == 0 ? 0 : (volatile uint64_t *)(view + off);
}

enum tessera_err lc_poke_guest(int gi, uint64_t gpa, uint64_t value)
{
	tsr_cptr_t frame;
	volatile uint64_t *w = guest_word(gi, gpa, &frame);

	if (w == 0)
		return ERR_RANGE;
	*w = value;
	__asm__ volatile("dsb ish" ::: "memory");
	vs_scratch_unmap(frame);
	return ERR_OK;
}

uint64_t lc_peek_guest(int gi, uint64_t gpa)
{
	tsr_cptr_t frame;
	volatile uint64_t *w = guest_word(gi, gpa, &frame);
	uint64_t v = w != 0 ? *w : 0;

	if (w != 0)
		vs_scratch_unmap(frame);
	return v;
}
