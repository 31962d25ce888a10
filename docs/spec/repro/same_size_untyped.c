// SPDX-License-Identifier: BSD-2-Clause
/* Reproducer for docs/spec/open-questions.md OQ-1 (build: see repro/README.md). */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include "kernel_fakes.h"
#include <kernel/invoke.h>
static struct cte *cn;
static struct cte root;
static void *ut_mem;
static err_t retype(unsigned type, unsigned bits, unsigned slot, unsigned count)
{
	struct inv in = {.label = INV_UNTYPED_RETYPE,
			 .len = 6,
			 .nextra = 1,
			 .mr = {type, bits, 200, 8, slot, count},
			 .extra = {&root}};
	struct inv_result out;
	return untyped_invoke(&cn[1], &in, &out);
}
int main(void)
{
	memset(&fake, 0, sizeof fake);
	fake.vmids_free = 100;
	cn = aligned_alloc(256 * 64, 256 * 64);
	memset(cn, 0, 256 * 64);
	root = (struct cte){.cap = {.type = CAP_CNODE, .size_bits = 8, .obj = (uint64_t)cn}};
	ut_mem = aligned_alloc(1 << 16, 1 << 16);
	cdt_insert_child(NULL, &cn[1],
			 &(struct cap){.type = CAP_UNTYPED,
				       .size_bits = 16,
				       .obj = (uint64_t)ut_mem,
				       .rights = RIGHTS_ALL},
			 true);
	cdt_insert_child(&cn[1], &cn[200], &root.cap, false);
	printf("retype same-size untyped: %d\n", retype(OBJ_UNTYPED, 16, 10, 1));
	printf("child untyped at %p, parent has_children=%d\n", (void *)cn[10].cap.obj,
	       cdt_has_children(&cn[1]));
	{
		int e = retype(OBJ_ENDPOINT, 0, 11, 1);
		printf("retype endpoint from parent again: %d -> obj %p\n", e,
		       (void *)cn[11].cap.obj);
	}
	{
		int e = untyped_invoke(&cn[10],
				       &(struct inv){.label = INV_UNTYPED_RETYPE,
						     .len = 6,
						     .nextra = 1,
						     .mr = {OBJ_ENDPOINT, 0, 200, 8, 12, 1},
						     .extra = {&root}},
				       &(struct inv_result){0});
		printf("retype endpoint from child: %d -> obj %p\n", e, (void *)cn[12].cap.obj);
	}
	return 0;
}
