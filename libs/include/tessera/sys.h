/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Tessera system call stubs (user level). Each stub is one "svc #0" with
 * the register convention of <tessera/syscall.h>:
 *   in:  x7 = syscall number, x0 = cptr, x1 = message info,
 *        x2-x5 = message words 0-3, x6 = reply object cptr (receiving side)
 *   out: x0 = ERR_* status, x1 = message info, x2-x5 = words 0-3,
 *        x6 = badge (endpoints) or notification word (Wait/Poll).
 * Words 4.. of a message and extra caps live in the thread's IPC buffer
 * (<tessera/ipcbuf.h>, tsr_ipcbuf()). Every stub treats x0-x6 as
 * clobbered, whatever it returns, so the kernel may leave any value there.
 * Building with -DTSR_FAKE_SVC replaces "svc #0" by a call of
 * tsr_fake_svc, a user-level fake kernel for tests under qemu-aarch64
 * (tests/userland/); with -DTSR_SYSCALL_EXTERN (host unit tests) the
 * register primitive is an external function the test provides.
 */
#ifndef TESSERA_SYS_H
#define TESSERA_SYS_H

#include <stdint.h>
#include <tessera/errors.h>
#include <tessera/ipcbuf.h>
#include <tessera/syscall.h>

#ifdef TSR_FAKE_SVC
#define TSR_SVC		 "bl tsr_fake_svc"
#define TSR_SVC_CLOBBERS "memory", "cc", "x30"
#else
#define TSR_SVC		 "svc #0"
#define TSR_SVC_CLOBBERS "memory"
#endif

typedef uint64_t tsr_cptr_t;

/* A message as it travels in registers: info word, words 0-3, badge. */
struct tsr_msg {
	uint64_t info;
	uint64_t mr[MSG_REG_COUNT];
	uint64_t badge; /* set on receive: the sender's badge (or notification word) */
};

/* Message info helpers (layout in <tessera/syscall.h>). */
static inline uint64_t tsr_msginfo(uint64_t label, unsigned extra_caps, unsigned length)
{
	return MSGINFO(label, extra_caps, length);
}

static inline uint64_t tsr_msginfo_label(uint64_t info)
{
	return MSGINFO_LABEL(info);
}

static inline unsigned tsr_msginfo_length(uint64_t info)
{
	return (unsigned)MSGINFO_LENGTH(info);
}

static inline unsigned tsr_msginfo_extra_caps(uint64_t info)
{
	return (unsigned)MSGINFO_EXTRA_CAPS(info);
}

static inline unsigned tsr_msginfo_unwrapped(uint64_t info)
{
	return (unsigned)MSGINFO_UNWRAPPED(info);
}

/*
 * The one register-level primitive: r[0..6] are x0-x6 in and out. Every
 * stub below is this with a fixed syscall number, so they all share one
 * audited asm statement; unused inputs cost a register move at most.
 */
#ifdef TSR_SYSCALL_EXTERN
/* Host unit tests: a fake kernel defines it (tests/unit/test_invoke.c). */
void tsr_syscall_regs(uint64_t sysno, uint64_t r[7]);
#else
static inline void tsr_syscall_regs(uint64_t sysno, uint64_t r[7])
{
	// cppcheck-suppress constStatement
	register uint64_t x0 __asm__("x0") = r[0];
	// cppcheck-suppress constStatement
	register uint64_t x1 __asm__("x1") = r[1];
	// cppcheck-suppress constStatement
	register uint64_t x2 __asm__("x2") = r[2];
	// cppcheck-suppress constStatement
	register uint64_t x3 __asm__("x3") = r[3];
	// cppcheck-suppress constStatement
	register uint64_t x4 __asm__("x4") = r[4];
	// cppcheck-suppress constStatement
	register uint64_t x5 __asm__("x5") = r[5];
	// cppcheck-suppress constStatement
	register uint64_t x6 __asm__("x6") = r[6];
	register uint64_t x7 __asm__("x7") = sysno;

	__asm__ volatile(TSR_SVC
			 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3), "+r"(x4), "+r"(x5), "+r"(x6)
			 : "r"(x7)
			 : TSR_SVC_CLOBBERS);
	r[0] = x0;
	r[1] = x1;
	r[2] = x2;
	r[3] = x3;
	r[4] = x4;
	r[5] = x5;
	r[6] = x6;
}
#endif

/* Sends m (info, mr) on cptr, receives into m (info, mr, badge) if want_reply. */
static inline enum tessera_err tsr_ipc(uint64_t sysno, tsr_cptr_t cptr, tsr_cptr_t reply,
				       struct tsr_msg *m, int send, int receive)
{
	uint64_t r[7] = {cptr, 0, 0, 0, 0, 0, reply};

