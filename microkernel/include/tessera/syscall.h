/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * System call numbers and the register convention (ABI, docs/spec/).
 * aarch64: "svc #0" with x7 = syscall number; x0 = capability pointer;
 * x1 = message info; x2-x5 = message registers 0-3 (the rest of a message
 * is in the caller's IPC buffer); x6 = reply object cptr (Recv, NBRecv:
 * 0 = none; ReplyRecv: required). SYS_REPLY takes its reply object cptr in x0.
 * Results: x0 = ERR_* status; x1 = message info; x2-x5 = words 0-3;
 * x6 = badge of the sender (or the notification word). Other registers
 * are preserved. Linux programs use
 * x8 for their numbers; the kernel never interprets those (a "svc #0" with
 * x7 out of range is an unknown-syscall fault to the thread's handler).
 */
#ifndef TESSERA_SYSCALL_H
#define TESSERA_SYSCALL_H

enum tessera_syscall {
	SYS_SEND = 0,
	SYS_NBSEND = 1,
	SYS_CALL = 2,
	SYS_RECV = 3,
	SYS_NBRECV = 4,
	SYS_REPLY = 5,
	SYS_REPLYRECV = 6,
	SYS_SIGNAL = 7,
	SYS_WAIT = 8,
	SYS_POLL = 9,
	SYS_YIELD = 10,
	SYS_NULL = 11,	      /* enters the kernel and returns (benchmarks) */
	SYS_DEBUG_PUTC = 12,  /* early console output, any thread (spec 3.15) */
	SYS_DEBUG_CHECK = 13, /* kernel consistency check from the CNode in x0: ERR_OK or
			       * ERR_ILLEGAL_OPERATION (the reason goes to the kernel log) */
	SYS_COUNT
};

/* Message info word: label[63:12] | caps_unwrapped[11:9] | extra_caps[8:7] | length[6:0]. */
#define MSG_MAX_LENGTH	   120
#define MSG_REG_COUNT	   4
#define MSG_MAX_EXTRA_CAPS 3

#define MSGINFO(label, caps, len)                                                                  \
	(((unsigned long)(label) << 12) | ((unsigned long)(caps) << 7) | (len))
#define MSGINFO_LABEL(mi)      ((mi) >> 12)
#define MSGINFO_UNWRAPPED(mi)  (((mi) >> 9) & 7)
#define MSGINFO_EXTRA_CAPS(mi) (((mi) >> 7) & 3)
#define MSGINFO_LENGTH(mi)     ((mi)&0x7f)

#endif
