// SPDX-License-Identifier: BSD-2-Clause
/*
 * The syscall fuzzer, a component of the system configs/test-fuzz.tsr
 * (docs/testing.md): init gives it a 64 MiB untyped pool, a copy of the IRQ
 * control capability and a CNode of 2048 slots. It builds a population of
 * objects of every type from the pool, then
 * issues random system calls and invocations (most of them on live caps of
 * the population, the rest on random cptrs), keeps creating, copying,
 * revoking and deleting objects, and asks the kernel for a consistency
 * check every CHECK_EVERY calls and at the end. Everything it touches
 * lives in a pool of slots and under untyped it created, so its own image,
 * stack and IPC buffer stay intact. Non-blocking calls only: the fuzzer
 * must never wait on itself. Reproducible from the seed it prints.
 */
#include <stdio.h>
#include <string.h>
#include <tessera/invocation.h>
#include <tessera/invoke.h>
#include <tessera/runtime.h>
#include <tessera/sys.h>

#include "glue.h"

#ifndef FUZZ_CALLS
#define FUZZ_CALLS 100000
#endif
#define FUZZ_SEED   0x7e55e4aULL
#define CHECK_EVERY 10000
#define POOL	    1024
/* The 16 slots before the pool are never written: this one stays empty. */
#define EMPTY_SLOT TSR_SLOT_FIRST_FREE

static uint64_t rng = FUZZ_SEED, pool_base, ut_root, calls, live_calls, ok_calls;
static uint64_t class_total[8], class_ok[8];
static const char *class_name[8] = {"retype", "cnode",	"ipc", "invoke",
				    "tcb",    "vspace", "irq", "random"};
static uint64_t err_hist[ERR_COUNT + 1];

static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static uint64_t pick(uint64_t n)
{
	return n ? next() % n : 0;
}

/* A slot of the pool, or sometimes any cptr at all. */
static uint64_t any_slot(void)
{
	if (pick(10) == 0) {
		static const uint64_t odd[] = {0, 1ULL << 63, 4095, 4096, ~0ULL, 7};
		return pick(3) ? odd[pick(6)] : next();
	}
	return pool_base + pick(POOL);
}

/*
 * Shadow of the pool: the cap type (0 empty, else object type + 1) of each
 * slot, refreshed with CNode_Inspect every SCAN_EVERY calls (maintenance
 * calls, not counted) and updated after successful operations in between.
 * It only steers the choice of arguments; the kernel is never trusted to
 * match it.
 */
#define SCAN_EVERY 256
static uint8_t shadow[POOL];

static void rescan(void)
{
	struct tsr_cap_info ci;
	for (unsigned i = 0; i < POOL; i++)
		shadow[i] = tsr_cnode_inspect(TSR_SLOT_CNODE, pool_base + i, 64, &ci) == ERR_OK
				? (uint8_t)ci.type
				: 0;
}

/* A pool slot holding a cap of this object type (most of the time), else any slot. */
static uint64_t slot_of(unsigned obj_type)
{
	if (pick(10) < 8) {
		unsigned start = (unsigned)pick(POOL);
		for (unsigned k = 0; k < POOL; k++) {
			unsigned i = (start + k) % POOL;
			if (shadow[i] == obj_type + 1)
				return pool_base + i;
		}
	}
	return any_slot();
}

static uint64_t live_slot(void)
{
	unsigned start = (unsigned)pick(POOL);
	for (unsigned k = 0; k < POOL && pick(10) < 8; k++)
		if (shadow[(start + k) % POOL] != 0 &&
		    shadow[(start + k) % POOL] != OBJ_ENDPOINT + 1)
			return pool_base + (start + k) % POOL;
	return any_slot();
}

static void shadow_set(uint64_t slot, unsigned type_plus_one)
{
	if (slot >= pool_base && slot < pool_base + POOL)
		shadow[slot - pool_base] = (uint8_t)type_plus_one;
}

static unsigned shadow_get(uint64_t slot)
{
	return slot >= pool_base && slot < pool_base + POOL ? shadow[slot - pool_base] : 0;
}

/* The cap to invoke, unless it is an endpoint: a Call on one would block us. */
static uint64_t not_ep(uint64_t cap)
{
	struct tsr_cap_info ci;
	if (tsr_cnode_inspect(TSR_SLOT_CNODE, cap, 64, &ci) == ERR_OK &&
	    ci.type == OBJ_ENDPOINT + 1)
		return EMPTY_SLOT;
	return cap;
}

