// SPDX-License-Identifier: BSD-2-Clause
/* Building one component from the spec; see realise.h. */
#include <stdio.h>
#include <tessera/elfload.h>
#include <tessera/errname.h>
#include <tessera/invocation.h>
#include <tessera/invoke.h>
#include <tessera/objects.h>
#include <tessera/proc.h>

#include "alloc.h"
#include "archive.h"
#include "elfmap.h"
#include "realise.h"
#include "uart.h"
#include "vspace.h"

#define TRY(r, s, what, expr)                                                                      \
	do {                                                                                       \
		enum tessera_err e_ = (expr);                                                      \
		if (e_ != ERR_OK) {                                                                \
			printf("init: component %s: %s failed: %s (error %d)\n",                   \
			       (r)->spec->spaces[s].name, what, tsr_err_name(e_), e_);             \
			return e_;                                                                 \
		}                                                                                  \
	} while (0)

/* ERR_OK if alloc_slot() gave a slot (it said why if not). */
static enum tessera_err have_slot(tsr_cptr_t slot)
{
	return slot != 0 ? ERR_OK : ERR_NOT_ENOUGH_MEMORY;
}

static unsigned cnode_bits(const struct realise *r, const struct tsr_spec_space *sp)
{
	return r->spec->objects[sp->cnode].size_bits;
}

/* The CSpace root the component's threads use: its CNode with a guard of
 * 64 - radix bits, so plain slot numbers resolve at depth 64. */
static enum tessera_err guarded_root(struct realise *r, uint32_t s)
{
	const struct tsr_spec_space *sp = &r->spec->spaces[s];
	tsr_cptr_t g = alloc_slot();

	if (g == 0)
		return ERR_NOT_ENOUGH_MEMORY;
	r->stats[s].cnode_root = g;
	return tsr_cnode_mint(SLOT_INIT_CNODE, g, TSR_DEPTH, SLOT_INIT_CNODE, r->slot[sp->cnode],
			      TSR_DEPTH, RIGHTS_ALL, tsr_cnode_guard(64 - cnode_bits(r, sp), 0));
}

/* Puts cap c of space s into its CNode: init's own unique caps moved,
 * badged ones minted, the rest copied. */
static enum tessera_err install_cap(struct realise *r, uint32_t s, const struct tsr_spec_cap *c)
{
	const struct tsr_spec_space *sp = &r->spec->spaces[s];
	tsr_cptr_t cnode = r->slot[sp->cnode];
	unsigned depth = cnode_bits(r, sp);
	tsr_cptr_t src = r->slot[c->object] + c->index;
	enum tessera_err err;

	if (c->object == sp->cnode && c->index == 0)
		src = r->stats[s].cnode_root;
	uint8_t type = r->spec->objects[c->object].type;
	if (type == OBJ_UNTYPED || type == OBJ_IRQ_CONTROL)
		/* unique caps (abi-v1.md): init hands over its own */
		err = tsr_cnode_move(cnode, c->slot, depth, SLOT_INIT_CNODE, src, TSR_DEPTH);
	else if (c->badge != 0)
		err = tsr_cnode_mint(cnode, c->slot, depth, SLOT_INIT_CNODE, src, TSR_DEPTH,
				     c->rights, c->badge);
	else
		err = tsr_cnode_copy(cnode, c->slot, depth, SLOT_INIT_CNODE, src, TSR_DEPTH,
				     c->rights);
	if (err != ERR_OK) {
		printf("init: component %s: cap slot %u (%s[%u]) failed: %d\n", sp->name, c->slot,
		       r->spec->objects[c->object].name, c->index, err);
		return err;
	}
	r->stats[s].caps++;
	return ERR_OK;
}

static int group_live(const struct realise *r, int g)
{
	return g == ALLOC_GROUP_INIT || r->group_live == 0 || r->group_live[g];
}

/* Caps to objects of a group that is stopped are left out; realise_recap
 * installs them when that group starts. */
static enum tessera_err fill_cnode(struct realise *r, uint32_t s)
{
	const struct tsr_spec_space *sp = &r->spec->spaces[s];

	for (uint32_t i = 0; i < sp->num_caps; i++) {
		const struct tsr_spec_cap *c = &sp->caps[i];
		if (!group_live(r, realise_object_group(r, (uint32_t)c->object)))
			continue;
		enum tessera_err err = install_cap(r, s, c);
		if (err != ERR_OK)
			return err;
	}
	return ERR_OK;
}

