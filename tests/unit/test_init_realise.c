// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host tests of init's spec realiser (servers/init/realise_*.c with the
 * real allocator, vspace and invocation wrappers) on a golden generated
 * spec (tests/idl/good/rpc_types), against a fake kernel that records
 * every invocation. Checks that every object is retyped, every cap of
 * every CNode is copied or minted into the right slot with the right
 * source, rights and badge, every mapping is made, every thread is
 * configured and started as the spec says, and that running out of memory
 * fails naming the component. The ELF loader and the archive are faked.
 * On GICv2, a small spec of its own: a guest's GICC is mapped from the
 * spec's GICV frames (init.gicv, a `gicv` item's) when it has them, else
 * from frames init makes once; the GICV region is retyped once either way.
 */
#include <stdlib.h>
#include <string.h>
#include <tessera/elfload.h>
#include <tessera/invocation.h>
#include <tessera/invoke.h>

#include "alloc.h"
#include "archive.h"
#include "check.h"
#include "elfmap.h"
#include "realise.h"

#define MAX_CALLS 4096
#define ENTRY	  0x400120

__thread struct ipc_buffer *tsr_ipcbuf_tls;
static struct ipc_buffer buf;

struct call {
	uint64_t cap, label, mr[8], caps[3];
};
static struct call log_[MAX_CALLS];
static int ncalls, retypes, fail_retype_at;

void tsr_syscall_regs(uint64_t sysno, uint64_t r[7])
{
	struct call *c = &log_[ncalls < MAX_CALLS ? ncalls++ : MAX_CALLS - 1];
	uint64_t label = MSGINFO_LABEL(r[1]);

	*c = (struct call){.cap = r[0], .label = label};
	for (int i = 0; i < 8; i++)
		c->mr[i] = i < MSG_REG_COUNT ? r[2 + i] : buf.msg[i];
	memcpy(c->caps, buf.caps, sizeof(c->caps));
	memset(r, 0, 7 * sizeof(r[0]));
	if (sysno == SYS_CALL && label == INV_UNTYPED_RETYPE && ++retypes >= fail_retype_at &&
	    fail_retype_at > 0)
		r[0] = ERR_NOT_ENOUGH_MEMORY;
}

/* Fakes of what needs the boot archive. */
const void *archive_find(const struct bootinfo *bi, const char *name, size_t *size)
{
	static const char image[64];
	(void)bi, (void)name;
	*size = sizeof(image);
	return image;
}

enum elf_status elf_parse(const void *image, size_t size, uint64_t lo, uint64_t hi,
			  struct elf_info *info)
{
	(void)image, (void)size, (void)lo, (void)hi;
	memset(info, 0, sizeof(*info));
	info->entry = ENTRY;
	return ELF_OK;
}

enum tessera_err elfmap_load(tsr_cptr_t vspace, const void *image, const struct elf_info *info,
			     unsigned *pages)
{
	(void)vspace, (void)image, (void)info;
	*pages = 3;
	return ERR_OK;
}

static struct bootinfo bi = {
    .num_cores = 2,
    .irqc_version = 3,
    .empty = {200, 4000},
    .untyped = {100, 102},
    .untyped_list = {{.paddr = 0x40000000, .size_bits = 20},
		     {.paddr = 0x80000000, .size_bits = 28}},
};

static void reset(int fail_at)
{
	tsr_ipcbuf_tls = &buf;
	memset(&buf, 0, sizeof(buf));
	ncalls = retypes = 0;
	fail_retype_at = fail_at;
	alloc_init(&bi);
}

static enum tessera_err realise_spec(struct realise *r, const struct tsr_spec *spec,
				     const struct bootinfo *b)
{
	enum tessera_err err = realise_init(r, spec, b);

	if (err == ERR_OK)
		err = realise_objects(r);
	for (uint32_t s = 0; err == ERR_OK && s < spec->num_spaces; s++)
		err = realise_space(r, s);
	return err == ERR_OK ? realise_start(r) : err;
}

static enum tessera_err realise_all(struct realise *r)
{
	return realise_spec(r, &tsr_spec, &bi);
}

static void done(struct realise *r)
{
	free(r->slot);
	free(r->stats);
}

static int count(uint64_t label)
{
	int n = 0;

	for (int i = 0; i < ncalls; i++)
		n += log_[i].label == label;
	return n;
}

