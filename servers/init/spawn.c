// SPDX-License-Identifier: BSD-2-Clause
/* Process creation from the boot archive; see spawn.h. */
#include <elf.h>
#include <stdio.h>
#include <string.h>
#include <tessera/cpio.h>
#include <tessera/elfload.h>
#include <tessera/invocation.h>
#include <tessera/invoke.h>
#include <tessera/objects.h>
#include <tessera/proc.h>
#include <tessera/runtime.h>

#include "alloc.h"
#include "elfmap.h"
#include "spawn.h"
#include "vspace.h"

#define CHECK_ERR(expr)                                                                            \
	do {                                                                                       \
		enum tessera_err e_ = (expr);                                                      \
		if (e_ != ERR_OK) {                                                                \
			printf("init: spawn: %s failed: %d\n", #expr, e_);                         \
			return e_;                                                                 \
		}                                                                                  \
	} while (0)

const void *archive_find(const struct bootinfo *bi, const char *name, size_t *size)
{
	const struct archive_header *h = (const void *)ARCHIVE_VADDR;
	struct cpio_entry e;

	if (bi->archive_size <= ARCHIVE_CPIO_OFFSET || h->magic != ARCHIVE_MAGIC ||
	    h->total_size > bi->archive_size || h->total_size <= ARCHIVE_CPIO_OFFSET)
		return 0;
	if (cpio_find((const char *)h + ARCHIVE_CPIO_OFFSET, h->total_size - ARCHIVE_CPIO_OFFSET,
		      name, &e) != CPIO_OK)
		return 0;
	*size = e.size;
	return e.data;
}

/* Stack frames below PROC_STACK_TOP; the top one carries the Linux-style
 * entry frame. Returns the initial sp, 0 on failure. */
static uint64_t make_stack(const struct proc *p, const void *image, const struct elf_info *info)
{
	static const uint8_t random[16] = {0x74, 0x73, 0x72, 0x31}; /* no entropy source yet */
	const struct elf_aux extra[] = {{TSR_AT_IPC_BUFFER, PROC_IPCBUF_VADDR}};
	uint64_t sp = 0;

	for (uint64_t va = PROC_STACK_TOP - ELF_PAGE; va >= PROC_STACK_TOP - PROC_STACK_SIZE;
	     va -= ELF_PAGE) {
		tsr_cptr_t f = alloc_object(OBJ_FRAME_4K, 0);
		if (f == 0)
			return 0;
		if (va == PROC_STACK_TOP - ELF_PAGE) {
			void *view = vs_scratch_map(f);
			if (view == 0)
				return 0;
			sp = elf_build_stack(view, ELF_PAGE, PROC_STACK_TOP, image, info, p->name,
					     random, extra, 1);
			vs_scratch_unmap(f);
		}
		if (vs_map(p->vspace, f, va, RIGHT_READ | RIGHT_WRITE, 0) != ERR_OK)
			return 0;
	}
	return sp;
}

/* Fills the new CSpace (layout in tessera/proc.h). */
static enum tessera_err fill_cspace(const struct proc *p, tsr_cptr_t guarded,
				    const struct spawn_args *a)
{
	const unsigned d = PROC_CNODE_BITS;

	CHECK_ERR(tsr_cnode_copy(p->cnode, PROC_SLOT_TCB, d, SLOT_INIT_CNODE, p->tcb, TSR_DEPTH,
				 RIGHTS_ALL));
	CHECK_ERR(tsr_cnode_copy(p->cnode, PROC_SLOT_CNODE, d, SLOT_INIT_CNODE, guarded, TSR_DEPTH,
				 RIGHTS_ALL));
	CHECK_ERR(tsr_cnode_copy(p->cnode, PROC_SLOT_VSPACE, d, SLOT_INIT_CNODE, p->vspace,
				 TSR_DEPTH, RIGHTS_ALL));
	CHECK_ERR(tsr_cnode_copy(p->cnode, PROC_SLOT_IPCBUF, d, SLOT_INIT_CNODE, p->ipcbuf,
				 TSR_DEPTH, RIGHTS_ALL));
	CHECK_ERR(tsr_cnode_mint(p->cnode, PROC_SLOT_FAULT_EP, d, SLOT_INIT_CNODE, a->endpoint,
				 TSR_DEPTH, RIGHT_WRITE | RIGHT_GRANT_REPLY, a->fault_badge));
	CHECK_ERR(tsr_cnode_mint(p->cnode, PROC_SLOT_SERVICE, d, SLOT_INIT_CNODE, a->endpoint,
				 TSR_DEPTH, RIGHT_WRITE | RIGHT_GRANT_REPLY, a->service_badge));
	return ERR_OK;
}

static enum tessera_err new_objects(struct proc *p, tsr_cptr_t *guarded)
{
	p->tcb = alloc_object(OBJ_TCB, 0);
	p->cnode = alloc_object(OBJ_CNODE, PROC_CNODE_BITS);
	p->vspace = alloc_object(OBJ_VSPACE, 0);
	p->ipcbuf = alloc_object(OBJ_FRAME_4K, 0);
	*guarded = alloc_slot();
	if (p->tcb == 0 || p->cnode == 0 || p->vspace == 0 || p->ipcbuf == 0 || *guarded == 0)
		return ERR_NOT_ENOUGH_MEMORY;
	/* The CSpace root the thread uses: guard 64 - radix, so plain slot
	 * numbers resolve at depth 64 (see docs/userland.md). */
	CHECK_ERR(tsr_cnode_mint(SLOT_INIT_CNODE, *guarded, TSR_DEPTH, SLOT_INIT_CNODE, p->cnode,
				 TSR_DEPTH, RIGHTS_ALL, tsr_cnode_guard(64 - PROC_CNODE_BITS, 0)));
	return vs_map(p->vspace, p->ipcbuf, PROC_IPCBUF_VADDR, RIGHT_READ | RIGHT_WRITE, 0);
}

enum tessera_err spawn(const struct bootinfo *bi, const struct spawn_args *a, struct proc *p)
{
	struct elf_info info;
	size_t size;
	tsr_cptr_t guarded;
	const void *image = archive_find(bi, a->name, &size);

	if (image == 0)
		return ERR_INVALID_ARGUMENT;
	enum elf_status st = elf_parse(image, size, PROC_IMAGE_MIN, PROC_IMAGE_MAX, &info);
	if (st != ELF_OK) {
		printf("init: %s: bad ELF (%d)\n", a->name, st);
		return ERR_INVALID_ARGUMENT;
	}
	p->name = a->name;
	CHECK_ERR(new_objects(p, &guarded));
	CHECK_ERR(elfmap_load(p->vspace, image, &info, 0));
	uint64_t sp = make_stack(p, image, &info);
	if (sp == 0)
		return ERR_NOT_ENOUGH_MEMORY;
	CHECK_ERR(fill_cspace(p, guarded, a));
	CHECK_ERR(tsr_tcb_configure(p->tcb, PROC_SLOT_FAULT_EP, guarded, p->vspace, p->ipcbuf,
				    PROC_IPCBUF_VADDR));
	CHECK_ERR(tsr_tcb_set_priority(p->tcb, a->priority));
	const uint64_t regs[] = {info.entry, sp, 0 /* EL0t, NZCV clear */, 0};
	CHECK_ERR(tsr_tcb_write_regs(p->tcb, 1, 4, regs));
	return ERR_OK;
}
