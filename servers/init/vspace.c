// SPDX-License-Identifier: BSD-2-Clause
/* Frame mapping with on-demand page tables; see vspace.h. */
#include <tessera/invoke.h>
#include <tessera/objects.h>

#include "alloc.h"
#include "vspace.h"

enum tessera_err vs_map(tsr_cptr_t vspace, tsr_cptr_t frame, uint64_t vaddr, unsigned rights,
			unsigned attrs)
{
	for (int tables = 0;; tables++) {
		enum tessera_err err = tsr_frame_map(frame, vspace, vaddr, rights, attrs);
		if (err != ERR_FAILED_LOOKUP || tables == VS_MAX_TABLES)
			return err;
		tsr_cptr_t pt = alloc_object(OBJ_PAGE_TABLE, 0);
		if (pt == 0)
			return ERR_NOT_ENOUGH_MEMORY;
		err = tsr_page_table_map(pt, vspace, vaddr);
		if (err != ERR_OK)
			return err;
	}
}

void *vs_scratch_map(tsr_cptr_t frame)
{
	if (vs_map(SLOT_INIT_VSPACE, frame, INIT_SCRATCH_VADDR, RIGHT_READ | RIGHT_WRITE, 0) !=
	    ERR_OK)
		return 0;
	return (void *)INIT_SCRATCH_VADDR;
}

void *vs_scratch_map_large(tsr_cptr_t frame)
{
	if (vs_map(SLOT_INIT_VSPACE, frame, INIT_SCRATCH_LARGE_VADDR, RIGHT_READ | RIGHT_WRITE,
		   0) != ERR_OK)
		return 0;
	return (void *)INIT_SCRATCH_LARGE_VADDR;
}

void vs_scratch_unmap(tsr_cptr_t frame)
{
	(void)!tsr_frame_unmap(frame);
}
