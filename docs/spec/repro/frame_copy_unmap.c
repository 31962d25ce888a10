// SPDX-License-Identifier: BSD-2-Clause
/* Reproducer for docs/spec/open-questions.md OQ-2 (build: see repro/README.md). */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include "kernel_fakes.h"
#include <kernel/invoke.h>
/* Two caps to one frame, both "mapped" (as Frame_Map leaves them); deleting
 * the non-final one never asks for an unmap; revoking the untyped unmaps once. */
int main(void)
{
	static struct cte cn[256] __attribute__((aligned(16384)));
	static char mem[1 << 16] __attribute__((aligned(65536)));
	memset(&fake, 0, sizeof fake);
	cdt_insert_child(
	    NULL, &cn[1],
	    &(struct cap){
		.type = CAP_UNTYPED, .size_bits = 16, .obj = (uint64_t)mem, .rights = RIGHTS_ALL},
	    true);
	struct cap f = {.type = CAP_FRAME,
			.size_bits = 12,
			.obj = (uint64_t)mem,
			.rights = RIGHTS_ALL,
			.word1 = 0x1000,
			.word2 = 0x40000000};
	cdt_insert_child(&cn[1], &cn[2], &f, true);
	f.word2 = 0x40001000;
	cdt_insert_child(&cn[2], &cn[3], &f, false); /* a copy, mapped elsewhere */
	cte_delete(&cn[3]);
	printf("after deleting the mapped copy: unmap requests %u\n", fake.unmapped);
	cte_revoke(&cn[1]);
	printf("after revoking the untyped: unmap requests %u (2 mappings existed)\n",
	       fake.unmapped);
	return 0;
}
