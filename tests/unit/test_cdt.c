// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host tests of the capability derivation tree and untyped accounting:
 * microkernel/kernel/{cdt,cnode,object,untyped}.c, driven through the real
 * invocation entry points with small fakes for threads and page tables.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "kernel_fakes.h"
#include <kernel/invoke.h>

#define UT_BITS 20
static struct cte *cn;	/* the test CSpace root: 256 slots, depth 8 */
static struct cte root; /* a slot holding the cap to cn */
static void *ut_mem;

static void setup(void)
{
	memset(&fake, 0, sizeof(fake));
	fake.vmids_free = 100;
	cn = aligned_alloc(256 * sizeof(struct cte), 256 * sizeof(struct cte));
	memset(cn, 0, 256 * sizeof(struct cte));
	root = (struct cte){.cap = {.type = CAP_CNODE, .size_bits = 8, .obj = (uint64_t)cn}};
	ut_mem = aligned_alloc(1 << UT_BITS, 1 << UT_BITS);
	memset(ut_mem, 0xab, 1 << UT_BITS);
	cdt_insert_child(NULL, &cn[1],
			 &(struct cap){.type = CAP_UNTYPED,
				       .size_bits = UT_BITS,
				       .obj = (uint64_t)ut_mem,
				       .rights = RIGHTS_ALL},
			 true);
}

static void teardown(void)
{
	free(cn);
	free(ut_mem);
}

static err_t retype(unsigned type, unsigned bits, unsigned slot, unsigned count)
{
	struct inv in = {.label = INV_UNTYPED_RETYPE,
			 .len = 6,
			 .nextra = 1,
			 .mr = {type, bits, 0, 0, slot, count},
			 .extra = {&root}};
	struct inv_result out;
	/* dest CNode = root's cap itself: resolve index 0 at depth 0 is invalid, so
	 * name the CNode through a slot holding a copy of it. */
	in.mr[2] = 200;
	in.mr[3] = 8;
	return untyped_invoke(&cn[1], &in, &out);
}

static err_t cnode_op(unsigned label, unsigned dest, unsigned src, unsigned rights, uint64_t badge)
{
	struct inv in = {.label = label,
			 .len = 6,
			 .nextra = 1,
			 .mr = {dest, 8, src, 8, rights, badge},
			 .extra = {&root}};
	struct inv_result out;
	return cnode_invoke(&root, &in, &out);
}

/* The list is doubly linked consistently, from every non-empty slot. */
static bool mdb_consistent(void)
{
	for (int i = 0; i < 256; i++) {
		struct cte *s = &cn[i];
		if (s->cap.type == CAP_NULL)
			continue;
		if (s->mdb_next && s->mdb_next->mdb_prev != s)
			return false;
		if (s->mdb_prev && s->mdb_prev->mdb_next != s)
			return false;
	}
	return true;
}

static void install_cnode_copy(void)
{
	cn[200].cap = root.cap; /* slot 200 names the root CNode (not in the tree) */
}

static void retype_places_objects(void)
{
	setup();
	install_cnode_copy();
	CHECK(retype(OBJ_ENDPOINT, 0, 10, 4) == ERR_OK);
	CHECK(retype(OBJ_TCB, 0, 14, 2) == ERR_OK);
	uint64_t prev_end = (uint64_t)ut_mem;
	for (int i = 10; i < 16; i++) {
		CHECK(cn[i].cap.type != CAP_NULL);
		uint64_t sz =
		    cn[i].cap.type == CAP_TCB ? 1 << OBJ_TCB_BITS : 1 << OBJ_ENDPOINT_BITS;
		CHECK(cn[i].cap.obj % sz == 0);	  /* aligned to its size */
		CHECK(cn[i].cap.obj >= prev_end); /* never overlapping the previous object */
		prev_end = cn[i].cap.obj + sz;
		CHECK(cdt_is_parent_of(&cn[1], &cn[i]));
		CHECK(cn[i].cap.type == CAP_TCB || *(uint64_t *)cn[i].cap.obj == 0); /* zeroed */
	}
	CHECK(mdb_consistent());
	CHECK(retype(OBJ_ENDPOINT, 0, 10, 1) == ERR_DELETE_FIRST);
	CHECK(retype(OBJ_ENDPOINT, 0, 255, 2) == ERR_RANGE);
	CHECK(retype(OBJ_CNODE, 0, 20, 1) == ERR_RANGE);
	CHECK(retype(OBJ_IRQ_CONTROL, 0, 20, 1) == ERR_ILLEGAL_OPERATION);
	CHECK(retype(99, 0, 20, 1) == ERR_INVALID_ARGUMENT);
	CHECK(retype(OBJ_FRAME_2M, 0, 20, 1) == ERR_NOT_ENOUGH_MEMORY); /* 1 MiB untyped */
	teardown();
}