static void count(unsigned cls, enum tessera_err e)
{
	calls++;
	class_total[cls]++;
	err_hist[e <= ERR_COUNT ? e : ERR_COUNT]++;
	if (e != ERR_INVALID_CAPABILITY && e != ERR_FAILED_LOOKUP)
		live_calls++; /* the capability named resolved to a live cap */
	if (e == ERR_OK) {
		ok_calls++;
		class_ok[cls]++;
	}
}

static const unsigned types[] = {OBJ_UNTYPED,  OBJ_TCB,	     OBJ_ENDPOINT, OBJ_NOTIFICATION,
				 OBJ_REPLY,    OBJ_CNODE,    OBJ_VSPACE,   OBJ_PAGE_TABLE,
				 OBJ_FRAME_4K, OBJ_FRAME_2M, OBJ_VCPU};

#define NTYPES (sizeof(types) / sizeof(types[0]))

static void op_retype(void)
{
	unsigned type = types[pick(NTYPES)];
	unsigned bits = type == OBJ_UNTYPED ? 12 + (unsigned)pick(10)
			: type == OBJ_CNODE ? 1 + (unsigned)pick(6)
					    : 0;
	uint64_t ut = pick(4) ? not_ep(slot_of(OBJ_UNTYPED)) : ut_root,
		 dest = pool_base + pick(POOL), n = 1 + pick(3);
	for (unsigned k = 0; k < POOL && pick(10) < 7 && shadow_get(dest) != 0; k++)
		dest = pool_base + (dest - pool_base + 1) % POOL; /* prefer an empty destination */
	if (dest + n > pool_base + POOL)
		n = pool_base + POOL - dest; /* objects never land outside the pool */
	enum tessera_err e =
	    tsr_untyped_retype(ut, type, bits, TSR_SLOT_CNODE, TSR_SLOT_CNODE, 64, dest, n);
	if (e == ERR_OK)
		for (uint64_t i = 0; i < n; i++)
			shadow_set(dest + i, type + 1);
	count(0, e);
}

static void op_cnode(void)
{
	uint64_t d = any_slot(), s = live_slot();
	unsigned rights = (unsigned)pick(16), op = (unsigned)pick(7);
	enum tessera_err e;
	if (op <= 3)
		for (unsigned k = 0; k < POOL && pick(10) < 8 && shadow_get(d) != 0; k++)
			d = pool_base + pick(POOL); /* copies and moves want an empty destination */
	else
		d = live_slot();
	switch (op) {
	case 0:
		e = tsr_cnode_copy(TSR_SLOT_CNODE, d, 64, TSR_SLOT_CNODE, s, 64, rights);
		break;
	case 1:
		e = tsr_cnode_mint(TSR_SLOT_CNODE, d, 64, TSR_SLOT_CNODE, s, 64, rights, pick(4));
		break;
	case 2:
		e = tsr_cnode_move(TSR_SLOT_CNODE, d, 64, TSR_SLOT_CNODE, s, 64);
		break;
	case 3:
		e = tsr_cnode_mutate(TSR_SLOT_CNODE, d, 64, TSR_SLOT_CNODE, s, 64, pick(4));
		break;
	case 4:
		e = tsr_cnode_delete(TSR_SLOT_CNODE, d, 64);
		break;
	case 5:
		e = tsr_cnode_revoke(TSR_SLOT_CNODE, d, 64);
		break;
	default: {
		struct tsr_cap_info ci;
		e = tsr_cnode_inspect(TSR_SLOT_CNODE, d, 64, &ci);
		break;
	}
	}
	if (e == ERR_OK && op <= 3)
		shadow_set(d, shadow_get(s));
	if (e == ERR_OK && (op == 2 || op == 3 || op == 4))
		shadow_set(op == 4 ? d : s, 0);
	count(1, e);
}

/* Non-blocking IPC only (a blocked fuzzer would never wake). */
static void op_ipc(void)
{
	struct tsr_msg m = {.info = tsr_msginfo(pick(8), (unsigned)pick(4), (unsigned)pick(10)),
			    .mr = {next(), next(), next(), next()}};
	uint64_t w;
	enum tessera_err e;
	tsr_ipcbuf()->caps[0] = any_slot();
	tsr_ipcbuf()->receive_cnode = TSR_SLOT_CNODE;
	tsr_ipcbuf()->receive_index = pool_base + pick(POOL);
	tsr_ipcbuf()->receive_depth = 64;
	switch (pick(5)) {
	case 0:
		e = tsr_nbsend(pick(2) ? slot_of(OBJ_ENDPOINT) : slot_of(OBJ_NOTIFICATION), &m);
		break;
	case 1:
		e = tsr_nbrecv(pick(2) ? slot_of(OBJ_ENDPOINT) : slot_of(OBJ_NOTIFICATION), &m,
			       pick(2) ? slot_of(OBJ_REPLY) : 0);
		break;
	case 2:
		e = tsr_signal(slot_of(OBJ_NOTIFICATION));
		break;
	case 3:
		e = tsr_poll(slot_of(OBJ_NOTIFICATION), &w);
		break;
	default:
		e = tsr_reply(slot_of(OBJ_REPLY), &m);
		break;
	}
	count(2, e);
}

