// SPDX-License-Identifier: BSD-2-Clause
/* Loading an ELF image into a VSpace page by page; see elfmap.h. */
#include <elf.h>
#include <string.h>
#include <tessera/invoke.h>
#include <tessera/objects.h>

#include "alloc.h"
#include "elfmap.h"
#include "vspace.h"

/* The page provider for elf_load: one frame open in the scratch window. */
struct loader {
	unsigned pages;
	tsr_cptr_t vspace, frame;
	uint64_t vaddr;
	unsigned flags;
	void *view;
};

static int loader_commit(struct loader *l)
{
	if (l->view == 0)
		return 0;
	vs_scratch_unmap(l->frame);
	l->view = 0;
	unsigned rights = RIGHT_READ | ((l->flags & PF_W) ? RIGHT_WRITE : 0);
	unsigned attrs = (l->flags & PF_X) ? MAP_EXEC : 0;
	return vs_map(l->vspace, l->frame, l->vaddr, rights, attrs) == ERR_OK ? 0 : -1;
}

static void *loader_page(void *ctx, uint64_t vaddr, unsigned flags)
{
	struct loader *l = ctx;

	if (l->view != 0 && l->vaddr == vaddr)
		return l->view;
	if (loader_commit(l) != 0)
		return 0;
	l->frame = alloc_object(OBJ_FRAME_4K, 0);
	l->pages++;
	if (l->frame == 0 || (l->view = vs_scratch_map(l->frame)) == 0)
		return 0;
	memset(l->view, 0, ELF_PAGE);
	l->vaddr = vaddr;
	l->flags = flags;
	return l->view;
}

static int loader_finish(void *ctx)
{
	return loader_commit(ctx);
}

enum tessera_err elfmap_load(tsr_cptr_t vspace, const void *image, const struct elf_info *info,
			     unsigned *pages)
{
	static const struct elf_page_ops ops = {loader_page, loader_finish};
	struct loader l = {.vspace = vspace};
	enum elf_status st = elf_load(image, info, &ops, &l);

	if (pages != 0)
		*pages = l.pages;
	return st == ELF_OK ? ERR_OK : ERR_NOT_ENOUGH_MEMORY;
}
