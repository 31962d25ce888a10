// SPDX-License-Identifier: BSD-2-Clause
/* Host tests of microkernel/kernel/cspace.c: guards, depth, levels, bounds. */
#include <stdlib.h>

#include "check.h"
#include <kernel/object.h>

static struct cte *new_cnode(unsigned radix)
{
	struct cte *c = aligned_alloc(sizeof(struct cte) << radix, sizeof(struct cte) << radix);
	for (size_t i = 0; i < (1UL << radix); i++)
		c[i] = (struct cte){0};
	return c;
}

static struct cap cnode_cap(struct cte *slots, unsigned radix, unsigned guard_size, uint64_t guard)
{
	return (struct cap){.type = CAP_CNODE,
			    .size_bits = (uint8_t)radix,
			    .aux = guard_size,
			    .word1 = guard,
			    .obj = (uint64_t)slots};
}

static void single_level_with_guard(void)
{
	struct cte *cn = new_cnode(12), *s;
	struct cap root = cnode_cap(cn, 12, 52, 0);

	CHECK(cspace_lookup(&root, 5, 64, true, &s) == ERR_OK && s == &cn[5]);
	CHECK(cspace_lookup(&root, 4095, 64, true, &s) == ERR_OK && s == &cn[4095]);
	/* A set bit in the guard part fails; the slot index never exceeds the CNode. */
	CHECK(cspace_lookup(&root, 4096, 64, true, &s) == ERR_FAILED_LOOKUP);
	CHECK(cspace_lookup(&root, 1ULL << 63, 64, true, &s) == ERR_FAILED_LOOKUP);
	/* Depth must cover guard+radix. */
	CHECK(cspace_lookup(&root, 5, 12, true, &s) == ERR_FAILED_LOOKUP);
	CHECK(cspace_lookup(&root, 5, 0, true, &s) == ERR_RANGE);
	CHECK(cspace_lookup(&root, 5, 65, true, &s) == ERR_RANGE);
	free(cn);
}

static void nonzero_guard(void)
{
	struct cte *cn = new_cnode(4), *s;
	struct cap root = cnode_cap(cn, 4, 4, 0xa);

	CHECK(cspace_lookup(&root, 0xa3, 8, true, &s) == ERR_OK && s == &cn[3]);
	CHECK(cspace_lookup(&root, 0xb3, 8, true, &s) == ERR_FAILED_LOOKUP);
	free(cn);
}

static void two_levels(void)
{
	struct cte *top = new_cnode(8), *leaf = new_cnode(8), *s;
	struct cap root = cnode_cap(top, 8, 0, 0);

	top[7].cap = cnode_cap(leaf, 8, 48, 0); /* leaf consumes the remaining 56 bits */
	leaf[9].cap = (struct cap){.type = CAP_ENDPOINT, .obj = 0x1000};
	uint64_t cptr = (7ULL << 56) | 9;
	CHECK(cspace_lookup(&root, cptr, 64, true, &s) == ERR_OK && s == &leaf[9]);
	/* Stopping after the first level gives the slot holding the CNode. */
	CHECK(cspace_lookup(&root, 7, 8, true, &s) == ERR_OK && s == &top[7]);
	/* A non-CNode cap before the depth is used up: found for invocation, an
	 * error for exact slot addressing. */
	top[3].cap = (struct cap){.type = CAP_ENDPOINT, .obj = 0x2000};
	CHECK(cspace_lookup(&root, 3ULL << 56, 64, false, &s) == ERR_OK && s == &top[3]);
	CHECK(cspace_lookup(&root, 3ULL << 56, 64, true, &s) == ERR_FAILED_LOOKUP);
	/* An empty slot at the top does not continue. */
	CHECK(cspace_lookup(&root, 4ULL << 56, 64, true, &s) == ERR_FAILED_LOOKUP);
	free(top);
	free(leaf);
}

static void not_a_cnode(void)
{
	struct cap ep = {.type = CAP_ENDPOINT, .obj = 0x1000};
	struct cte *s;
	CHECK(cspace_lookup(&ep, 0, 64, true, &s) == ERR_FAILED_LOOKUP);
}

static void random_lookups_stay_inside(void)
{
	struct cte *top = new_cnode(6), *leaf = new_cnode(10), *s;
	struct cap root = cnode_cap(top, 6, 2, 1);
	top[33].cap = cnode_cap(leaf, 10, 3, 5);
	srand(1);
	for (int i = 0; i < 200000; i++) {
		uint64_t cptr =
		    ((uint64_t)rand() << 33) ^ ((uint64_t)rand() << 11) ^ (uint64_t)rand();
		unsigned depth = 1 + (unsigned)rand() % 64;
		if (cspace_lookup(&root, cptr, depth, (rand() & 1) != 0, &s) == ERR_OK)
			CHECK((s >= top && s < top + 64) || (s >= leaf && s < leaf + 1024));
	}
	free(top);
	free(leaf);
}

int main(void)
{
	RUN("unit_cspace", single_level_with_guard);
	RUN("unit_cspace", nonzero_guard);
	RUN("unit_cspace", two_levels);
	RUN("unit_cspace", not_a_cnode);
	RUN("unit_cspace", random_lookups_stay_inside);
	return DONE("unit_cspace");
}
