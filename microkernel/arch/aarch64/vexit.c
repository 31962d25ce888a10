// SPDX-License-Identifier: BSD-2-Clause
/*
 * Guest exits (docs/architecture.md, "Virtual machines: the exit ABI").
 * Synchronous exceptions from a guest, by ESR_EL2.EC (ARM ARM D17.2.37):
 * WFI/WFE and ID-register reads are finished here; everything that needs
 * policy becomes a FAULT_VCPU_* message to the VMM, whose FAULT_REPLY_VCPU
 * answer is applied by arch_vcpu_reply. Nothing a guest does panics.
 */
#include <arch/trap.h>
#include <arch/vcpu_hw.h>
#include <kernel/cpu.h>
#include <kernel/ipc_transfer.h>

#define EC_WFX	      0x01
#define EC_FP	      0x07
#define EC_HVC64      0x16
#define EC_SMC64      0x17
#define EC_SYSREG     0x18
#define EC_IABT_LOWER 0x20
#define EC_DABT_LOWER 0x24
#define EC_DABT_CUR   0x25
#define ESR_IL	      (1UL << 25)

/* Data abort ISS (D17.2.37.11). */
#define ISS_ISV(iss)   (((iss) >> 24) & 1)
#define ISS_SAS(iss)   (((iss) >> 22) & 3)
#define ISS_SSE(iss)   (((iss) >> 21) & 1)
#define ISS_SRT(iss)   (((iss) >> 16) & 0x1f)
#define ISS_SF(iss)    (((iss) >> 15) & 1)
#define ISS_S1PTW(iss) (((iss) >> 7) & 1)
#define ISS_WNR(iss)   (((iss) >> 6) & 1)
#define ISS_FSC(iss)   ((iss)&0x3f)
#define FSC_PERM(fsc)  (((fsc)&0x3c) == 0x0c)
#define FSC_EXTABT     0x10

#define ICC_SGI1R VCPU_SYSREG(3, 0, 12, 11, 5) /* IHI 0069 12.2.22 */

void fp_trap(struct tcb *t);

static uint64_t reg_or_zero(const struct user_regs *r, unsigned n)
{
	return n == 31 ? 0 : r->x[n];
}

static uint64_t exit_ipa(void)
{
	return ((sysreg_read(hpfar_el2) >> 4) << 12) | (sysreg_read(far_el2) & 0xfff);
}

static void exit_dabt(struct tcb *t, uint64_t esr)
{
	struct vcpu *v = t->vcpu;
	uint64_t iss = ESR_ISS(esr);
	unsigned size = (unsigned)ISS_SAS(iss), rt = (unsigned)ISS_SRT(iss);
	uint64_t access = size | ((uint64_t)rt << 8);

	access |= ISS_WNR(iss) ? VCPU_ACCESS_WRITE : 0;
	access |= ISS_SSE(iss) ? VCPU_ACCESS_SIGNED : 0;
	access |= ISS_SF(iss) ? VCPU_ACCESS_SF : 0;
	access |= ISS_ISV(iss) ? VCPU_ACCESS_VALID : 0;
	access |= ISS_S1PTW(iss) ? VCPU_ACCESS_S1PTW : 0;
	access |= FSC_PERM(ISS_FSC(iss)) ? VCPU_ACCESS_PERM : 0;
	uint64_t data = 0;
	if (ISS_ISV(iss) && ISS_WNR(iss)) {
		data = reg_or_zero(&t->regs, rt);
		if (size < 3)
			data &= (1UL << (8U << size)) - 1;
	}
	v->arch.exit_rt = (uint8_t)rt;
	v->arch.exit_size = (uint8_t)size;
	v->arch.exit_signed = (uint8_t)ISS_SSE(iss);
	v->arch.exit_sf = (uint8_t)ISS_SF(iss);
	v->arch.inject_far = sysreg_read(far_el2);
	v->exit_msg[0] = exit_ipa();
	v->exit_msg[1] = access;
	v->exit_msg[2] = data;
	v->exit_msg[3] = esr;
	vcpu_exit(t, FAULT_VCPU_DABT, 4);
}

