/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Fault messages (ABI, docs/spec/). When a thread faults, the kernel sends
 * a message on the thread's fault endpoint as if the thread had done a Call:
 * label = FAULT_*, badge = the fault endpoint cap's badge, words below.
 * The thread stays blocked until the handler replies through the reply
 * object. A reply with label FAULT_REPLY_RESUME resumes the thread; its
 * message words, if any, first replace registers in TCB_REG_* order
 * (pc, sp, spsr (only NZCV kept), x0, x1, ...). Any other reply label, or no
 * reply, leaves the thread stopped. A thread without a fault endpoint that
 * faults is suspended and the kernel logs it.
 */
#ifndef TESSERA_FAULT_H
#define TESSERA_FAULT_H

enum tessera_fault {
	FAULT_NONE = 0,
	/* Unknown syscall: x7 out of range, or a Linux-style "svc #0".
	 * words: pc, sp, spsr, x0..x8 (12 words) */
	FAULT_UNKNOWN_SYSCALL = 1,
	/* Data or instruction abort at EL0.
	 * words: pc, address, is_instruction, fsr (ESR ISS), is_write */
	FAULT_VM = 2,
	/* Undefined instruction (or another synchronous exception the kernel
	 * does not handle). words: pc, esr */
	FAULT_USER_EXCEPTION = 3,
	/* Timeouts and VCPU exits are added by the virtualization issue. */
	FAULT_COUNT
};

#define FAULT_REPLY_RESUME 1

#define FAULT_UNKNOWN_SYSCALL_WORDS 12
#define FAULT_VM_WORDS		    5
#define FAULT_USER_EXCEPTION_WORDS  2

#endif