static void untyped_runs_out_and_resets(void)
{
	setup();
	install_cnode_copy();
	CHECK(retype(OBJ_FRAME_4K, 0, 10, 200) == ERR_DELETE_FIRST); /* slot 200 is taken */
	int made = 0;
	for (int s = 2; s < 200 && retype(OBJ_FRAME_4K, 0, (unsigned)s, 1) == ERR_OK; s++)
		made++;
	CHECK(made == 198 || made == 256); /* 1 MiB holds 256 frames; slots ran out first */
	struct inv in = {.label = INV_UNTYPED_DESCRIBE};
	struct inv_result out;
	CHECK(untyped_invoke(&cn[1], &in, &out) == ERR_OK &&
	      out.mr[0] == (1 << UT_BITS) - 198 * 4096);
	uint64_t first = cn[2].cap.obj;
	cte_revoke(&cn[1]);
	CHECK(cn[2].cap.type == CAP_NULL && cn[199].cap.type == CAP_NULL);
	CHECK(untyped_invoke(&cn[1], &in, &out) == ERR_OK && out.mr[0] == 1 << UT_BITS);
	CHECK(retype(OBJ_FRAME_4K, 0, 2, 1) == ERR_OK && cn[2].cap.obj == first);
	CHECK(mdb_consistent());
	teardown();
}

static void rights_never_grow(void)
{
	setup();
	install_cnode_copy();
	CHECK(retype(OBJ_ENDPOINT, 0, 10, 1) == ERR_OK);
	CHECK(cnode_op(INV_CNODE_MINT, 11, 10, RIGHT_READ, 0) == ERR_OK);
	CHECK(cn[11].cap.rights == RIGHT_READ);
	CHECK(cnode_op(INV_CNODE_MINT, 12, 11, RIGHTS_ALL, 0) == ERR_OK);
	CHECK(cn[12].cap.rights == RIGHT_READ);
	CHECK(cnode_op(INV_CNODE_MUTATE, 13, 12, RIGHTS_ALL, 0) == ERR_OK);
	CHECK(cn[13].cap.rights == RIGHT_READ && cn[12].cap.type == CAP_NULL);
	CHECK(cnode_op(INV_CNODE_COPY, 14, 1, RIGHTS_ALL, 0) ==
	      ERR_ILLEGAL_OPERATION); /* untyped */
	CHECK(cnode_op(INV_CNODE_COPY, 14, 77, RIGHTS_ALL, 0) ==
	      ERR_INVALID_CAPABILITY); /* empty */
	CHECK(cnode_op(INV_CNODE_COPY, 13, 10, RIGHTS_ALL, 0) == ERR_DELETE_FIRST);
	CHECK(mdb_consistent());
	teardown();
}

static void badges_are_set_once(void)
{
	setup();
	install_cnode_copy();
	CHECK(retype(OBJ_ENDPOINT, 0, 10, 1) == ERR_OK);
	CHECK(cnode_op(INV_CNODE_MINT, 11, 10, RIGHTS_ALL, 5) == ERR_OK && cn[11].cap.word1 == 5);
	CHECK(cnode_op(INV_CNODE_MINT, 12, 11, RIGHTS_ALL, 6) == ERR_ILLEGAL_OPERATION);
	CHECK(cnode_op(INV_CNODE_MUTATE, 12, 11, RIGHTS_ALL, 6) == ERR_ILLEGAL_OPERATION);
	CHECK(cnode_op(INV_CNODE_MINT, 12, 11, RIGHTS_ALL, 5) == ERR_OK && cn[12].cap.word1 == 5);
	CHECK(cnode_op(INV_CNODE_COPY, 13, 11, RIGHTS_ALL, 0) == ERR_OK && cn[13].cap.word1 == 5);
	CHECK(cnode_op(INV_CNODE_MINT, 14, 10, RIGHTS_ALL, 7) == ERR_OK);
	/* Revoking badge 5's first cap removes its copies, not badge 7 nor the original. */
	cte_revoke(&cn[11]);
	CHECK(cn[12].cap.type == CAP_NULL && cn[13].cap.type == CAP_NULL);
	CHECK(cn[11].cap.word1 == 5 && cn[14].cap.word1 == 7 && cn[10].cap.type == CAP_ENDPOINT);
	CHECK(!fake_was_finalised(cn[10].cap.obj));
	/* Revoking the original removes every badged cap. */
	cte_revoke(&cn[10]);
	CHECK(cn[11].cap.type == CAP_NULL && cn[14].cap.type == CAP_NULL);
	CHECK(mdb_consistent());
	teardown();
}

static void last_cap_finalises(void)
{
	setup();
	install_cnode_copy();
	CHECK(retype(OBJ_NOTIFICATION, 0, 10, 1) == ERR_OK);
	uint64_t obj = cn[10].cap.obj;
	CHECK(cnode_op(INV_CNODE_COPY, 11, 10, RIGHTS_ALL, 0) == ERR_OK);
	CHECK(cnode_op(INV_CNODE_MOVE, 12, 11, 0, 0) == ERR_OK && cn[11].cap.type == CAP_NULL);
	cte_delete(&cn[10]);
	CHECK(!fake_was_finalised(obj));
	cte_delete(&cn[12]);
	CHECK(fake_was_finalised(obj));
	CHECK(mdb_consistent());
	teardown();
}

