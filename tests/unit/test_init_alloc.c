// SPDX-License-Identifier: BSD-2-Clause
/* Host tests of init's pure allocation planning: the untyped watermark
 * model (servers/init/alloc.c ut_fit, obj_bits) and device untyped padding
 * (servers/init/uart.c ut_pad_plan). The system call paths are stubbed. */
#include <stdint.h>
#include <tessera/invoke.h>

#include "../../servers/init/alloc.h"
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

int main(void)
{
	RUN("unit_init_alloc", fit_aligns_like_retype);
	RUN("unit_init_alloc", object_sizes);
	RUN("unit_init_alloc", pad_plan);
	return DONE("unit_init_alloc");
}