/* The CNode copy/mint that put something in slot of the CNode in init's cnode. */
static const struct call *cnode_write(tsr_cptr_t cnode, uint64_t slot)
{
	for (int i = 0; i < ncalls; i++)
		if ((log_[i].label == INV_CNODE_COPY || log_[i].label == INV_CNODE_MINT) &&
		    log_[i].cap == cnode && log_[i].mr[0] == slot)
			return &log_[i];
	return 0;
}

static const struct call *find(uint64_t label, uint64_t cap)
{
	for (int i = 0; i < ncalls; i++)
		if (log_[i].label == label && log_[i].cap == cap)
			return &log_[i];
	return 0;
}

static void objects_and_maps(void)
{
	struct realise r;
	unsigned elements = 0, mapped = 0;

	reset(0);
	CHECK(realise_all(&r) == ERR_OK);
	for (uint32_t k = 0; k < tsr_spec.num_objects; k++)
		if (tsr_spec.objects[k].type != OBJ_IRQ_HANDLER)
			elements += tsr_spec.objects[k].count;
	CHECK(count(INV_UNTYPED_RETYPE) == (int)elements);
	for (uint32_t s = 0; s < tsr_spec.num_spaces; s++) {
		CHECK(r.stats[s].image_pages == 3 && r.stats[s].entry == ENTRY);
		for (uint32_t i = 0; i < tsr_spec.spaces[s].num_maps; i++)
			mapped += tsr_spec.spaces[s].maps[i].count;
	}
	CHECK(count(INV_FRAME_MAP) == (int)mapped);
	done(&r);
}

static void cnodes(void)
{
	struct realise r;

	reset(0);
	CHECK(realise_all(&r) == ERR_OK);
	for (uint32_t s = 0; s < tsr_spec.num_spaces; s++) {
		const struct tsr_spec_space *sp = &tsr_spec.spaces[s];
		tsr_cptr_t cnode = r.slot[sp->cnode];
		unsigned bits = tsr_spec.objects[sp->cnode].size_bits;
		const struct call *g = cnode_write(SLOT_INIT_CNODE, r.stats[s].cnode_root);
		CHECK(g != 0 && g->label == INV_CNODE_MINT && g->mr[2] == cnode &&
		      g->mr[5] == tsr_cnode_guard(64 - bits, 0));
		CHECK(r.stats[s].caps == sp->num_caps);
		for (uint32_t i = 0; i < sp->num_caps; i++) {
			const struct tsr_spec_cap *c = &sp->caps[i];
			const struct call *w = cnode_write(cnode, c->slot);
			uint64_t src = c->object == sp->cnode ? r.stats[s].cnode_root
							      : r.slot[c->object] + c->index;
			CHECK(w != 0);
			if (w == 0)
				continue;
			CHECK(w->mr[1] == bits && w->mr[2] == src && w->mr[3] == TSR_DEPTH);
			CHECK(w->mr[4] == c->rights && w->caps[0] == SLOT_INIT_CNODE);
			CHECK(w->label == (c->badge ? INV_CNODE_MINT : INV_CNODE_COPY));
			CHECK(c->badge == 0 || w->mr[5] == c->badge);
		}
	}
	done(&r);
}

static void threads(void)
{
	struct realise r;

	reset(0);
	CHECK(realise_all(&r) == ERR_OK);
	for (uint32_t s = 0; s < tsr_spec.num_spaces; s++) {
		const struct tsr_spec_space *sp = &tsr_spec.spaces[s];
		for (uint32_t i = 0; i < sp->num_threads; i++) {
			const struct tsr_spec_thread *t = &sp->threads[i];
			tsr_cptr_t tcb = r.slot[t->tcb] + t->tcb_index;
			const struct call *c = find(INV_TCB_CONFIGURE, tcb);
			CHECK(c != 0 && c->mr[0] == t->fault_slot && c->mr[1] == t->ipcbuf);
			CHECK(c != 0 && c->caps[0] == r.stats[s].cnode_root &&
			      c->caps[1] == r.slot[sp->vspace] &&
			      c->caps[2] == r.slot[t->ipcbuf_object]);
			c = find(INV_TCB_SET_PRIORITY, tcb);
			CHECK(c != 0 && c->mr[0] == t->priority);
			c = find(INV_TCB_SET_AFFINITY, tcb);
			CHECK(c != 0 && c->mr[0] == t->affinity % bi.num_cores);
			c = find(INV_TCB_WRITE_REGS, tcb);
			CHECK(c != 0 && c->mr[0] == 1 && c->mr[1] == 6 && c->mr[2] == ENTRY);
			CHECK(c != 0 && c->mr[3] == t->stack_top && c->mr[4] == 0 &&
			      c->mr[5] == t->x0 && c->mr[6] == t->ipcbuf &&
			      c->mr[7] == bi.irqc_version);
		}
	}
	done(&r);
}

