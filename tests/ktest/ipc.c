// SPDX-License-Identifier: BSD-2-Clause
/* IPC, notification and fault tests (docs/spec/abi-v1.md sections 3, 5, 6, 7). */
#include <stdio.h>

#include "ktest.h"
#include <tessera/fault.h>

static tsr_cptr_t ep, ntfn;
static volatile uint64_t shared[8];

/* Echo server: replies with words + 1 and the badge it saw, forever. */
/* spec 3.6 Recv, 3.9 ReplyRecv, 5.4 */
static void echo_server(uint64_t reply)
{
	struct tsr_msg m = {0};
	enum tessera_err e = tsr_recv(ep, &m, reply);
	for (;;) {
		if (e != ERR_OK) {
			shared[7]++;
			e = tsr_recv(ep, &m, reply);
			continue;
		}
		struct tsr_msg r = {
		    .info = tsr_msginfo(0, 0, 4),
		    .mr = {m.mr[0] + 1, m.mr[1] + 1, m.badge, tsr_msginfo_label(m.info)}};
		m = r;
		e = tsr_replyrecv(ep, &m, reply);
	}
}

/* spec 3.5 Call, 3.9 ReplyRecv, 5.2, 5.4, 5.7 (fast path), 2.5.3 (badge) */
static bool call_reply(void)
{
	static struct thread srv;
	tsr_cptr_t reply = make_object(OBJ_REPLY, 0), badged = slot_alloc();
	ep = make_object(OBJ_ENDPOINT, 0);
	EXPECT(ep && reply && thread_start(&srv, echo_server, reply, 200, 0));
	EXPECT(tsr_cnode_mint(SLOT_INIT_CNODE, badged, 64, SLOT_INIT_CNODE, ep, 64, RIGHTS_ALL,
			      0x77) == ERR_OK);
	for (int i = 0; i < 100; i++) {
		struct tsr_msg m = {.info = tsr_msginfo(9, 0, 2), .mr = {(uint64_t)i, 100}};
		EXPECT(tsr_call(badged, &m) == ERR_OK);
		EXPECT(m.mr[0] == (uint64_t)i + 1 && m.mr[1] == 101 && m.mr[2] == 0x77 &&
		       m.mr[3] == 9);
		EXPECT(tsr_msginfo_length(m.info) == 4);
	}
	return true;
}

/* spec 5.2 Message transfer (words in the IPC buffer) */
static bool long_messages(void)
{
	struct ipc_buffer *b = tsr_ipcbuf();
	/* the echo server only returns 4 words, but the kernel must carry 12 in and
	 * keep the rest of the IPC buffer untouched on the way back */
	for (int i = 0; i < 12; i++)
		b->msg[i] = 1000 + i;
	struct tsr_msg m = {.info = tsr_msginfo(1, 0, 12), .mr = {5, 6, 7, 8}};
	EXPECT(tsr_call(ep, &m) == ERR_OK && m.mr[0] == 6);
	EXPECT(b->msg[11] == 1011);
	return true;
}

/* spec 2.3, 3.3 Send, 3.4 NBSend, 3.6 Recv, 3.7 NBRecv, 3.8 Reply, 3.1 (lookup errors) */
static bool rights_and_nonblocking(void)
{
	tsr_cptr_t ro = slot_alloc(), wo = slot_alloc(), lonely = make_object(OBJ_ENDPOINT, 0);
	struct tsr_msg m = {.info = tsr_msginfo(0, 0, 1)};
	EXPECT(tsr_cnode_copy(SLOT_INIT_CNODE, ro, 64, SLOT_INIT_CNODE, lonely, 64, RIGHT_READ) ==
	       ERR_OK);
	EXPECT(tsr_cnode_copy(SLOT_INIT_CNODE, wo, 64, SLOT_INIT_CNODE, lonely, 64, RIGHT_WRITE) ==
	       ERR_OK);
	EXPECT(tsr_send(ro, &m) == ERR_NO_RIGHTS);
	EXPECT(tsr_recv(wo, &m, 0) == ERR_NO_RIGHTS);
	EXPECT(tsr_nbsend(lonely, &m) == ERR_WOULD_BLOCK);
	EXPECT(tsr_nbrecv(lonely, &m, 0) == ERR_WOULD_BLOCK);
	EXPECT(tsr_send(slot_alloc(), &m) == ERR_INVALID_CAPABILITY);
	EXPECT(tsr_send(1ULL << 50, &m) == ERR_FAILED_LOOKUP);
	EXPECT(tsr_send(SLOT_INIT_TCB, &m) ==
	       ERR_INVALID_CAPABILITY);				    /* Send is not an invocation */
	EXPECT(tsr_recv(lonely, &m, ro) == ERR_INVALID_CAPABILITY); /* reply must be a Reply cap */
	EXPECT(tsr_reply(lonely, &m) == ERR_INVALID_CAPABILITY);
	return true;
}