/* A random invocation on a live cap; never a Call on an endpoint (it could block). */
static void op_invoke(void)
{
	uint64_t cap = not_ep(pick(2) ? live_slot() : any_slot());
	uint64_t words[6] = {pick(12), pick(30), any_slot(), 64, pick(POOL), pick(4)};
	tsr_cptr_t caps[3] = {any_slot(), any_slot(), any_slot()};
	struct tsr_msg out;
	unsigned label = (unsigned)pick(70);
	count(3, tsr_invoke(cap, label, (unsigned)pick(4), caps, (unsigned)pick(7), words, &out));
}

static void op_tcb(void)
{
	uint64_t t = not_ep(slot_of(OBJ_TCB));
	uint64_t regs[4] = {0x7000000000ULL + pick(1 << 20) * 4, 0x1000, 0, next()};
	enum tessera_err e;
	switch (pick(6)) {
	case 0:
		e = tsr_tcb_configure(t, slot_of(OBJ_ENDPOINT), slot_of(OBJ_CNODE),
				      slot_of(OBJ_VSPACE), slot_of(OBJ_FRAME_4K), pick(2) << 12);
		break;
	case 1:
		e = tsr_tcb_set_priority(t, (unsigned)pick(200));
		break; /* below ours: never preempts us */
	case 2:
		e = tsr_tcb_write_regs(t, (int)pick(2), 4, regs);
		break;
	case 3:
		e = tsr_tcb_resume(t);
		break;
	case 4:
		e = tsr_tcb_suspend(t);
		break;
	default:
		e = tsr_tcb_bind_notification(t, slot_of(OBJ_NOTIFICATION));
		break;
	}
	count(4, e);
}

static void op_vspace(void)
{
	uint64_t va = (pick(8) << 30) | (pick(512) << 21) | (pick(2) ? pick(512) << 12 : 0);
	enum tessera_err e;
	switch (pick(4)) {
	case 0:
		e = tsr_page_table_map(not_ep(slot_of(OBJ_PAGE_TABLE)), slot_of(OBJ_VSPACE), va);
		break;
	case 1:
		e = tsr_frame_map(not_ep(slot_of(pick(4) ? OBJ_FRAME_4K : OBJ_FRAME_2M)),
				  slot_of(OBJ_VSPACE), va, (unsigned)pick(4), (unsigned)pick(4));
		break;
	case 2:
		e = tsr_frame_unmap(not_ep(slot_of(OBJ_FRAME_4K)));
		break;
	default:
		e = tsr_page_table_unmap(not_ep(slot_of(OBJ_PAGE_TABLE)));
		break;
	}
	count(5, e);
}

static void op_irq(void)
{
	enum tessera_err e;
	switch (pick(6)) {
	case 0: /* now and then the user timer (spec 4.30a) */
		e = tsr_irq_control_get(TSR_SLOT_IRQC,
					pick(8) ? 32 + (unsigned)pick(300) : TSR_USER_TIMER_IRQ,
					TSR_SLOT_CNODE, pool_base + pick(POOL), 64);
		break;
	case 1:
		e = tsr_irq_handler_set_notification(not_ep(slot_of(OBJ_IRQ_HANDLER)),
						     slot_of(OBJ_NOTIFICATION));
		break;
	case 2:
		e = tsr_irq_handler_ack(not_ep(slot_of(OBJ_IRQ_HANDLER)));
		break;
	case 3:
		e = tsr_irq_handler_clear(not_ep(slot_of(OBJ_IRQ_HANDLER)));
		break;
	case 4: /* a hardware link to a vCPU (spec 4.30b), undone by Clear or deletions */
		e = tsr_irq_handler_set_vcpu(not_ep(slot_of(OBJ_IRQ_HANDLER)), slot_of(OBJ_VCPU));
		break;
	default: { /* cancel, past, soon (fires while we run), far, random */
		uint64_t soon = tsr_counter_now() + pick(tsr_counter_ms(2));
		const uint64_t when[5] = {0, 1, soon, ~0ULL, next()};
		e = tsr_irq_handler_set_deadline(not_ep(slot_of(OBJ_IRQ_HANDLER)), when[pick(5)]);
		break;
	}
	}
	count(6, e);
}

