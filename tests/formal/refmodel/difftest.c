// SPDX-License-Identifier: BSD-2-Clause
/*
 * The differential test's root task (tests/formal/refmodel/README.md),
 * booted instead of init on one core. It runs the program the host
 * generated from a seed (prog.h: difftest.py gen) on a pool of slots of
 * its CNode and prints one line "D <i> <op> <results> | <helper events>"
 * per operation, which difftest.py check compares with the reference
 * model's. Two helper threads at a higher priority loop Recv(pool slot
 * 1 + h, own reply object) -> Reply(label 0x55, MR0 + 1); on an error they
 * wait on a private notification until a "kick". They run freestanding
 * code (no musl) and log into a shared buffer the root task prints.
 */
#include <stdio.h>
#include <string.h>
#include <tessera/bootinfo.h>
#include <tessera/invocation.h>
#include <tessera/invoke.h>
#include <tessera/objects.h>
#include <tessera/runtime.h>
#include <tessera/sys.h>

struct diff_op {
	unsigned char code, a, b, c;
	uint64_t x, y; /* pool-relative slot numbers may exceed the CNode (retype) */
};
#include "prog.h"

#define ROOT_PRIO   150
#define HELPER_PRIO 160
#define DEPTH	    64
#define REPLY_LABEL 0x55

enum {
	OP_RETYPE,
	OP_COPY,
	OP_MINT,
	OP_MOVE,
	OP_MUTATE,
	OP_DELETE,
	OP_REVOKE,
	OP_INSPECT,
	OP_DESCRIBE,
	OP_SIGNAL,
	OP_POLL,
	OP_NBSEND,
	OP_SEND,
	OP_CALL,
	OP_NBRECV,
	OP_REPLY,
	OP_KICK
};

static const struct bootinfo *bi;
static uint64_t next_slot, pool, ut_ram;
static uint64_t helper_reply[DIFF_HELPERS], helper_kick[DIFF_HELPERS];

/* The event log the helpers append to (freestanding: no printf). */
static char events[4096];
static volatile unsigned nevents;

static void ev_str(const char *s)
{
	while (*s && nevents < sizeof(events) - 1)
		events[nevents++] = *s++;
}

static void ev_num(uint64_t v)
{
	char buf[24];
	int n = 0;
	do
		buf[n++] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	while (n > 0 && nevents < sizeof(events) - 1)
		events[nevents++] = buf[--n];
}

static void ev_head(unsigned h, const char *what)
{
	ev_str(" | h");
	ev_num(h);
	ev_str(what);
}

static void helper(uint64_t h)
{
	for (;;) {
		struct tsr_msg m = {0};
		enum tessera_err e = tsr_recv(pool + 1 + h, &m, helper_reply[h]);
		ev_head((unsigned)h, " recv ");
		ev_num(e);
		if (e != ERR_OK) {
			uint64_t w;
			(void)tsr_wait(helper_kick[h], &w);
			continue;
		}
		unsigned len = tsr_msginfo_length(m.info);
		ev_str(" ");
		ev_num(m.badge);
		ev_str(" ");
		ev_num(tsr_msginfo_label(m.info));
		ev_str(" ");
		ev_num(len);
		if (len >= 1) {
			ev_str(" ");
			ev_num(m.mr[0]);
		}
		struct tsr_msg r = {.info = tsr_msginfo(REPLY_LABEL, 0, 1), .mr = {m.mr[0] + 1}};
		e = tsr_reply(helper_reply[h], &r);
		ev_head((unsigned)h, " reply ");
		ev_num(e);
	}
}

static uint64_t make(unsigned type, unsigned bits, uint64_t slot)
{
	if (tsr_untyped_retype(ut_ram, type, bits, SLOT_INIT_CNODE, SLOT_INIT_CNODE, DEPTH, slot,
			       1) != ERR_OK) {
		printf("DIFF setup: retype of type %u failed\n", type);
		return 0;
	}
	return slot;
}

void helper_trampoline(void);
/* x0 = fn, x1 = arg. */
__asm__(".text\n"
	"helper_trampoline:\n"
	"	mov x19, x0\n"
	"	mov x0, x1\n"
	"	blr x19\n"
	"1:	b 1b\n");

#define STACK_SIZE 8192
static uint8_t stacks[DIFF_HELPERS][STACK_SIZE] __attribute__((aligned(16)));

static int start_helper(unsigned h)
{
	uint64_t tcb = make(OBJ_TCB, 0, next_slot++);
	uint64_t buf = make(OBJ_FRAME_4K, 0, next_slot++);
	uint64_t vaddr = 0x304000UL + h * 0x1000UL;
	if (tcb == 0 || buf == 0 ||
	    tsr_frame_map(buf, SLOT_INIT_VSPACE, vaddr, RIGHT_READ | RIGHT_WRITE, 0) != ERR_OK ||
	    tsr_tcb_configure(tcb, 0, SLOT_INIT_CNODE, SLOT_INIT_VSPACE, buf, vaddr) != ERR_OK ||
	    tsr_tcb_set_priority(tcb, HELPER_PRIO) != ERR_OK)
		return -1;
	uint64_t regs[TCB_REG_X0 + 2] = {[TCB_REG_PC] = (uint64_t)helper_trampoline,
					 [TCB_REG_SP] = (uint64_t)&stacks[h][STACK_SIZE],
					 [TCB_REG_X0] = (uint64_t)helper,
					 [TCB_REG_X0 + 1] = h};
	return tsr_tcb_write_regs(tcb, 1, TCB_REG_X0 + 2, regs) == ERR_OK ? 0 : -1;
}