enum tessera_err realise_recap(struct realise *r, int g)
{
	for (uint32_t s = 0; s < r->spec->num_spaces; s++) {
		const struct tsr_spec_space *sp = &r->spec->spaces[s];
		int sg = realise_space_group(r, s);
		if (sg == g || !group_live(r, sg))
			continue;
		for (uint32_t i = 0; i < sp->num_caps; i++) {
			const struct tsr_spec_cap *c = &sp->caps[i];
			if (realise_object_group(r, (uint32_t)c->object) != g)
				continue;
			/* a stale cap left in the slot (none expected: revoked) */
			(void)!tsr_cnode_delete(r->slot[sp->cnode], c->slot, cnode_bits(r, sp));
			enum tessera_err err = install_cap(r, s, c);
			if (err != ERR_OK)
				return err;
		}
	}
	return ERR_OK;
}

/* Every mapping maps its own copy of the frame cap (a cap maps once). */
static enum tessera_err map_frames(struct realise *r, uint32_t s)
{
	const struct tsr_spec_space *sp = &r->spec->spaces[s];
	tsr_cptr_t vspace = r->slot[sp->vspace];

	for (uint32_t i = 0; i < sp->num_tables; i++) {
		const struct tsr_spec_table *t = &sp->tables[i];
		TRY(r, s, "page table map",
		    tsr_page_table_map(r->slot[t->object] + t->index, vspace, t->vaddr));
	}
	for (uint32_t i = 0; i < sp->num_maps; i++) {
		const struct tsr_spec_mapping *m = &sp->maps[i];
		for (uint32_t k = 0; k < m->count; k++) {
			tsr_cptr_t copy = alloc_slot();
			TRY(r, s, "a slot for a frame cap copy", have_slot(copy));
			TRY(r, s, "frame cap copy",
			    tsr_cnode_copy(SLOT_INIT_CNODE, copy, TSR_DEPTH, SLOT_INIT_CNODE,
					   r->slot[m->object] + m->first + k, TSR_DEPTH,
					   RIGHTS_ALL));
			uint64_t va = m->vaddr + ((uint64_t)k << m->page_bits);
			TRY(r, s, "frame map", vs_map(vspace, copy, va, m->rights, m->attrs));
		}
	}
	return ERR_OK;
}

static enum tessera_err load_image(struct realise *r, uint32_t s)
{
	const struct tsr_spec_space *sp = &r->spec->spaces[s];
	struct elf_info info;
	size_t size;
	const void *image = archive_find(r->bi, sp->image, &size);

	if (image == 0) {
		printf("init: component %s: image \"%s\" is not in the boot archive\n", sp->name,
		       sp->image);
		return ERR_INVALID_ARGUMENT;
	}
	enum elf_status st = elf_parse(image, size, PROC_IMAGE_MIN, PROC_IMAGE_MAX, &info);
	if (st != ELF_OK) {
		printf("init: component %s: bad ELF \"%s\" (%d)\n", sp->name, sp->image, st);
		return ERR_INVALID_ARGUMENT;
	}
	r->stats[s].entry = info.entry;
	TRY(r, s, "loading its image",
	    elfmap_load(r->slot[sp->vspace], image, &info, &r->stats[s].image_pages));
	r->stats[s].bytes += (uint64_t)r->stats[s].image_pages << 12;
	return ERR_OK;
}

/* A core this machine has: the spec's, or (with fewer cores) that modulo. */
static unsigned core_of(const struct realise *r, const struct tsr_spec_thread *t)
{
	return r->bi->num_cores == 0 ? 0 : (unsigned)(t->affinity % r->bi->num_cores);
}

/* A vCPU thread has no IPC buffer: its TCB gets CSpace and VSpace only,
 * then is bound to its VCPU (which sets the guest's reset pstate). It stays
 * stopped until its VMM writes its registers. */
static enum tessera_err configure_vcpu(struct realise *r, uint32_t s,
				       const struct tsr_spec_thread *t, tsr_cptr_t tcb)
{
	const tsr_cptr_t caps[2] = {r->stats[s].cnode_root, r->slot[r->spec->spaces[s].vspace]};
	const uint64_t w[2] = {t->fault_slot, 0};

	TRY(r, s, "vCPU TCB configure", tsr_invoke(tcb, INV_TCB_CONFIGURE, 2, caps, 2, w, 0));
	if (t->vcpu >= 0)
		TRY(r, s, "VCPU bind", tsr_vcpu_set_tcb(r->slot[t->vcpu] + t->vcpu_index, tcb, 0));
	return ERR_OK;
}

static enum tessera_err configure_threads(struct realise *r, uint32_t s)
{
	const struct tsr_spec_space *sp = &r->spec->spaces[s];

