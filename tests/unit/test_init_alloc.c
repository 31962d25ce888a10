// SPDX-License-Identifier: BSD-2-Clause
/* Host tests of init's pure allocation planning: the untyped watermark
 * model (servers/init/alloc.c ut_fit, obj_bits), the slot allocator's
 * groups (alloc_slots, alloc_release_slots), pool planning
 * (servers/init/pool.c pool_plan) and device untyped padding
 * (servers/init/uart.c ut_pad_plan). The system call paths are stubbed. */
#include <stdint.h>
#include <tessera/invoke.h>

#include "../../servers/init/alloc.h"
#include "../../servers/init/pool.h"
#include "../../servers/init/uart.h"
#include "check.h"

/* Fakes for what alloc.c and uart.c call but these tests never reach. */
__thread struct ipc_buffer *tsr_ipcbuf_tls;
enum tessera_err tsr_untyped_retype(tsr_cptr_t ut, unsigned type, unsigned size_bits,
				    tsr_cptr_t root, uint64_t node_index, unsigned node_depth,
				    uint64_t offset, uint64_t count)
{
	(void)ut, (void)type, (void)size_bits, (void)root, (void)node_index, (void)node_depth;
	(void)offset, (void)count;
	return ERR_ILLEGAL_OPERATION;
}
enum tessera_err tsr_cnode_copy(tsr_cptr_t cnode, uint64_t index, unsigned depth,
				tsr_cptr_t src_root, uint64_t src_index, unsigned src_depth,
				unsigned rights)
{
	(void)cnode, (void)index, (void)depth, (void)src_root, (void)src_index, (void)src_depth;
	(void)rights;
	return ERR_ILLEGAL_OPERATION;
}
static unsigned deletes;
enum tessera_err tsr_cnode_delete(tsr_cptr_t cnode, uint64_t index, unsigned depth)
{
	(void)cnode, (void)index, (void)depth;
	deletes++;
	return ERR_OK;
}
enum tessera_err tsr_cnode_revoke(tsr_cptr_t cnode, uint64_t index, unsigned depth)
{
	(void)cnode, (void)index, (void)depth;
	return ERR_OK;
}
enum tessera_err tsr_untyped_describe(tsr_cptr_t ut, struct tsr_untyped_info *out)
{
	(void)ut, (void)out;
	return ERR_ILLEGAL_OPERATION;
}
enum tessera_err vs_map(tsr_cptr_t vspace, tsr_cptr_t frame, uint64_t vaddr, unsigned rights,
			unsigned attrs)
{
	(void)vspace, (void)frame, (void)vaddr, (void)rights, (void)attrs;
	return ERR_ILLEGAL_OPERATION;
}

static void fit_aligns_like_retype(void)
{
	uint64_t used = 0;
	CHECK(ut_fit(&used, 16, 5) == 0 && used == 32);
	CHECK(ut_fit(&used, 16, 12) == 4096 && used == 8192); /* aligned up */
	CHECK(ut_fit(&used, 16, 15) == 32768 && used == 65536);
	CHECK(ut_fit(&used, 16, 4) == -1 && used == 65536); /* full */
	used = 0;
	CHECK(ut_fit(&used, 12, 13) == -1); /* bigger than the untyped */
	CHECK(ut_fit(&used, 12, 12) == 0);
	used = UINT64_MAX - 10;
	CHECK(ut_fit(&used, 63, 12) == -1); /* no overflow */
}

static void object_sizes(void)
{
	CHECK(obj_bits(OBJ_CNODE, 8) == 14);
	CHECK(obj_bits(OBJ_TCB, 0) == OBJ_TCB_BITS);
	CHECK(obj_bits(OBJ_UNTYPED, 20) == 20);
	CHECK(obj_bits(OBJ_FRAME_2M, 0) == 21);
	CHECK(obj_bits(OBJ_VSPACE, 0) == 13);
}

/* Replays a plan and checks every block is naturally aligned and it ends at to. */
static int plan_ok(uint64_t from, uint64_t to)
{
	unsigned bits[UART_PAD_MAX];
	int n = ut_pad_plan(from, to, bits, UART_PAD_MAX);
	if (n < 0)
		return 0;
	for (int i = 0; i < n; i++) {
		if (from % (1ULL << bits[i]) != 0 || bits[i] < 4)
			return 0;
		from += 1ULL << bits[i];
	}
	return from == to;
}