/* A raw system call with random registers (syscall number in range, never blocking ones). */
static void op_random(void)
{
	static const uint64_t nb[] = {SYS_NBSEND, SYS_NBRECV, SYS_POLL, SYS_SIGNAL,
				      SYS_YIELD,  SYS_NULL,   SYS_REPLY};
	uint64_t r[7] = {any_slot(), next(), next(), next(), next(), next(), any_slot()};
	tsr_syscall_regs(nb[pick(7)], r);
	count(7, (enum tessera_err)(r[0] <= ERR_COUNT ? r[0] : ERR_COUNT));
}

static int passed, failed;

static void report(const char *name, int ok, uint64_t value)
{
	printf("TEST fuzz.%s %s %llu\n", name, ok ? "PASS" : "FAIL", (unsigned long long)value);
	ok ? passed++ : failed++;
}

static int check(void)
{
	uint64_t r[7] = {TSR_SLOT_CNODE};
	tsr_syscall_regs(SYS_DEBUG_CHECK, r);
	return r[0] == ERR_OK;
}

_Static_assert(TSR_SLOT_FIRST_FREE + 16 + POOL < TSR_SLOT_END, "the pool fits the CNode");

int run(void)
{
	pool_base = TSR_SLOT_FIRST_FREE + 16;
	ut_root = TSR_SLOT_POOL;
	printf("fuzz: seed %#llx, %d calls, pool of %d slots\n", (unsigned long long)FUZZ_SEED,
	       FUZZ_CALLS, POOL);
	/* a population of every type first */
	for (unsigned i = 0; i < NTYPES; i++)
		for (unsigned k = 0; k < 8; k++) {
			unsigned bits = types[i] == OBJ_UNTYPED ? 16
					: types[i] == OBJ_CNODE ? 4
								: 0;
			count(0, tsr_untyped_retype(ut_root, types[i], bits, TSR_SLOT_CNODE,
						    TSR_SLOT_CNODE, 64, pool_base + i * 8 + k, 1));
		}
	int checks_ok = 1;
	static void (*const ops[])(void) = {op_retype, op_cnode, op_cnode,  op_ipc, op_ipc,
					    op_invoke, op_tcb,	 op_vspace, op_irq, op_random};
	while (calls < FUZZ_CALLS) {
		if (calls % SCAN_EVERY == 0)
			rescan();
		ops[pick(sizeof(ops) / sizeof(ops[0]))]();
		if (calls % CHECK_EVERY == 0 && !check()) {
			checks_ok = 0;
			printf("fuzz: consistency check failed after %llu calls\n",
			       (unsigned long long)calls);
			break;
		}
	}
	checks_ok = checks_ok && check();
	/* Revoke the pool: every object the fuzzer made goes (its threads stop
	 * faulting, so their kernel messages cannot cut into the report), and
	 * the kernel must still be consistent afterwards. */
	enum tessera_err revoked = tsr_cnode_revoke(TSR_SLOT_CNODE, ut_root, 64);
	if (revoked != ERR_OK)
		printf("fuzz: revoking the pool failed: %d\n", revoked);
	checks_ok = checks_ok && revoked == ERR_OK && check();
	for (unsigned i = 0; i < 8; i++)
		printf("fuzz: %-7s %7llu calls, %7llu succeeded\n", class_name[i],
		       (unsigned long long)class_total[i], (unsigned long long)class_ok[i]);
	for (unsigned e = 0; e <= ERR_COUNT; e++)
		if (err_hist[e])
			printf("fuzz: result %2u: %llu\n", e, (unsigned long long)err_hist[e]);
	printf("fuzz: %llu calls, %llu on live caps, %llu succeeded\n", (unsigned long long)calls,
	       (unsigned long long)live_calls, (unsigned long long)ok_calls);
	report("calls", calls >= FUZZ_CALLS, calls);
	report("live_caps_half", live_calls * 2 >= calls, live_calls);
	report("succeeded_fifth", ok_calls * 5 >= calls, ok_calls);
	report("consistency", checks_ok, calls);
	printf("SUMMARY fuzz %d %d\n", passed, failed);
	return 0;
}