/* spec 3.8 Reply, 5.4 (a reply is used at most once) */
static bool reply_once(void)
{
	tsr_cptr_t r = make_object(OBJ_REPLY, 0);
	struct tsr_msg m = {0};
	EXPECT(tsr_reply(r, &m) == ERR_ILLEGAL_OPERATION); /* nobody waits on it */
	return true;
}

static void signaller(uint64_t bits)
{
	tsr_cptr_t n = (tsr_cptr_t)(bits >> 32);
	(void)tsr_signal(n);
	shared[0] = 1;
	thread_exit();
}

/* spec 3.10 Signal, 3.11 Wait, 3.12 Poll, 6.2, 6.3 */
static bool notifications(void)
{
	tsr_cptr_t b1 = slot_alloc(), b2 = slot_alloc();
	uint64_t w = 99;
	ntfn = make_object(OBJ_NOTIFICATION, 0);
	EXPECT(tsr_cnode_mint(SLOT_INIT_CNODE, b1, 64, SLOT_INIT_CNODE, ntfn, 64, RIGHTS_ALL, 1) ==
	       ERR_OK);
	EXPECT(tsr_cnode_mint(SLOT_INIT_CNODE, b2, 64, SLOT_INIT_CNODE, ntfn, 64, RIGHTS_ALL, 4) ==
	       ERR_OK);
	EXPECT(tsr_poll(ntfn, &w) == ERR_OK && w == 0);
	EXPECT(tsr_signal(b1) == ERR_OK && tsr_signal(b2) == ERR_OK && tsr_signal(b1) == ERR_OK);
	EXPECT(tsr_wait(ntfn, &w) == ERR_OK && w == 5); /* no bit lost, none invented */
	EXPECT(tsr_poll(ntfn, &w) == ERR_OK && w == 0);
	/* a lower-priority thread signals while we block in Wait */
	static struct thread t;
	EXPECT(thread_start(&t, signaller, (b2 << 32), 100, 0));
	EXPECT(tsr_wait(ntfn, &w) == ERR_OK && w == 4);
	EXPECT(tsr_wait(ep, &w) == ERR_INVALID_CAPABILITY);
	return true;
}

/* spec 4.17 TCB_BindNotification, 4.18, 6.4, 3.6 */
static bool bound_notification(void)
{
	tsr_cptr_t n = make_object(OBJ_NOTIFICATION, 0), e2 = make_object(OBJ_ENDPOINT, 0),
		   nb = slot_alloc();
	struct tsr_msg m = {0};
	EXPECT(tsr_cnode_mint(SLOT_INIT_CNODE, nb, 64, SLOT_INIT_CNODE, n, 64, RIGHTS_ALL, 8) ==
	       ERR_OK);
	EXPECT(tsr_tcb_bind_notification(SLOT_INIT_TCB, n) == ERR_OK);
	EXPECT(tsr_tcb_bind_notification(SLOT_INIT_TCB, n) == ERR_ILLEGAL_OPERATION);
	EXPECT(tsr_signal(nb) == ERR_OK);
	EXPECT(tsr_recv(e2, &m, 0) == ERR_OK && m.badge == 8); /* the signal ends the Recv */
	EXPECT(tsr_tcb_unbind_notification(SLOT_INIT_TCB) == ERR_OK);
	EXPECT(tsr_tcb_unbind_notification(SLOT_INIT_TCB) == ERR_ILLEGAL_OPERATION);
	return true;
}

/* Receives one message with a cap into slot shared[1] and signals through it. */
static tsr_cptr_t xfer_ep;
/* spec 5.3 Capability transfer (receiver side) */
static void cap_receiver(uint64_t dest)
{
	struct ipc_buffer *b = (struct ipc_buffer *)shared[2];
	struct tsr_msg m = {0};
	b->receive_cnode = SLOT_INIT_CNODE;
	b->receive_index = dest;
	b->receive_depth = 64;
	enum tessera_err e = tsr_recv(xfer_ep, &m, 0);
	shared[3] = e == ERR_OK ? tsr_msginfo_extra_caps(m.info) : 100 + e;
	shared[4] = tsr_msginfo_unwrapped(m.info);
	shared[5] = b->caps[0];
	if (e == ERR_OK && shared[3] == 1 && shared[4] == 0)
		(void)tsr_signal(dest);
	thread_exit();
}