	if (send) {
		r[1] = m->info;
		for (int i = 0; i < MSG_REG_COUNT; i++)
			r[2 + i] = m->mr[i];
	}
	tsr_syscall_regs(sysno, r);
	if (receive && r[0] == ERR_OK) {
		m->info = r[1];
		for (int i = 0; i < MSG_REG_COUNT; i++)
			m->mr[i] = r[2 + i];
		m->badge = r[6];
	}
	return (enum tessera_err)r[0];
}

/* Blocking send of m on an endpoint. */
static inline enum tessera_err tsr_send(tsr_cptr_t ep, const struct tsr_msg *m)
{
	return tsr_ipc(SYS_SEND, ep, 0, (struct tsr_msg *)m, 1, 0);
}

/* Send that fails with ERR_WOULD_BLOCK when no receiver waits. */
static inline enum tessera_err tsr_nbsend(tsr_cptr_t ep, const struct tsr_msg *m)
{
	return tsr_ipc(SYS_NBSEND, ep, 0, (struct tsr_msg *)m, 1, 0);
}

/* Send m and wait for the reply, which replaces m. Also object invocations. */
static inline enum tessera_err tsr_call(tsr_cptr_t cap, struct tsr_msg *m)
{
	return tsr_ipc(SYS_CALL, cap, 0, m, 1, 1);
}

/* Wait for a message on ep; a caller's reply capability goes into reply. */
static inline enum tessera_err tsr_recv(tsr_cptr_t ep, struct tsr_msg *m, tsr_cptr_t reply)
{
	return tsr_ipc(SYS_RECV, ep, reply, m, 0, 1);
}

static inline enum tessera_err tsr_nbrecv(tsr_cptr_t ep, struct tsr_msg *m, tsr_cptr_t reply)
{
	return tsr_ipc(SYS_NBRECV, ep, reply, m, 0, 1);
}

/* Reply through a reply object. The reply cptr goes in x0 and in x6 (the
 * ABI names x0 "cptr" and x6 "reply object"; both hold it, see
 * docs/userland.md "Open ABI questions"). */
static inline enum tessera_err tsr_reply(tsr_cptr_t reply, const struct tsr_msg *m)
{
	return tsr_ipc(SYS_REPLY, reply, reply, (struct tsr_msg *)m, 1, 0);
}

/* Reply m through reply, then wait on ep; the next message replaces m. */
static inline enum tessera_err tsr_replyrecv(tsr_cptr_t ep, struct tsr_msg *m, tsr_cptr_t reply)
{
	return tsr_ipc(SYS_REPLYRECV, ep, reply, m, 1, 1);
}

/* Notifications: Signal ORs the cap's badge into the word; Wait blocks
 * until it is non-zero and returns it (and clears it); Poll does not block. */
static inline enum tessera_err tsr_signal(tsr_cptr_t ntfn)
{
	uint64_t r[7] = {ntfn, 0, 0, 0, 0, 0, 0};

	tsr_syscall_regs(SYS_SIGNAL, r);
	return (enum tessera_err)r[0];
}

static inline enum tessera_err tsr_wait_common(uint64_t sysno, tsr_cptr_t ntfn, uint64_t *word)
{
	uint64_t r[7] = {ntfn, 0, 0, 0, 0, 0, 0};

	tsr_syscall_regs(sysno, r);
	if (word != 0)
		*word = r[0] == ERR_OK ? r[6] : 0;
	return (enum tessera_err)r[0];
}

static inline enum tessera_err tsr_wait(tsr_cptr_t ntfn, uint64_t *word)
{
	return tsr_wait_common(SYS_WAIT, ntfn, word);
}

static inline enum tessera_err tsr_poll(tsr_cptr_t ntfn, uint64_t *word)
{
	return tsr_wait_common(SYS_POLL, ntfn, word);
}

static inline void tsr_yield(void)
{
	uint64_t r[7] = {0};

	tsr_syscall_regs(SYS_YIELD, r);
}

static inline enum tessera_err tsr_null(void)
{
	uint64_t r[7] = {0};

	tsr_syscall_regs(SYS_NULL, r);
	return (enum tessera_err)r[0];
}

/* One byte to the kernel's early console (x0 = the byte). */
static inline enum tessera_err tsr_debug_putc(char c)
{
	uint64_t r[7] = {(unsigned char)c, 0, 0, 0, 0, 0, 0};

	tsr_syscall_regs(SYS_DEBUG_PUTC, r);
	return (enum tessera_err)r[0];
}

/* This thread's IPC buffer (runtime.c: a TLS variable, see docs/userland.md). */
extern __thread struct ipc_buffer *tsr_ipcbuf_tls;

static inline struct ipc_buffer *tsr_ipcbuf(void)
{
	return tsr_ipcbuf_tls;
}

#endif