static void pad_plan(void)
{
	unsigned bits[UART_PAD_MAX];
	/* QEMU virt: device untyped at 0, UART at 0x09000000. */
	CHECK(ut_pad_plan(0, 0x09000000, bits, UART_PAD_MAX) == 2);
	CHECK(bits[0] == 27 && bits[1] == 24);
	CHECK(ut_pad_plan(0x1000, 0x1000, bits, UART_PAD_MAX) == 0);
	CHECK(plan_ok(0x08000000, 0x09000000));
	CHECK(plan_ok(0x10, 0x09000000));
	CHECK(plan_ok(0x3000, 0x7f000));
	CHECK(ut_pad_plan(0x20, 0x10, bits, UART_PAD_MAX) == -1);
	CHECK(ut_pad_plan(0x8, 0x10, bits, UART_PAD_MAX) == -1);
	CHECK(ut_pad_plan(0x10, 0x09000000, bits, 3) == -1); /* too many blocks */
}

/* Sums 2^bits[0..n). */
static uint64_t plan_total(const unsigned *bits, int n)
{
	uint64_t t = 0;
	for (int i = 0; i < n; i++)
		t += 1ULL << bits[i];
	return t;
}

static void pool_planning(void)
{
	unsigned bits[POOL_MAX_PARTS];
	int n = pool_plan(0x5000, bits, 8);
	CHECK(n == 2 && bits[0] == 14 && bits[1] == 12); /* 16 KiB + 4 KiB */
	n = pool_plan(0x4001, bits, 8);
	CHECK(n == 2 && plan_total(bits, n) == 0x5000); /* rounded up to pages */
	n = pool_plan(0x2000000, bits, 8);
	CHECK(n == 1 && bits[0] == 25);
	/* 2^25 + 2^24 - 1 page needs 13 parts at page grain: coarser, and covers it */
	n = pool_plan((3ULL << 24) - 4096, bits, 8);
	CHECK(n >= 1 && n <= 8 && plan_total(bits, n) >= (3ULL << 24) - 4096);
	for (int i = 1; i < n; i++)
		CHECK(bits[i] < bits[i - 1]); /* largest first, each once */
	CHECK(pool_plan(0, bits, 8) == -1);
	CHECK(pool_plan(1ULL << 50, bits, 8) == -1);
}

/* Slots: groups own what they allocate, runs are consecutive, a released
 * group's slots are deleted and handed out again. */
static void slot_groups(void)
{
	static struct bootinfo bi;
	bi.empty.start = 100;
	bi.empty.end = 120;
	alloc_init(&bi);
	alloc_set_group(ALLOC_GROUP_INIT);
	CHECK(alloc_slot() == 100);
	alloc_set_group(0);
	tsr_cptr_t a = alloc_slots(5);
	CHECK(a == 101);
	alloc_set_group(1);
	CHECK(alloc_slots(3) == 106);
	alloc_set_group(0);
	CHECK(alloc_slot() == 109);
	CHECK(alloc_slots(20) == 0); /* no run that long */
	deletes = 0;
	CHECK(alloc_release_slots(0) == 6 && deletes == 6);
	CHECK(alloc_slots_used() == 4);
	alloc_set_group(2);
	CHECK(alloc_slots(4) == 101); /* the first hole that fits */
	CHECK(alloc_slots(2) == 109); /* 105 alone is too small */
	CHECK(alloc_slot() == 105);
	alloc_free_slot(105);
	CHECK(alloc_slot() == 105);
	CHECK(alloc_release_slots(1) == 3);
	CHECK(alloc_slots(11) == 0); /* holes of 3 and 9 */
	CHECK(alloc_slots(9) == 111);
	alloc_set_group(ALLOC_GROUP_INIT);
}

int main(void)
{
	RUN("unit_init_alloc", pool_planning);
	RUN("unit_init_alloc", slot_groups);
	RUN("unit_init_alloc", fit_aligns_like_retype);
	RUN("unit_init_alloc", object_sizes);
	RUN("unit_init_alloc", pad_plan);
	return DONE("unit_init_alloc");
}