/* spec 5.3 Capability transfer (grant, no grant, unwrapping) */
static bool cap_transfer(void)
{
	static struct thread t1, t2;
	tsr_cptr_t dest = slot_alloc(), nogrant = slot_alloc(), self_badged = slot_alloc();
	tsr_cptr_t n = make_object(OBJ_NOTIFICATION, 0);
	struct ipc_buffer *b = tsr_ipcbuf();
	uint64_t w;
	xfer_ep = make_object(OBJ_ENDPOINT, 0);
	/* with grant: the cap arrives and works */
	shared[2] = 0x304000UL + 0x1000UL * thread_next_index();
	EXPECT(thread_start(&t1, cap_receiver, dest, 250, 0));
	tsr_yield();
	b->caps[0] = n;
	struct tsr_msg m = {.info = tsr_msginfo(0, 1, 0)};
	EXPECT(tsr_send(xfer_ep, &m) == ERR_OK);
	EXPECT(shared[3] == 1 && shared[4] == 0);
	EXPECT(tsr_wait(n, &w) == ERR_OK);
	/* without grant right: no cap moves */
	EXPECT(tsr_cnode_copy(SLOT_INIT_CNODE, nogrant, 64, SLOT_INIT_CNODE, xfer_ep, 64,
			      RIGHT_WRITE) == ERR_OK);
	tsr_cptr_t dest2 = slot_alloc();
	shared[2] = 0x304000UL + 0x1000UL * thread_next_index();
	EXPECT(thread_start(&t2, cap_receiver, dest2, 250, 0));
	tsr_yield();
	b->caps[0] = n;
	EXPECT(tsr_send(nogrant, &m) == ERR_OK);
	EXPECT(shared[3] == 0);
	struct tsr_cap_info ci;
	EXPECT(tsr_cnode_inspect(SLOT_INIT_CNODE, dest2, 64, &ci) == ERR_OK && ci.type == 0);
	/* a cap to the endpoint itself is unwrapped to its badge */
	EXPECT(tsr_cnode_mint(SLOT_INIT_CNODE, self_badged, 64, SLOT_INIT_CNODE, xfer_ep, 64,
			      RIGHTS_ALL, 0x55) == ERR_OK);
	static struct thread t3;
	shared[2] = 0x304000UL + 0x1000UL * thread_next_index();
	EXPECT(thread_start(&t3, cap_receiver, slot_alloc(), 250, 0));
	tsr_yield();
	b->caps[0] = self_badged;
	EXPECT(tsr_send(xfer_ep, &m) == ERR_OK);
	EXPECT(shared[4] == 1 && shared[5] == 0x55);
	return true;
}

/* A thread blocked in Send when its endpoint is deleted wakes with ERR_CANCELLED. */
static tsr_cptr_t doomed_ep;
/* spec 5.6, 2.6 (Endpoint destruction) */
static void doomed_sender(uint64_t idx)
{
	struct tsr_msg m = {.info = tsr_msginfo(0, 0, 0)};
	shared[idx] = tsr_send(doomed_ep, &m) + 1000;
	thread_exit();
}

/* spec 2.6 Endpoint destruction, 5.6, 4.8 CNode_Revoke */
static bool delete_wakes_blocked(void)
{
	static struct thread a, b;
	tsr_cptr_t u = make_untyped(12);
	doomed_ep = slot_alloc();
	EXPECT(tsr_untyped_retype(u, OBJ_ENDPOINT, 0, SLOT_INIT_CNODE, SLOT_INIT_CNODE, 64,
				  doomed_ep, 1) == ERR_OK);
	shared[5] = shared[6] = 0;
	EXPECT(thread_start(&a, doomed_sender, 5, 250, 0) &&
	       thread_start(&b, doomed_sender, 6, 250, 0));
	tsr_yield();
	EXPECT(shared[5] == 0 && shared[6] == 0); /* both queued */
	/* revoking the untyped destroys the endpoint: both senders are released */
	EXPECT(tsr_cnode_revoke(SLOT_INIT_CNODE, u, 64) == ERR_OK);
	tsr_yield();
	for (int i = 0; i < 50 && (shared[5] == 0 || shared[6] == 0); i++)
		tsr_yield();
	EXPECT(shared[5] == 1000 + ERR_CANCELLED && shared[6] == 1000 + ERR_CANCELLED);
	return true;
}

