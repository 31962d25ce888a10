/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Object invocations (ABI, docs/spec/). An invocation is SYS_CALL on a
 * capability to a kernel object; the message label selects the operation,
 * message registers carry arguments, extra capabilities (cptrs listed in
 * the IPC buffer's caps[] array) name further objects. The kernel answers
 * like a server: x0 = ERR_* status of the whole call; for a successful
 * invocation, MR0.. carry results as listed. Invocations never block.
 *
 * Slot addressing: a slot is (root CNode cap, index, depth): index is
 * resolved in the CSpace rooted at that CNode, consuming depth bits
 * (1..64), seL4-style with guards. "dest" arguments are relative to the
 * invoked CNode; "src" to the CNode given as extra cap 0.
 */
#ifndef TESSERA_INVOCATION_H
#define TESSERA_INVOCATION_H

enum tessera_invocation {
	/* Untyped. MR0 type, MR1 size_bits (UNTYPED, CNODE only), MR2 dest
	 * index, MR3 dest depth (resolve the destination CNode in the CSpace
	 * of extra cap 0), MR4 first slot offset in it, MR5 object count.
	 * Objects are zeroed. */
	INV_UNTYPED_RETYPE = 1,
	/* Untyped: MR0 <- bytes free, MR1 <- size bits, MR2 <- physical base, MR3 <- is_device. */
	INV_UNTYPED_DESCRIBE = 2,

	/* CNode. dest = (invoked, MR0 index, MR1 depth); src = (extra cap 0,
	 * MR2 index, MR3 depth). MR4 rights mask, MR5 badge (Mint/Mutate). */
	INV_CNODE_COPY = 10,
	INV_CNODE_MINT = 11,
	INV_CNODE_MOVE = 12,
	INV_CNODE_MUTATE = 13,
	/* (invoked, MR0 index, MR1 depth) */
	INV_CNODE_DELETE = 14,
	INV_CNODE_REVOKE = 15,
	/* (invoked, MR0 index, MR1 depth): MR0 <- 0 if the slot is empty, else its
	 * object type + 1; MR1 <- rights; MR2 <- badge (endpoints, notifications). */
	INV_CNODE_INSPECT = 16,

	/* TCB. */
	INV_TCB_CONFIGURE = 20,	   /* extra caps: CSpace root CNode, VSpace, IPC buffer frame;
				    * MR0 fault endpoint cptr (in the new CSpace, 0 = none),
				    * MR1 IPC buffer vaddr */
	INV_TCB_SET_PRIORITY = 21, /* MR0 priority, MR1 (optional) maximum controlled priority;
				    * both at most the caller's own MCP */
	INV_TCB_SET_AFFINITY = 22, /* MR0 core */
	INV_TCB_WRITE_REGS = 23,   /* MR0 resume(bool), MR1 count, MR2.. pc, sp, spsr, x0..x30 */
	INV_TCB_READ_REGS = 24,	   /* MR0 count -> MR0.. pc, sp, spsr, x0.. */
	INV_TCB_RESUME = 25,
	INV_TCB_SUSPEND = 26,
	INV_TCB_BIND_NOTIFICATION = 27, /* extra cap 0: notification */
	INV_TCB_UNBIND_NOTIFICATION = 28,
	INV_TCB_SET_FAULT_EP = 29, /* MR0 fault endpoint cptr in the thread's CSpace */
	INV_TCB_WRITE_FP = 30,	   /* MR0 index of a q register (0..31), MR1 low, MR2 high */
	INV_TCB_READ_FP = 31,	   /* MR0 index -> MR0 low, MR1 high */

	/* Frames and page tables (stage-2 mappings). extra cap 0: VSpace. */
	INV_FRAME_MAP = 40, /* MR0 vaddr, MR1 rights (READ|WRITE), MR2 MAP_* attributes */
	INV_FRAME_UNMAP = 41,
	INV_FRAME_ADDRESS = 42,	 /* MR0 <- physical address */
	INV_PAGE_TABLE_MAP = 43, /* MR0 vaddr: the table covers the 2 MiB/1 GiB range */
	INV_PAGE_TABLE_UNMAP = 44,

	/* Interrupts. */
	INV_IRQ_CONTROL_GET = 50, /* MR0 irq, dest (extra cap 0 root, MR1 index, MR2 depth) */
	INV_IRQ_HANDLER_ACK = 51,
	INV_IRQ_HANDLER_SET_NOTIFICATION = 52, /* extra cap 0: notification */
	INV_IRQ_HANDLER_CLEAR = 53,
	/* The user timer's handler only (TSR_USER_TIMER_IRQ): MR0 absolute deadline in
	 * ticks of the counter user threads read (CNTVCT_EL0), 0 = cancel. One interrupt
	 * once the counter reaches it, on the core that made the call. */
	INV_IRQ_HANDLER_SET_DEADLINE = 54,
	/* An SPI's handler: extra cap 0 a VCPU. The interrupt becomes the same
	 * virtual INTID of that vCPU, hardware-linked: the guest's deactivation
	 * deactivates the physical interrupt (no Ack). Replaces a notification
	 * route; Clear undoes it. */
	INV_IRQ_HANDLER_SET_VCPU = 55,

	/* VCPUs (docs/architecture.md, "Virtual machines"). A VCPU is bound to one
	 * TCB, which then runs at EL1 in its VSpace (the guest's memory). */
	INV_VCPU_SET_TCB = 60,	      /* extra cap 0: TCB (must not be running); MR0 VCPU_F_* flags.
				       * Sets the thread's spsr to the guest's reset state. */
	INV_VCPU_READ_REG = 61,	      /* MR0 VCPU_REG_* -> MR0 value */
	INV_VCPU_WRITE_REG = 62,      /* MR0 VCPU_REG_*, MR1 value */
	INV_VCPU_INJECT_IRQ = 63,     /* MR0 virtual INTID (0..1019), MR1 VIRQ_*; an SGI
				       * (0..15) is VIRQ_EDGE only, MR2 its source CPU
				       * interface 0..7 (GICv2 guests; optional) */
	INV_VCPU_SET_IRQ_ENABLE = 64, /* MR0 virtual INTID, MR1 enable (bool): the guest
				       * distributor's enable bit, pushed by the VMM */

	/* Endpoints and notifications have no invocations: use IPC. */
	INV_COUNT
};

/* The user timer (spec 4.30a): a per-core one-shot timer the kernel does not
 * use, claimed with IrqControl_Get like an SPI and armed with
 * IrqHandler_SetDeadline. On aarch64 the EL1 physical timer (CNTP_*_EL0,
 * PPI 30 on QEMU virt), compared against CNTPCT_EL0, which equals
 * CNTVCT_EL0 (the kernel keeps CNTVOFF_EL2 at 0). */
#define TSR_USER_TIMER_IRQ 30

/* TCB register file order for WRITE_REGS / READ_REGS. */
#define TCB_REG_PC    0
#define TCB_REG_SP    1
#define TCB_REG_SPSR  2
#define TCB_REG_X0    3
#define TCB_REG_COUNT (3 + 31)

/* VCPU flags (INV_VCPU_SET_TCB MR0). */
#define VCPU_F_PMU (1U << 0) /* the guest may use the PMU (benchmarks); else it traps */

/* VCPU registers for READ_REG / WRITE_REG: guest EL1 system registers and
 * the hypervisor's per-vCPU settings (general registers, pc, sp_el0 and
 * pstate are the TCB's: TCB_READ_REGS / TCB_WRITE_REGS). */
enum vcpu_reg {
	VCPU_REG_SCTLR_EL1 = 0,
	VCPU_REG_TTBR0_EL1,
	VCPU_REG_TTBR1_EL1,
	VCPU_REG_TCR_EL1,
	VCPU_REG_MAIR_EL1,
	VCPU_REG_AMAIR_EL1,
	VCPU_REG_VBAR_EL1,
	VCPU_REG_CONTEXTIDR_EL1,
	VCPU_REG_TPIDR_EL1,
	VCPU_REG_TPIDRRO_EL0,
	VCPU_REG_SP_EL1,
	VCPU_REG_ELR_EL1,
	VCPU_REG_SPSR_EL1,
	VCPU_REG_ESR_EL1,
	VCPU_REG_FAR_EL1,
	VCPU_REG_AFSR0_EL1,
	VCPU_REG_AFSR1_EL1,
	VCPU_REG_PAR_EL1,
	VCPU_REG_CPACR_EL1,
	VCPU_REG_CNTKCTL_EL1,
	VCPU_REG_CSSELR_EL1,
	VCPU_REG_MDSCR_EL1,
	VCPU_REG_CNTV_CTL_EL0,
	VCPU_REG_CNTV_CVAL_EL0,
	VCPU_REG_VMPIDR_EL2, /* the guest's MPIDR_EL1 (affinity in its DTB / GICR_TYPER) */
	VCPU_REG_COUNT
};

/* INV_VCPU_INJECT_IRQ modes. */
#define VIRQ_EDGE	0 /* make it pending once */
#define VIRQ_LEVEL_HIGH 1 /* assert a level line: pending again after each EOI while high */
#define VIRQ_LEVEL_LOW	2 /* deassert it (a pending, not yet taken, interrupt is withdrawn) */

#endif