static int setup(void)
{
	unsigned best = 0;
	for (uint64_t s = bi->untyped.start; s < bi->untyped.end; s++) {
		const struct bootinfo_untyped *u = &bi->untyped_list[s - bi->untyped.start];
		if (!u->is_device && u->size_bits > best) {
			best = u->size_bits;
			ut_ram = s;
		}
	}
	pool = bi->empty.start;
	next_slot = pool + DIFF_POOL;
	if (tsr_tcb_set_priority(SLOT_INIT_TCB, ROOT_PRIO) != ERR_OK)
		return -1;
	/* The model's initial state (model.py Model.__init__). */
	if (!make(OBJ_UNTYPED, DIFF_UT_BITS, pool) || !make(OBJ_ENDPOINT, 0, pool + 1) ||
	    !make(OBJ_ENDPOINT, 0, pool + 2) || !make(OBJ_NOTIFICATION, 0, pool + 3))
		return -1;
	for (unsigned h = 0; h < DIFF_HELPERS; h++) {
		helper_reply[h] = make(OBJ_REPLY, 0, next_slot++);
		helper_kick[h] = make(OBJ_NOTIFICATION, 0, next_slot++);
		if (!helper_reply[h] || !helper_kick[h] || start_helper(h) != 0)
			return -1;
	}
	return 0;
}

static char out[256];
static unsigned nout;

static void res(uint64_t v)
{
	nout += (unsigned)snprintf(out + nout, sizeof(out) - nout, " %llu", (unsigned long long)v);
}

/* CNode_Copy/Mint/Move/Mutate (spec 4.3-4.6): dest a, src b in the pool. */
static enum tessera_err cnode_two(unsigned label, const struct diff_op *op)
{
	uint64_t w[6] = {pool + op->a, DEPTH, pool + op->b, DEPTH, op->x, op->y};
	tsr_cptr_t cn = SLOT_INIT_CNODE;
	struct tsr_msg o;
	return tsr_invoke(SLOT_INIT_CNODE, label, 1, &cn, 6, w, &o);
}

static void ipc_result(enum tessera_err e, const struct tsr_msg *m, int with_badge)
{
	res(e);
	if (e != ERR_OK)
		return;
	unsigned len = tsr_msginfo_length(m->info);
	if (with_badge) {
		res(m->badge);
		res(tsr_msginfo_label(m->info));
		res(len);
		if (len >= 1)
			res(m->mr[0]);
		return;
	}
	res(tsr_msginfo_label(m->info));
	res(m->mr[0]);
	res(m->badge);
}

static void run(const struct diff_op *op)
{
	uint64_t a = pool + op->a, w = 0;
	struct tsr_msg m = {.info = tsr_msginfo(op->x, 0, 1), .mr = {op->y}};
	struct tsr_cap_info ci = {0};
	struct tsr_untyped_info ui = {0};
	enum tessera_err e;

	switch (op->code) {
	case OP_RETYPE:
		res(tsr_untyped_retype(a, op->b, op->c, SLOT_INIT_CNODE, SLOT_INIT_CNODE, DEPTH,
				       pool + op->x, op->y));
		break;
	case OP_COPY:
	case OP_MINT:
	case OP_MOVE:
	case OP_MUTATE:
		res(cnode_two(INV_CNODE_COPY + op->code - OP_COPY, op));
		break;
	case OP_DELETE:
		res(tsr_cnode_delete(SLOT_INIT_CNODE, a, DEPTH));
		break;
	case OP_REVOKE:
		res(tsr_cnode_revoke(SLOT_INIT_CNODE, a, DEPTH));
		break;
	case OP_INSPECT:
		res(tsr_cnode_inspect(SLOT_INIT_CNODE, a, DEPTH, &ci));
		res(ci.type);
		res(ci.rights);
		res(ci.badge);
		break;
	case OP_DESCRIBE:
		e = tsr_untyped_describe(a, &ui);
		res(e);
		res(ui.bytes_free);
		res(ui.size_bits);
		break;
	case OP_SIGNAL:
		res(tsr_signal(a));
		break;
	case OP_POLL:
		e = tsr_poll(a, &w);
		res(e);
		res(e == ERR_OK ? w : 0);
		break;
	case OP_NBSEND:
		res(tsr_nbsend(a, &m));
		break;
	case OP_SEND:
		res(tsr_send(a, &m));
		break;
	case OP_CALL:
		ipc_result(tsr_call(a, &m), &m, 0);
		break;
	case OP_NBRECV:
		ipc_result(tsr_nbrecv(a, &m, 0), &m, 1);
		break;
	case OP_REPLY:
		m.info = tsr_msginfo(0, 0, 0);
		res(tsr_reply(a, &m));
		break;
	case OP_KICK:
		res(tsr_signal(helper_kick[op->a]));
		break;
	default:
		res(~0ULL);
	}
}

int main(void)
{
	bi = tsr_bootinfo;
	printf("DIFF seed %llu, %u operations\n", (unsigned long long)DIFF_SEED,
	       (unsigned)(sizeof(diff_prog) / sizeof(diff_prog[0])));
	if (setup() != 0) {
		printf("DIFF setup failed\n");
		for (;;)
			tsr_yield();
	}
	for (unsigned i = 0; i < sizeof(diff_prog) / sizeof(diff_prog[0]); i++) {
		nout = 0;
		out[0] = 0;
		run(&diff_prog[i]);
		events[nevents] = 0;
		printf("D %u %s%s%s\n", i, diff_op_name[diff_prog[i].code], out, events);
		nevents = 0;
	}
	printf("DIFF done\n");
	for (;;)
		tsr_yield();
}