	for (uint32_t i = 0; i < sp->num_threads; i++) {
		const struct tsr_spec_thread *t = &sp->threads[i];
		tsr_cptr_t tcb = r->slot[t->tcb] + t->tcb_index;
		if (t->ipcbuf_object < 0) {
			enum tessera_err e = configure_vcpu(r, s, t, tcb);
			if (e != ERR_OK)
				return e;
		} else {
			TRY(r, s, "TCB configure",
			    tsr_tcb_configure(tcb, t->fault_slot, r->stats[s].cnode_root,
					      r->slot[sp->vspace], r->slot[t->ipcbuf_object],
					      t->ipcbuf));
		}
		/* Its MCP is its priority: threads it makes may run up to it. */
		TRY(r, s, "set priority", tsr_tcb_set_priority_mcp(tcb, t->priority, t->priority));
		if (core_of(r, t) != t->affinity)
			printf("init: %s.%s: core %u is not present, using core %u\n", sp->name,
			       t->name, t->affinity, core_of(r, t));
		TRY(r, s, "set affinity", tsr_tcb_set_affinity(tcb, core_of(r, t)));
		if (t->bound_ntfn >= 0)
			TRY(r, s, "bind notification",
			    tsr_tcb_bind_notification(tcb, r->slot[t->bound_ntfn]));
		r->stats[s].threads++;
	}
	return ERR_OK;
}

/*
 * On GICv2 a guest's GICC is the GIC's virtual CPU interface, GICV (QEMU
 * virt: 0x08040000, two pages: GICC_DIR is at 0x1000), mapped at the GICC
 * address of its DTB (IHI 0048B 5.5). On GICv3 the guest uses system
 * registers. The device frames are made once and shared by every guest:
 * the spec's (tsr_spec.gicv, made by realise_objects for a component's
 * `gicv` item; a device region can be retyped only once), else made here.
 */
#define GICV_PADDR     0x08040000UL
#define GUEST_GICC_IPA 0x08010000UL
#define GICV_PAGES     2

/* *frame = init's cap to GICV page i (i < GICV_PAGES). */
static enum tessera_err gicv_frame(struct realise *r, unsigned i, tsr_cptr_t *frame)
{
	static tsr_cptr_t made[GICV_PAGES];

	if (r->spec->gicv != 0) {
		*frame = r->slot[r->spec->gicv->frames] + i;
		return ERR_OK;
	}
	if (made[i] == 0) {
		/* init's own: shared by every guest, kept when one stops */
		int g = alloc_group();
		alloc_set_group(ALLOC_GROUP_INIT);
		tsr_cptr_t f = alloc_slot();
		alloc_set_group(g);
		if (f == 0)
			return ERR_NOT_ENOUGH_MEMORY;
		enum tessera_err err = devmem_frame(r->bi, GICV_PADDR + i * 4096UL, f);
		if (err != ERR_OK)
			return err;
		made[i] = f;
	}
	*frame = made[i];
	return ERR_OK;
}

static enum tessera_err map_gicv(struct realise *r, uint32_t s)
{
	tsr_cptr_t vspace = r->slot[r->spec->spaces[s].vspace];

	for (unsigned i = 0; i < GICV_PAGES; i++) {
		tsr_cptr_t frame;
		TRY(r, s, "GICV device frame", gicv_frame(r, i, &frame));
		tsr_cptr_t copy = alloc_slot();
		TRY(r, s, "a slot for a GICV frame cap copy", have_slot(copy));
		TRY(r, s, "GICV frame cap copy",
		    tsr_cnode_copy(SLOT_INIT_CNODE, copy, TSR_DEPTH, SLOT_INIT_CNODE, frame,
				   TSR_DEPTH, RIGHTS_ALL));
		TRY(r, s, "GICV map",
		    vs_map(vspace, copy, GUEST_GICC_IPA + i * 4096UL, RIGHT_READ | RIGHT_WRITE,
			   MAP_DEVICE));
	}
	return ERR_OK;
}

static enum tessera_err build_space(struct realise *r, uint32_t s)
{
	const struct tsr_spec_space *sp = &r->spec->spaces[s];
	enum tessera_err err;

	TRY(r, s, "guarded CNode cap", guarded_root(r, s));
	if ((err = fill_cnode(r, s)) != ERR_OK || (err = map_frames(r, s)) != ERR_OK)
		return err;
	/* A guest space has no image: its VMM loads the guest's files. */
	if (sp->kind != TSR_SPACE_GUEST && (err = load_image(r, s)) != ERR_OK)
		return err;
	if (sp->kind == TSR_SPACE_GUEST && r->bi->irqc_version == 2 &&
	    (err = map_gicv(r, s)) != ERR_OK)
		return err;
	return configure_threads(r, s);
}

enum tessera_err realise_space(struct realise *r, uint32_t s)
{
	int saved = alloc_group();

	alloc_set_group(realise_space_group(r, s));
	enum tessera_err err = build_space(r, s);
	alloc_set_group(saved);
	return err;
}