/* A chain of CNodes, each holding the last cap to the next: deleting the head
 * destroys all of them without recursion on the (host) stack. */
static void nested_cnodes_are_destroyed_iteratively(void)
{
	setup();
	install_cnode_copy();
	CHECK(retype(OBJ_CNODE, 1, 10, 1) == ERR_OK);
	struct cte *cur = &cn[10];
	int depth = 0;
	for (; depth < 1000; depth++) {
		struct cte *inner = (struct cte *)cur->cap.obj;
		struct cap c = cur->cap;
		/* carve the next CNode from the same untyped */
		struct inv in = {.label = INV_UNTYPED_RETYPE,
				 .len = 6,
				 .nextra = 1,
				 .mr = {OBJ_CNODE, 1, 200, 8, 11, 1},
				 .extra = {&root}};
		struct inv_result out;
		if (untyped_invoke(&cn[1], &in, &out) != ERR_OK)
			break;
		cdt_move(&inner[0],
			 &cn[11]); /* the new CNode's only cap lives in the previous one */
		(void)c;
		cur = &inner[0];
	}
	CHECK(depth > 100);
	CHECK(retype(OBJ_ENDPOINT, 0, 12, 1) == ERR_OK);
	uint64_t ep = cn[12].cap.obj;
	cdt_move(&((struct cte *)cur->cap.obj)[1], &cn[12]);
	cte_delete(&cn[10]);
	CHECK(fake_was_finalised(ep)); /* reached the end of the chain */
	struct inv in = {.label = INV_UNTYPED_DESCRIBE};
	struct inv_result out;
	cte_revoke(&cn[1]);
	CHECK(untyped_invoke(&cn[1], &in, &out) == ERR_OK && out.mr[0] == 1 << UT_BITS);
	CHECK(mdb_consistent());
	teardown();
}

static void cnode_guard_mutate(void)
{
	setup();
	install_cnode_copy();
	CHECK(retype(OBJ_CNODE, 4, 10, 1) == ERR_OK);
	CHECK(cnode_op(INV_CNODE_MINT, 11, 10, RIGHTS_ALL, (3ULL << 6) | 1) ==
	      ERR_RANGE); /* guard wider than its size */
	CHECK(cnode_op(INV_CNODE_MINT, 11, 10, RIGHTS_ALL, (1ULL << 6) | 60) == ERR_OK);
	CHECK(cn[11].cap.aux == 60 && cn[11].cap.word1 == 1);
	CHECK(cnode_op(INV_CNODE_MINT, 12, 10, RIGHTS_ALL, 61) == ERR_RANGE); /* 4 + 61 > 64 */
	teardown();
}

/* Regression (docs/spec open question OQ-1): a child untyped of its parent's
 * own size would not count as a child, and retype could overlap objects. */
static void same_size_child_untyped_refused(void)
{
	setup();
	install_cnode_copy();
	CHECK(retype(OBJ_UNTYPED, UT_BITS, 10, 1) == ERR_RANGE);
	CHECK(retype(OBJ_UNTYPED, UT_BITS - 1, 10, 1) == ERR_OK);
	CHECK(cdt_is_parent_of(&cn[1], &cn[10]));
	teardown();
}

/* Regression (OQ-2): deleting a mapped frame cap that is not the last cap to
 * the frame still removes that cap's mapping. */
static void deleting_a_mapped_copy_unmaps(void)
{
	setup();
	install_cnode_copy();
	CHECK(retype(OBJ_FRAME_4K, 0, 10, 1) == ERR_OK);
	CHECK(cnode_op(INV_CNODE_COPY, 11, 10, RIGHTS_ALL, 0) == ERR_OK);
	cn[11].cap.word1 = 0x1000; /* as if Frame_Map had mapped the copy */
	unsigned before = fake.unmapped;
	cte_delete(&cn[11]);
	CHECK(fake.unmapped == before + 1);
	CHECK(!fake_was_finalised(cn[10].cap.obj));
	teardown();
}

int main(void)
{
	RUN("unit_cdt", retype_places_objects);
	RUN("unit_cdt", untyped_runs_out_and_resets);
	RUN("unit_cdt", rights_never_grow);
	RUN("unit_cdt", badges_are_set_once);
	RUN("unit_cdt", last_cap_finalises);
	RUN("unit_cdt", nested_cnodes_are_destroyed_iteratively);
	RUN("unit_cdt", cnode_guard_mutate);
	RUN("unit_cdt", same_size_child_untyped_refused);
	RUN("unit_cdt", deleting_a_mapped_copy_unmaps);
	return DONE("unit_cdt");
}