static void out_of_memory(void)
{
	struct realise r;
	char *out = 0;
	size_t len = 0;
	FILE *saved = stdout;

	reset(12);
	stdout = open_memstream(&out, &len);
	enum tessera_err err = realise_all(&r);
	fclose(stdout);
	stdout = saved;
	CHECK(err == ERR_NOT_ENOUGH_MEMORY);
	CHECK(out != 0 && strstr(out, "init: cannot create ") != 0 &&
	      strstr(out, "for component ") != 0 && strstr(out, "out of memory") != 0);
	CHECK(count(INV_TCB_WRITE_REGS) == 0);
	free(out);
	done(&r);
}

/* A GICv2 machine: RAM and the GICV device untyped, in slot 102, or (for
 * a second test: init's device watermarks are static) 103. */
static struct bootinfo bi_gic2 = {
    .num_cores = 2,
    .irqc_version = 2,
    .empty = {200, 4000},
    .untyped = {100, 103},
    .untyped_list = {{.paddr = 0x40000000, .size_bits = 20},
		     {.paddr = 0x80000000, .size_bits = 28},
		     {.paddr = 0x08040000, .size_bits = 16, .is_device = 1}},
};
static struct bootinfo bi_gic2_again = {
    .num_cores = 2,
    .irqc_version = 2,
    .empty = {200, 4000},
    .untyped = {100, 104},
    .untyped_list = {{.paddr = 0x40000000, .size_bits = 20},
		     {.paddr = 0x80000000, .size_bits = 28},
		     {.paddr = 0x09000000, .size_bits = 12, .is_device = 1},
		     {.paddr = 0x08040000, .size_bits = 16, .is_device = 1}},
};

/* A gicv holder t (caps 3, 4 to init.gicv[0], [1]) and a guest g; without
 * the last object and t's last two caps, the same system with no holder. */
static const struct tsr_spec_object gicv_objects[] = {
    {"t.cnode", OBJ_CNODE, 5, 0, 1, 0, 0},
    {"t.vspace", OBJ_VSPACE, OBJ_VSPACE_BITS, 0, 1, 0, 0},
    {"g.cnode", OBJ_CNODE, 5, 0, 1, 0, 0},
    {"g.vspace", OBJ_VSPACE, OBJ_VSPACE_BITS, 0, 1, 0, 0},
    {"init.gicv", OBJ_FRAME_4K, OBJ_FRAME_4K_BITS, 1, 2, 0x08040000, 0},
};
static const struct tsr_spec_cap gicv_caps[] = {
    {1, 0, 0, RIGHTS_ALL, 0},
    {2, 1, 0, RIGHTS_ALL, 0},
    {3, 4, 0, RIGHT_READ | RIGHT_WRITE, 0},
    {4, 4, 1, RIGHT_READ | RIGHT_WRITE, 0},
};
static const struct tsr_spec_space gicv_spaces[] = {
    {"t", TSR_SPACE_COMPONENT, "t.elf", 0, 1, gicv_caps, 4, 0, 0, 0, 0, 0, 0},
    {"g", TSR_SPACE_GUEST, 0, 2, 3, 0, 0, 0, 0, 0, 0, 0, 0},
};
static const struct tsr_spec_space plain_spaces[] = {
    {"t", TSR_SPACE_COMPONENT, "t.elf", 0, 1, gicv_caps, 2, 0, 0, 0, 0, 0, 0},
    {"g", TSR_SPACE_GUEST, 0, 2, 3, 0, 0, 0, 0, 0, 0, 0, 0},
};
static const struct tsr_spec_gicv gicv_holder = {0, 4};
static const struct tsr_spec gicv_spec = {.system = "gicv",
					  .objects = gicv_objects,
					  .num_objects = 5,
					  .spaces = gicv_spaces,
					  .num_spaces = 2,
					  .fault_ep = -1,
					  .gicv = &gicv_holder};
