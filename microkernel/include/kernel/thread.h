/* SPDX-License-Identifier: BSD-2-Clause */
/* Threads (TCBs), IPC objects and the scheduler. */
#ifndef KERNEL_THREAD_H
#define KERNEL_THREAD_H

#include <arch/regs.h>
#include <kernel/object.h>
#include <tessera/ipcbuf.h>

enum thread_state {
	TS_INACTIVE = 0,  /* suspended or never started */
	TS_RUNNABLE,	  /* in a run queue, or running */
	TS_BLOCKED_SEND,  /* in an endpoint queue (Send or Call) */
	TS_BLOCKED_RECV,  /* in an endpoint queue */
	TS_BLOCKED_REPLY, /* waiting for a reply object to be used */
	TS_BLOCKED_NTFN,  /* waiting on a notification */
	TS_IDLE,	  /* a core's idle thread */
	TS_VCPU_HALTED,	  /* a vCPU waiting for a virtual interrupt (WFI) */
};

struct endpoint {
	struct tcb *head, *tail;
	uint8_t state; /* EP_IDLE, EP_SEND, EP_RECV */
};
enum { EP_IDLE = 0, EP_SEND = 1, EP_RECV = 2 };

struct notification {
	uint64_t word;		 /* badges ORed since the last Wait */
	struct tcb *head, *tail; /* waiting threads */
	struct tcb *bound;
	bool active; /* signalled since the last Wait (also by badge 0) */
};

struct reply {
	struct tcb *caller;   /* blocked in TS_BLOCKED_REPLY on this object, or NULL */
	struct tcb *receiver; /* named this object in a Recv it is blocked in, or NULL */
};

/* IPC details of a blocked thread. */
struct ipc_state {
	uint64_t badge; /* of the cap it sends through */
	bool is_call;
	bool can_grant;
	bool can_grant_reply;
	uint8_t fault;		/* FAULT_* when the "message" is a fault, else 0 */
	uint64_t fault_info[3]; /* address, syndrome, flags (is_instruction | is_write << 1) */
	struct reply *reply;	/* receiver: reply object named in Recv */
};

struct tcb {
	struct user_regs regs; /* first: the trap path saves here */
	struct fp_regs fp;
	uint64_t tls; /* TPIDR_EL0, switched with the thread */
	uint8_t state;
	uint8_t priority;
	uint8_t mcp;	 /* highest priority it may give a thread (itself included) */
	uint8_t core;	 /* affinity */
	uint8_t fp_live; /* FP/SIMD registers hold this thread's state */
	uint8_t in_runq; /* q_next/q_prev link a run queue (else an IPC queue, or nothing) */
	struct tcb *q_next, *q_prev; /* run queue, endpoint or notification queue */
	void *blocked_on;
	struct ipc_state ipc;
	struct reply *reply_to_me; /* reply object I am blocked on */
	struct notification *bound_ntfn;
	struct vcpu *vcpu; /* bound VCPU: the thread runs as a guest CPU */
	uint64_t fault_ep_cptr;
	uint64_t ipcbuf_vaddr;
	struct ipc_buffer *ipcbuf; /* kernel pointer, or NULL */
	struct cte cspace_slot;	   /* internal slots holding the thread's roots */
	struct cte vspace_slot;
	struct cte ipcbuf_slot;
};

/* FIFO queues of threads linked through q_next/q_prev (endpoint and
 * notification wait queues; run queues use the same links). */
static inline void tq_append(struct tcb **head, struct tcb **tail, struct tcb *t)
{
	t->q_next = NULL;
	t->q_prev = *tail;
	if (*tail != NULL)
		(*tail)->q_next = t;
	else
		*head = t;
	*tail = t;
}

static inline void tq_remove(struct tcb **head, struct tcb **tail, struct tcb *t)
{
	if (t->q_prev != NULL)
		t->q_prev->q_next = t->q_next;
	else
		*head = t->q_next;
	if (t->q_next != NULL)
		t->q_next->q_prev = t->q_prev;
	else
		*tail = t->q_prev;
	t->q_next = t->q_prev = NULL;
}

/* Scheduler (sched.c). */
struct tcb *sched_current(void);
void sched_enqueue(struct tcb *t);
void sched_dequeue(struct tcb *t);
void sched_make_runnable(struct tcb *t);
void sched_block(struct tcb *t, enum thread_state st, void *on);
void sched_yield_current(void);
void sched_request(void);	     /* pick again before returning to user */
void sched_switch_to(struct tcb *t); /* direct switch (IPC fast handoff) */
/* Whether a thread of priority prio or higher is queued on this core. */
bool sched_queued_at_least(unsigned prio);
NORETURN void sched_exit_to_user(void);
void sched_init_cpu(unsigned core, struct tcb *idle);
bool sched_check(void); /* run-queue consistency (debug checks) */

/* Threads (tcb.c). */
void tcb_init(struct tcb *t);
void tcb_suspend(struct tcb *t);
void tcb_resume(struct tcb *t);
void tcb_finalise(struct tcb *t);
void tcb_set_error(struct tcb *t, err_t e);
void tcb_set_reg(struct tcb *t, unsigned i, uint64_t v); /* TCB_REG_* order */
struct ipc_buffer *tcb_ipcbuf(struct tcb *t);

/* IPC (ipc.c, notification.c). */
MUST_CHECK err_t ipc_send(struct tcb *t, struct cte *slot, uint64_t info, bool block, bool call);
MUST_CHECK err_t ipc_recv(struct tcb *t, struct cte *slot, struct cte *reply_slot, bool block);
MUST_CHECK err_t ipc_reply(struct tcb *t, struct cte *reply_slot, uint64_t info);
MUST_CHECK err_t ntfn_wait(struct tcb *t, struct cte *slot, bool block);
void ipc_cancel(struct tcb *t);
void endpoint_finalise(struct endpoint *ep);
void notification_finalise(struct notification *n);
void reply_finalise(struct reply *r);
void notification_signal(struct notification *n, uint64_t badge);
void fault_deliver(struct tcb *t, unsigned fault, const uint64_t *words, unsigned n);

#endif
