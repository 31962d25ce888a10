/* SPDX-License-Identifier: BSD-2-Clause */
/* Message transfer between threads, fault messages and bound notifications. */
#ifndef KERNEL_IPC_TRANSFER_H
#define KERNEL_IPC_TRANSFER_H

#include <kernel/thread.h>

/* Endpoint queues (FIFO); ep_remove resets the state when the queue empties. */
void ep_append(struct endpoint *ep, struct tcb *t);
void ep_remove(struct endpoint *ep, struct tcb *t);
/* The Call and ReplyRecv fast paths (fastpath.c); true if they did the whole call. */
bool fastpath_call(struct tcb *t);
bool fastpath_reply_recv(struct tcb *t);
/* The exit-to-VMM fast path (a vCPU's fault message); true if it delivered it. */
bool fastpath_vcpu_exit(struct tcb *t, unsigned fault);
/* Sends t's message (or fault) on ep: meets a receiver or queues t (block) or fails. */
MUST_CHECK err_t ep_send(struct tcb *t, struct endpoint *ep, uint64_t info, bool block, bool call);
/* Delivers a fault of t to its fault endpoint, or suspends t. */
void thread_fault(struct tcb *t, unsigned fault, uint64_t addr, uint64_t syndrome, uint64_t flags);
/* Copies s's message (or s's fault message) to r and sets r's result registers. */
void ipc_transfer(struct tcb *s, struct tcb *r, struct endpoint *ep, uint64_t info);
/* Applies a fault reply from replier to faulted thread c; true if c resumes. */
bool fault_reply(struct tcb *replier, struct tcb *c, uint64_t info);
/* If t's bound notification has a pending word, delivers it to t (true). */
bool notification_deliver_bound(struct tcb *t);
void notification_remove_waiter(struct notification *n, struct tcb *t);

#endif