static void exit_call(struct tcb *t, uint64_t esr, unsigned fault)
{
	struct vcpu *v = t->vcpu;

	for (unsigned i = 0; i < 4; i++)
		v->exit_msg[i] = t->regs.x[i];
	v->exit_msg[4] = esr & 0xffff;
	v->exit_msg[5] = fault == FAULT_VCPU_SMC ? VCPU_EXIT_ADVANCE : 0;
	vcpu_exit(t, fault, 6);
}

/* ID registers (op0=3, op1=0, CRn=0, CRm=1..7), sanitised: no SVE, SME,
 * MTE, MPAM, AMU, SPE, trace; no AArch32 at EL0/EL1 (its ID registers read
 * as 0); the PMU only for a VM granted it. Unknown ones read as 0. */
static uint64_t id_reg(const struct vcpu *v, unsigned crm, unsigned op2)
{
	uint64_t x;

	switch (crm << 4 | op2) {
	case 0x40:
		x = sysreg_read(S3_0_C0_C4_0) & ~(0xfffUL << 32); /* SVE, MPAM, AMU */
		return (x & ~0xffUL) | 0x11;			  /* EL0, EL1: AArch64 only */
	case 0x41:
		return sysreg_read(S3_0_C0_C4_1) & ~((0xfUL << 24) | (0xfUL << 8) | (0xfUL << 16));
	case 0x50:
		x = sysreg_read(S3_0_C0_C5_0) & ~((0xfUL << 4) | (0xfUL << 32) | (0xfUL << 44));
		return (v->flags & VCPU_F_PMU) ? x : x & ~(0xfUL << 8);
	case 0x60:
		return sysreg_read(S3_0_C0_C6_0);
	case 0x61:
		return sysreg_read(S3_0_C0_C6_1);
	case 0x70:
		return sysreg_read(S3_0_C0_C7_0);
	case 0x71:
		return sysreg_read(S3_0_C0_C7_1);
	case 0x72:
		return sysreg_read(S3_0_C0_C7_2);
	default:
		return 0;
	}
}

static void exit_sysreg(struct tcb *t, uint64_t esr)
{
	struct vcpu *v = t->vcpu;
	uint64_t iss = ESR_ISS(esr);
	unsigned rt = (unsigned)((iss >> 5) & 0x1f), crm = (unsigned)((iss >> 1) & 0xf);
	bool read = iss & 1;
	uint64_t enc = iss & VCPU_SYSREG(3, 7, 15, 15, 7);

	if ((enc & ~(uint64_t)VCPU_SYSREG(0, 0, 0, 15, 7)) == VCPU_SYSREG(3, 0, 0, 0, 0) &&
	    crm >= 1 && crm <= 7) {
		if (!read) {
			v->arch.inject = INJECT_UNDEF;
			return;
		}
		if (rt != 31)
			t->regs.x[rt] = id_reg(v, crm, (unsigned)((iss >> 17) & 7));
		t->regs.pc += 4;
		return;
	}
	if (enc == ICC_SGI1R && !read) { /* SGIs between the VM's vCPUs: no VMM round trip */
		vgic_send_sgi1r(v, reg_or_zero(&t->regs, rt));
		t->regs.pc += 4;
		return;
	}
	v->arch.exit_rt = (uint8_t)rt;
	v->arch.exit_size = 3;
	v->arch.exit_signed = 0;
	v->arch.exit_sf = 1;
	v->exit_msg[0] = enc;
	v->exit_msg[1] = read;
	v->exit_msg[2] = read ? 0 : reg_or_zero(&t->regs, rt);
	v->exit_msg[3] = rt;
	v->exit_msg[4] = VCPU_EXIT_ADVANCE;
	vcpu_exit(t, FAULT_VCPU_SYSREG, 5);
}

static void exit_wfx(struct tcb *t, uint64_t esr)
{
	t->regs.pc += 4;
	if ((ESR_ISS(esr) & 3) != 0) { /* WFE, WFET: their wake-up events are invisible here */
		sched_yield_current();
		return;
	}
	if (!vgic_has_pending(t->vcpu))
		sched_block(t, TS_VCPU_HALTED, NULL);
}