/* Faults: each faulting thread's message reaches its handler (us). */
static void do_unknown_syscall(uint64_t unused)
{
	(void)unused;
	register uint64_t x0 __asm__("x0") = 5;
	register uint64_t x7 __asm__("x7") = 99;
	__asm__ volatile("svc #0" : "+r"(x0) : "r"(x7) : "memory");
	shared[0] = x0; /* the handler set x0 when it resumed us */
	thread_exit();
}

static void do_bad_access(uint64_t addr)
{
	shared[1] = *(volatile uint64_t *)addr;
	thread_exit();
}

static void do_undefined(uint64_t unused)
{
	(void)unused;
	__asm__ volatile(".word 0x00000000");
	thread_exit();
}

/* spec 7.1 Delivery, 7.2 Message layouts, 7.3 Reply protocol, 4.14 */
static bool faults(void)
{
	static struct thread t1, t2, t3;
	tsr_cptr_t fep = make_object(OBJ_ENDPOINT, 0), reply = make_object(OBJ_REPLY, 0),
		   fb = slot_alloc();
	struct tsr_msg m = {0};
	EXPECT(tsr_cnode_mint(SLOT_INIT_CNODE, fb, 64, SLOT_INIT_CNODE, fep, 64, RIGHTS_ALL, 0xf) ==
	       ERR_OK);
	shared[0] = 0;
	EXPECT(thread_start(&t1, do_unknown_syscall, 0, 200, fb));
	EXPECT(tsr_recv(fep, &m, reply) == ERR_OK);
	EXPECT(tsr_msginfo_label(m.info) == FAULT_UNKNOWN_SYSCALL && m.badge == 0xf);
	EXPECT(tsr_msginfo_length(m.info) == FAULT_UNKNOWN_SYSCALL_WORDS &&
	       tsr_ipcbuf()->msg[10] == 99);
	/* resume with pc, sp, spsr unchanged and x0 = 4242 */
	struct tsr_msg r = {.info = tsr_msginfo(FAULT_REPLY_RESUME, 0, 4),
			    .mr = {m.mr[0], m.mr[1], m.mr[2], 4242}};
	EXPECT(tsr_reply(reply, &r) == ERR_OK);
	for (int i = 0; i < 20 && shared[0] == 0; i++)
		tsr_yield();
	EXPECT(shared[0] == 4242);

	EXPECT(thread_start(&t2, do_bad_access, 0x7000000000UL, 200, fb));
	EXPECT(tsr_recv(fep, &m, reply) == ERR_OK);
	EXPECT(tsr_msginfo_label(m.info) == FAULT_VM && m.mr[1] == 0x7000000000UL && m.mr[2] == 0);
	/* no reply: it stays stopped; the reply object is reused below */
	EXPECT(thread_start(&t3, do_undefined, 0, 200, fb));
	EXPECT(tsr_recv(fep, &m, reply) == ERR_OK);
	EXPECT(tsr_msginfo_label(m.info) == FAULT_USER_EXCEPTION);
	struct tsr_msg stop = {.info = tsr_msginfo(0, 0, 0)};
	EXPECT(tsr_reply(reply, &stop) == ERR_OK); /* label 0: left stopped */
	uint64_t regs[1];
	EXPECT(tsr_tcb_read_regs(t3.tcb, 1, regs) == ERR_OK && regs[0] == m.mr[0]);
	return true;
}

void ktest_ipc(void)
{
	static const struct {
		const char *name;
		bool (*fn)(void);
	} tests[] = {
	    {"call_reply", call_reply},
	    {"long_messages", long_messages},
	    {"rights_and_nonblocking", rights_and_nonblocking},
	    {"reply_once", reply_once},
	    {"notifications", notifications},
	    {"bound_notification", bound_notification},
	    {"cap_transfer", cap_transfer},
	    {"delete_wakes_blocked", delete_wakes_blocked},
	    {"faults", faults},
	};
	for (unsigned i = 0; i < sizeof(tests) / sizeof(tests[0]); i++)
		ktest_report(tests[i].name, tests[i].fn(), "");
}
