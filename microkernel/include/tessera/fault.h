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
	/*
	 * VM exits of a thread bound to a VCPU (docs/architecture.md, "Virtual
	 * machines: the exit ABI"). The guest's pc is the TCB's (TCB_READ_REGS).
	 * Answer with FAULT_REPLY_VCPU (below) or FAULT_REPLY_RESUME.
	 */
	/* Data abort on an IPA without a (sufficient) stage-2 mapping.
	 * words: ipa (HPFAR_EL2.FIPA | FAR[11:0]), access (VCPU_ACCESS_*),
	 * store data (zero-extended from the access size; 0 for loads), esr */
	FAULT_VCPU_DABT = 4,
	/* Instruction abort. words: ipa, guest virtual address, pc, esr */
	FAULT_VCPU_IABT = 5,
	/* HVC #imm. words: x0, x1, x2, x3, imm16, flags; pc is already past it. */
	FAULT_VCPU_HVC = 6,
	/* SMC #imm (HCR_EL2.TSC: the firmware never sees it). words as HVC;
	 * flags has VCPU_EXIT_ADVANCE: the pc is the SMC itself. */
	FAULT_VCPU_SMC = 7,
	/* MSR/MRS of a trapped system register. words: encoding
	 * (VCPU_SYSREG(op0, op1, crn, crm, op2)), is_read, value written (0 for
	 * reads), Rt; flags in word 4 (VCPU_EXIT_ADVANCE). */
	FAULT_VCPU_SYSREG = 8,
	/* Any other exception class the kernel does not finish (SVE/SME use,
	 * SError, ...). words: esr, far, pc */
	FAULT_VCPU_OTHER = 9,
	FAULT_COUNT
};

#define FAULT_REPLY_RESUME 1
/* Reply to a VM exit: MR0 VCPU_REPLY_* flags, then values as the flags say.
 * Without VCPU_REPLY_ADVANCE the guest re-executes the trapping instruction
 * (HVC is the exception: its pc is past it already). */
#define FAULT_REPLY_VCPU 2

#define VCPU_REPLY_ADVANCE (1U << 0) /* pc += 4 */
#define VCPU_REPLY_LOAD                                                                            \
	(1U << 1)			  /* MR1 = data for the load / MRS: written to the         \
					   * register the exit named, with the access's size       \
					   * and sign extension */
#define VCPU_REPLY_SET_REGS	(1U << 2) /* MR1.. = x0.. (HVC/SMC results) */
#define VCPU_REPLY_INJECT_DABT	(1U << 3) /* synchronous external abort at the exit's address */
#define VCPU_REPLY_INJECT_UNDEF (1U << 4) /* undefined instruction at pc */

/* FAULT_VCPU_DABT access word. */
#define VCPU_ACCESS_SIZE(a) (1U << ((a)&3)) /* bytes: 1, 2, 4, 8 */
#define VCPU_ACCESS_WRITE   (1U << 2)
#define VCPU_ACCESS_SIGNED  (1U << 3) /* sign-extend the loaded value */
#define VCPU_ACCESS_SF	    (1U << 4) /* destination is an X register (else W) */
#define VCPU_ACCESS_VALID                                                                          \
	(1U << 5) /* syndrome valid (ISV): size/reg/sign are known; if                             \
		   * clear the VMM cannot emulate: inject an abort */
#define VCPU_ACCESS_REG(a) (((a) >> 8) & 0x1f) /* Rt (31 = xzr) */
#define VCPU_ACCESS_S1PTW  (1U << 6)	       /* fault on the guest's own page-table walk */
#define VCPU_ACCESS_PERM   (1U << 7)	       /* a permission fault (the IPA is mapped) */

#define VCPU_EXIT_ADVANCE (1U << 0) /* flags word: the pc still points at the instruction */

/* Encoding of a trapped system register (ESR_EL2 ISS layout for EC 0x18). */
#define VCPU_SYSREG(op0, op1, crn, crm, op2)                                                       \
	(((unsigned)(op0) << 20) | ((unsigned)(op2) << 17) | ((unsigned)(op1) << 14) |             \
	 ((unsigned)(crn) << 10) | ((unsigned)(crm) << 1))

#define FAULT_UNKNOWN_SYSCALL_WORDS 12
#define FAULT_VM_WORDS		    5
#define FAULT_USER_EXCEPTION_WORDS  2
#define FAULT_VCPU_MAX_WORDS	    6

#endif