void vexit_sync(struct tcb *t, uint64_t esr)
{
	struct vcpu *v = t->vcpu;

	switch (ESR_EC(esr)) {
	case EC_WFX:
		exit_wfx(t, esr);
		break;
	case EC_FP:
		fp_trap(t);
		break;
	case EC_HVC64:
		exit_call(t, esr, FAULT_VCPU_HVC);
		break;
	case EC_SMC64:
		exit_call(t, esr, FAULT_VCPU_SMC);
		break;
	case EC_SYSREG:
		exit_sysreg(t, esr);
		break;
	case EC_DABT_LOWER:
		exit_dabt(t, esr);
		break;
	case EC_IABT_LOWER:
		v->arch.inject_far = sysreg_read(far_el2);
		v->exit_msg[0] = exit_ipa();
		v->exit_msg[1] = sysreg_read(far_el2);
		v->exit_msg[2] = t->regs.pc;
		v->exit_msg[3] = esr;
		vcpu_exit(t, FAULT_VCPU_IABT, 4);
		break;
	default:
		v->exit_msg[0] = esr;
		v->exit_msg[1] = sysreg_read(far_el2);
		v->exit_msg[2] = t->regs.pc;
		vcpu_exit(t, FAULT_VCPU_OTHER, 3);
		break;
	}
}

/* The loaded value of an emulated load (or MRS) goes to the exit's register. */
static void apply_load(struct tcb *t, uint64_t val)
{
	const struct arch_vcpu *a = &t->vcpu->arch;
	unsigned bits = 8U << a->exit_size;

	if (a->exit_rt == 31)
		return;
	if (bits < 64) {
		val &= (1UL << bits) - 1;
		if (a->exit_signed && (val >> (bits - 1)) & 1)
			val |= ~0UL << bits;
	}
	if (!a->exit_sf)
		val &= 0xffffffffUL;
	t->regs.x[a->exit_rt] = val;
}

void arch_vcpu_reply(struct tcb *t, const uint64_t *w, unsigned n)
{
	struct vcpu *v = t->vcpu;
	uint64_t flags = n > 0 ? w[0] : 0;

	if (flags & (VCPU_REPLY_INJECT_DABT | VCPU_REPLY_INJECT_UNDEF)) {
		v->arch.inject = (flags & VCPU_REPLY_INJECT_DABT) ? INJECT_DABT : INJECT_UNDEF;
		return;
	}
	if ((flags & VCPU_REPLY_LOAD) && n > 1)
		apply_load(t, w[1]);
	else if (flags & VCPU_REPLY_SET_REGS)
		for (unsigned i = 1; i < n && i <= 31; i++)
			t->regs.x[i - 1] = w[i];
	if (flags & VCPU_REPLY_ADVANCE)
		t->regs.pc += 4;
}

/* Takes a synchronous exception to guest EL1 (ARM ARM D1.10: vector offsets
 * 0x0 from EL1t, 0x200 from EL1h, 0x400 from EL0). v is loaded here. */
void vexit_apply_inject(struct vcpu *v, struct user_regs *r)
{
	unsigned mode = r->spsr & 0xf;
	uint64_t off = mode == 0 ? 0x400 : mode == 4 ? 0 : 0x200, esr;

	if (v->arch.inject == INJECT_DABT) {
		esr = ((mode == 0 ? (uint64_t)EC_DABT_LOWER : EC_DABT_CUR) << 26) | ESR_IL |
		      FSC_EXTABT;
		sysreg_write(far_el1, v->arch.inject_far);
	} else {
		esr = ESR_IL; /* EC 0: unknown reason (undefined instruction) */
	}
	v->arch.inject = INJECT_NONE;
	sysreg_write(esr_el1, esr);
	sysreg_write(elr_el1, r->pc);
	sysreg_write(spsr_el1, r->spsr);
	r->pc = sysreg_read(vbar_el1) + off;
	r->spsr = PSTATE_EL1H | PSTATE_DAIF;
}