static const struct tsr_spec plain_spec = {.system = "plain",
					   .objects = gicv_objects,
					   .num_objects = 4,
					   .spaces = plain_spaces,
					   .num_spaces = 2,
					   .fault_ep = -1};

/* Retypes of the device untyped ut; copies of frame in init's CNode. */
static int retypes_of(tsr_cptr_t ut)
{
	int n = 0;

	for (int i = 0; i < ncalls; i++)
		n += log_[i].label == INV_UNTYPED_RETYPE && log_[i].cap == ut;
	return n;
}

static int copies_of(tsr_cptr_t frame)
{
	int n = 0;

	for (int i = 0; i < ncalls; i++)
		n += log_[i].label == INV_CNODE_COPY && log_[i].mr[2] == frame;
	return n;
}

/* The frame (init's slot) a copy mapped at GICC page i of guest g came
 * from, or 0: the copy mapped there is the source of an earlier copy. */
static uint64_t gicc_source(const struct realise *r, unsigned i)
{
	for (int k = 0; k < ncalls; k++) {
		if (log_[k].label != INV_FRAME_MAP || log_[k].caps[0] != r->slot[3] ||
		    log_[k].mr[0] != 0x08010000 + i * 0x1000)
			continue;
		const struct call *c = cnode_write(SLOT_INIT_CNODE, log_[k].cap);
		return c != 0 && c->label == INV_CNODE_COPY ? c->mr[2] : 0;
	}
	return 0;
}

static void gicv_shared_with_holder(void)
{
	struct realise r;

	tsr_ipcbuf_tls = &buf;
	ncalls = retypes = fail_retype_at = 0;
	alloc_init(&bi_gic2);
	CHECK(realise_spec(&r, &gicv_spec, &bi_gic2) == ERR_OK);
	CHECK(retypes_of(102) == 2);
	for (unsigned i = 0; i < 2; i++) {
		const struct call *w = cnode_write(r.slot[0], 3 + i);
		CHECK(w != 0 && w->mr[2] == r.slot[4] + i &&
		      w->mr[4] == (RIGHT_READ | RIGHT_WRITE));
		CHECK(gicc_source(&r, i) == r.slot[4] + i);
		CHECK(copies_of(r.slot[4] + i) == 2); /* t's cap, g's mapping */
	}
	done(&r);
}

/* Runs once (init keeps the frames it made in a static). */
static void gicv_made_by_init(void)
{
	struct realise r;

	tsr_ipcbuf_tls = &buf;
	ncalls = retypes = fail_retype_at = 0;
	alloc_init(&bi_gic2_again);
	CHECK(realise_spec(&r, &plain_spec, &bi_gic2_again) == ERR_OK);
	CHECK(retypes_of(103) == 2);
	for (unsigned i = 0; i < 2; i++) {
		uint64_t src = gicc_source(&r, i);
		CHECK(src != 0 && cnode_write(SLOT_INIT_CNODE, src) == 0); /* a retyped frame */
	}
	done(&r);
}

static void names(void)
{
	const char *space;

	CHECK(realise_owner(&tsr_spec, "init.fault_ep") == -1);
	CHECK(realise_owner(&tsr_spec, "conn.x") == -1);
	CHECK(realise_owner(&tsr_spec, "server.cnode") >= 0);
	CHECK(strcmp(realise_thread_name(&tsr_spec, 1, &space),
		     tsr_spec.spaces[0].threads[0].name) == 0);
	CHECK(strcmp(space, tsr_spec.spaces[0].name) == 0);
	CHECK(strcmp(realise_thread_name(&tsr_spec, 999, &space), "?") == 0);
}

int main(void)
{
	RUN("unit_init_realise", objects_and_maps);
	RUN("unit_init_realise", cnodes);
	RUN("unit_init_realise", threads);
	/* before out_of_memory, which leaves the allocator's untyped full */
	RUN("unit_init_realise", gicv_shared_with_holder);
	RUN("unit_init_realise", gicv_made_by_init);
	RUN("unit_init_realise", out_of_memory);
	RUN("unit_init_realise", names);
	return DONE("unit_init_realise");
}
