// SPDX-License-Identifier: BSD-2-Clause
/*
 * Virtual interrupts through the GIC's virtualization extensions: GICv3
 * list registers (ICH_*_EL2, IHI 0069 chapter 11 / 12.4) and GICv2's
 * virtual interface control block GICH (IHI 0048B chapter 5). The kernel
 * owns every virtual interrupt's pending, level and enable state
 * (docs/architecture.md, "Virtual machines: the virtual GIC"); list
 * registers are filled from it at guest entry. Level lines and the virtual
 * timer carry the LR's EOI bit: the maintenance interrupt tells the kernel
 * when the guest deactivated them, so the timer PPI is unmasked and a line
 * still asserted is pended again. When more interrupts are pending than
 * there are list registers, the underflow maintenance interrupt (UIE)
 * brings the kernel back to refill them.
 *
 * A physical SPI routed to a vCPU (spec 4.30b) is pended as the same
 * virtual INTID and goes into a list register with HW = 1 and pINTID = its
 * number: the guest's deactivation deactivates the physical interrupt, which
 * stays active (so cannot fire again) until then. Such LRs carry no EOI bit
 * (the field holds pINTID's top bit) and need no maintenance.
 */
#include <arch/gic.h>
#include <arch/vcpu_hw.h>
#include <kernel/arch.h>
#include <kernel/cpu.h>
#include <kernel/irq.h>
#include <platform.h>

/* GICH (IHI 0048B 5.3). */
#define GICH_HCR    0x000
#define GICH_VTR    0x004
#define GICH_VMCR   0x008
#define GICH_EISR0  0x020
#define GICH_ELRSR0 0x030
#define GICH_APR    0x0f0
#define GICH_LR(n)  (0x100 + 4 * (n))
#define HCR_EN	    (1U << 0)
#define HCR_UIE	    (1U << 1)

/* List register fields: GICv3 ICH_LR<n>_EL2 (12.4.6), GICv2 GICH_LR (5.3.14). */
#define V3_STATE_SHIFT 62
#define V3_EOI	       (1UL << 41)
#define V3_GROUP1      (1UL << 60)
#define V3_HW	       (1UL << 61)
#define V3_PINTID      (0x3ffUL << 32) /* with HW = 1: the physical INTID, bits 41:32 */
#define V2_STATE_SHIFT 28
#define V2_EOI	       (1UL << 19)
#define V2_ID_MASK     0x1fffUL /* virtual INTID and, for an SGI, the source CPU */
#define V2_SRC_SHIFT   10
#define V2_HW	       (1UL << 31)
#define V2_PINTID      (0x3ffUL << 10) /* with HW = 1: the physical INTID, bits 19:10 */
#define ST_PENDING     1UL
#define ST_ACTIVE      2UL

static unsigned nlr;
static bool v3;

#define LR_CASES(X)                                                                                \
	X(0) X(1) X(2) X(3) X(4) X(5) X(6) X(7) X(8) X(9) X(10) X(11) X(12) X(13) X(14) X(15)

static uint64_t lr_read(unsigned i)
{
	if (!v3)
		return mmio_read32(PLAT_GICH_BASE + GICH_LR(i));
	switch (i) {
#define RD(n)                                                                                      \
	case n:                                                                                    \
		return sysreg_read(ich_lr##n##_el2);
		LR_CASES(RD)
#undef RD
	}
	return 0;
}

static void lr_write(unsigned i, uint64_t v)
{
	if (!v3) {
		mmio_write32(PLAT_GICH_BASE + GICH_LR(i), (uint32_t)v);
		return;
	}
	switch (i) {
#define WR(n)                                                                                      \
	case n:                                                                                    \
		sysreg_write(ich_lr##n##_el2, v);                                                  \
		break;
		LR_CASES(WR)
#undef WR
	}
}

static uint64_t lr_state(uint64_t lr)
{
	return (lr >> (v3 ? V3_STATE_SHIFT : V2_STATE_SHIFT)) & 3;
}

static unsigned lr_virq(uint64_t lr)
{
	return v3 ? (unsigned)(lr & 0xffffffffU) : (unsigned)(lr & 0x3ff);
}

static bool lr_hw(uint64_t lr)
{
	return (lr & (v3 ? V3_HW : V2_HW)) != 0;
}

/* What makes an LR's interrupt unique: its INTID (and SGI source on GICv2). */
static unsigned lr_id(uint64_t lr)
{
	if (v3)
		return (unsigned)(lr & 0xffffffffU);
	return (unsigned)(lr & (lr_hw(lr) ? 0x3ffUL : V2_ID_MASK));
}

static bool lr_eoi_bit(uint64_t lr)
{
	return !lr_hw(lr) && (lr & (v3 ? V3_EOI : V2_EOI)) != 0;
}

/* hw: linked to physical INTID virq (then eoi must be false). */
static uint64_t lr_make(unsigned virq, bool eoi, bool hw, uint64_t state)
{
	if (v3)
		return (state << V3_STATE_SHIFT) | V3_GROUP1 | ((uint64_t)VGIC_PRIO << 48) |
		       (hw ? V3_HW | (uint64_t)virq << 32 : 0) | (eoi ? V3_EOI : 0) | virq;
	return (state << V2_STATE_SHIFT) | ((uint64_t)(VGIC_PRIO >> 3) << 23) |
	       (hw ? V2_HW | (uint64_t)virq << 10 : 0) | (eoi ? V2_EOI : 0) | virq;
}

/* The same LR without its link to a physical interrupt. */
static uint64_t lr_unlink(uint64_t lr)
{
	return v3 ? lr & ~(V3_HW | V3_PINTID) : lr & ~(V2_HW | V2_PINTID);
}

static void hcr_write(uint32_t v)
{
	if (v3)
		sysreg_write(ich_hcr_el2, v);
	else
		mmio_write32(PLAT_GICH_BASE + GICH_HCR, v);
}

void vgic_init_cpu(void)
{
	v3 = arch_irqc_version() == 3;
	unsigned n = v3 ? (sysreg_read(ich_vtr_el2) & 0x1f) + 1
			: (mmio_read32(PLAT_GICH_BASE + GICH_VTR) & 0x3f) + 1;
	nlr = n < VGIC_MAX_LR ? n : VGIC_MAX_LR;
	hcr_write(0);
	sysreg_write(cntv_ctl_el0, 0);
	irqc_enable(MAINT_PPI);
	irqc_enable(VTIMER_PPI);
}

static bool test_bit(const uint64_t *b, unsigned i)
{
	return (b[i / 64] >> (i % 64)) & 1;
}

static void set_bit(uint64_t *b, unsigned i, bool on)
{
	if (on)
		b[i / 64] |= 1UL << (i % 64);
	else
		b[i / 64] &= ~(1UL << (i % 64));
}

static void pend(struct vcpu *v, unsigned virq)
{
	struct arch_vcpu *a = &v->arch;
	if (test_bit(a->pending, virq))
		return;
	set_bit(a->pending, virq, true);
	if (!test_bit(a->disabled, virq))
		a->npending++;
}

static void unpend(struct vcpu *v, unsigned virq)
{
	struct arch_vcpu *a = &v->arch;
	if (!test_bit(a->pending, virq))
		return;
	set_bit(a->pending, virq, false);
	if (!test_bit(a->disabled, virq))
		a->npending--;
}

void vgic_pend(struct vcpu *v, unsigned virq)
{
	pend(v, virq);
	vcpu_wake(v);
}

bool arch_vcpu_virq_ok(uint64_t virq)
{
	return virq < GIC_MAX_INTID && virq < VGIC_NUM_VIRQ;
}

void arch_vcpu_inject(struct vcpu *v, unsigned virq, unsigned mode)
{
	if (mode == VIRQ_LEVEL_LOW) {
		set_bit(v->arch.level, virq, false);
		unpend(v, virq);
		return;
	}
	set_bit(v->arch.level, virq, mode == VIRQ_LEVEL_HIGH);
	vgic_pend(v, virq);
}

void arch_vcpu_inject_sgi(struct vcpu *v, unsigned sgi, unsigned source)
{
	if (!v3)
		v->arch.sgi_src[sgi] |= (uint8_t)(1U << source);
	vgic_pend(v, sgi);
}

/* ICC_SGI1R_EL1 (IHI 0069 12.2.22): TargetList [15:0], Aff1 [23:16], INTID
 * [27:24], Aff2 [39:32], IRM [40], RS [47:44], Aff3 [55:48]. The targets are
 * the vCPUs of self's VM whose VMPIDR matches; IRM = 1 means all but self. */
void vgic_send_sgi1r(struct vcpu *self, uint64_t val)
{
	unsigned sgi = (unsigned)(val >> 24) & 0xf, rs = (unsigned)(val >> 44) & 0xf;
	bool irm = (val >> 40) & 1;
	uint64_t aff = (((val >> 16) & 0xff) << 8) | (((val >> 32) & 0xff) << 16) |
		       (((val >> 48) & 0xff) << 32);

	for (struct vcpu *o = vcpu_bound_first(); o != NULL; o = o->bound_next) {
		if (!vcpu_same_vm(self, o))
			continue;
		uint64_t mp = o->arch.sysreg[VCPU_REG_VMPIDR_EL2] & MPIDR_AFF_MASK;
		bool hit = irm ? o != self
			       : (mp & ~0xffUL) == aff && ((mp & 0xff) >> 4) == rs &&
				     ((val >> (mp & 0xf)) & 1);
		if (hit)
			arch_vcpu_inject_sgi(o, sgi, 0);
	}
}

bool arch_vcpu_timer_due(struct vcpu *v)
{
	uint64_t ctl = v->arch.sysreg[VCPU_REG_CNTV_CTL_EL0];

	if (v->arch.loaded_on >= 0 || v->arch.vtimer_masked || (ctl & 3) != 1 ||
	    timer_now() < v->arch.sysreg[VCPU_REG_CNTV_CVAL_EL0]) /* CNTVOFF_EL2 is 0 */
		return false;
	v->arch.vtimer_masked = 1; /* as if its PPI had fired: unmasked after the guest's EOI */
	vgic_pend(v, VTIMER_PPI);
	return true;
}

bool arch_vcpu_is_hw(const struct vcpu *v, unsigned virq)
{
	return virq < VGIC_NUM_VIRQ && test_bit(v->arch.hw, virq);
}

void arch_vcpu_inject_hw(struct vcpu *v, unsigned virq)
{
	vgic_pend(v, virq);
}

/* LRs of v that hold physical INTID virq lose the link, in the hardware if
 * v is loaded on this core, else in its saved state. Another core's hardware
 * cannot be reached: there the guest's deactivation still goes to the
 * (by then inactive) physical interrupt. */
static void unlink_lrs(struct vcpu *v, unsigned virq)
{
	bool here = v->arch.loaded_on == (int)this_cpu()->index;

	if (v->arch.loaded_on >= 0 && !here)
		return;
	for (unsigned i = 0; i < nlr; i++) {
		uint64_t lr = here ? lr_read(i) : v->arch.lr[i];
		if (!lr_hw(lr) || lr_virq(lr) != virq)
			continue;
		if (here)
			lr_write(i, lr_unlink(lr));
		else
			v->arch.lr[i] = lr_unlink(lr);
	}
}

void arch_vcpu_link_hw(struct vcpu *v, unsigned virq, bool on)
{
	if (virq >= VGIC_NUM_VIRQ)
		return;
	set_bit(v->arch.hw, virq, on);
	if (on)
		return;
	unpend(v, virq);
	unlink_lrs(v, virq);
}

void arch_vcpu_set_enable(struct vcpu *v, unsigned virq, bool enable)
{
	struct arch_vcpu *a = &v->arch;
	bool was = !test_bit(a->disabled, virq);

	if (was == enable)
		return;
	set_bit(a->disabled, virq, !enable);
	if (test_bit(a->pending, virq)) {
		a->npending += enable ? 1 : -1;
		if (enable)
			vcpu_wake(v);
	}
}

/* The guest deactivated an LR's interrupt that asked for EOI maintenance. */
static void lr_done(struct vcpu *v, unsigned i, uint64_t lr)
{
	unsigned virq = lr_virq(lr);

	lr_write(i, 0);
	if (virq == VTIMER_PPI && v->arch.vtimer_masked) {
		v->arch.vtimer_masked = 0;
		irqc_enable(VTIMER_PPI);
	}
	if (virq < VGIC_NUM_VIRQ && test_bit(v->arch.level, virq))
		pend(v, virq);
}

static int next_pending(const struct arch_vcpu *a)
{
	for (unsigned w = 0; w < VGIC_NUM_VIRQ / 64; w++) {
		uint64_t bits = a->pending[w] & ~a->disabled[w];
		if (bits != 0)
			return (int)(w * 64 + __builtin_ctzll(bits));
	}
	return -1;
}

/* Unpends the next instance of virq; returns its LR identity (lr_id). A
 * GICv2 SGI pending from several sources stays pending for the others. */
static unsigned take(struct vcpu *v, unsigned virq)
{
	uint8_t *src = &v->arch.sgi_src[virq < 16 ? virq : 0];

	if (v3 || virq >= 16 || *src == 0) {
		unpend(v, virq);
		return virq;
	}
	unsigned s = (unsigned)__builtin_ctz(*src);
	*src &= (uint8_t) ~(1U << s);
	if (*src == 0)
		unpend(v, virq);
	return virq | s << V2_SRC_SHIFT;
}

/* List registers that may hold an interrupt: ICH_ELRSR_EL2 (IHI 0069
 * 12.4.4) / GICH_ELRSR0 (IHI 0048B 5.3.9) mark those with none as empty. */
static uint64_t lr_busy(void)
{
	uint64_t empty =
	    v3 ? sysreg_read(ich_elrsr_el2) : mmio_read32(PLAT_GICH_BASE + GICH_ELRSR0);
	return ~empty & ((1UL << nlr) - 1);
}

/* True if interrupt id (lr_id) was merged into one of the busy LRs that
 * holds it already. */
static bool merge(unsigned id, uint64_t busy)
{
	for (; busy != 0; busy &= busy - 1) {
		unsigned i = (unsigned)__builtin_ctzll(busy);
		uint64_t lr = lr_read(i);
		if (lr_state(lr) != 0 && lr_id(lr) == id) {
			if (!(lr_state(lr) & ST_PENDING))
				lr_write(
				    i, lr | (ST_PENDING << (v3 ? V3_STATE_SHIFT : V2_STATE_SHIFT)));
			return true;
		}
	}
	return false;
}

/* Guest entry, v loaded here: pending interrupts into free list registers.
 * Only the LRs the empty-status register marks busy are read: a finished
 * interrupt still waiting for its EOI maintenance is reclaimed first. */
void vgic_flush(struct vcpu *v)
{
	struct arch_vcpu *a = &v->arch;
	uint64_t busy = lr_busy();

	for (uint64_t b = busy; b != 0 && a->npending != 0; b &= b - 1) {
		unsigned i = (unsigned)__builtin_ctzll(b);
		uint64_t lr = lr_read(i);
		if (lr_state(lr) == 0 && lr_eoi_bit(lr)) {
			lr_done(v, i, lr);
			busy &= ~(1UL << i);
		}
	}
	uint64_t free = ~busy & ((1UL << nlr) - 1);
	int virq;
	while (a->npending != 0 && free != 0 && (virq = next_pending(a)) >= 0) {
		unsigned id = take(v, (unsigned)virq);
		if (merge(id, busy))
			continue;
		unsigned i = (unsigned)__builtin_ctzll(free);
		bool hw = test_bit(a->hw, (unsigned)virq);
		bool eoi = !hw && (virq == VTIMER_PPI || test_bit(a->level, (unsigned)virq));
		lr_write(i, lr_make(id, eoi, hw, ST_PENDING));
		free &= free - 1;
		busy |= 1UL << i;
	}
	hcr_write(HCR_EN | (a->npending != 0 ? HCR_UIE : 0));
}

bool vgic_has_pending(struct vcpu *v)
{
	if (v->arch.npending != 0)
		return true;
	for (unsigned i = 0; i < nlr; i++)
		if (lr_state(lr_read(i)) & ST_PENDING)
			return true;
	/* A timer condition already met: its PPI is on its way to this core. */
	return !v->arch.vtimer_masked && (sysreg_read(cntv_ctl_el0) & 7) == 5;
}

void vgic_save(struct vcpu *v)
{
	for (unsigned i = 0; i < nlr; i++)
		v->arch.lr[i] = lr_read(i);
	if (v3) {
		v->arch.vmcr = sysreg_read(ich_vmcr_el2);
		v->arch.apr = sysreg_read(ich_ap1r0_el2);
	} else {
		v->arch.vmcr = mmio_read32(PLAT_GICH_BASE + GICH_VMCR);
		v->arch.apr = mmio_read32(PLAT_GICH_BASE + GICH_APR);
	}
	hcr_write(0);
}

void vgic_restore(struct vcpu *v)
{
	for (unsigned i = 0; i < nlr; i++)
		lr_write(i, v->arch.lr[i]);
	if (v3) {
		sysreg_write(ich_vmcr_el2, v->arch.vmcr);
		sysreg_write(ich_ap1r0_el2, v->arch.apr);
	} else {
		mmio_write32(PLAT_GICH_BASE + GICH_VMCR, (uint32_t)v->arch.vmcr);
		mmio_write32(PLAT_GICH_BASE + GICH_APR, (uint32_t)v->arch.apr);
	}
	hcr_write(HCR_EN);
}

static void maintenance(struct vcpu *v)
{
	uint64_t eisr = v3 ? sysreg_read(ich_eisr_el2) : mmio_read32(PLAT_GICH_BASE + GICH_EISR0);

	if (v == NULL) {
		hcr_write(0); /* stale state of a destroyed vCPU */
		return;
	}
	for (unsigned i = 0; i < nlr; i++)
		if ((eisr >> i) & 1)
			lr_done(v, i, lr_read(i));
	hcr_write(HCR_EN); /* UIE off: the next guest entry refills and decides again */
	if (v->arch.npending != 0)
		vcpu_wake(v);
}

/* The virtual timer and maintenance PPIs (arch_irq_dispatch). */
void vgic_irq(unsigned irq)
{
	unsigned core = this_cpu()->index;
	struct vcpu *v = vcpu_loaded[core];

	if (irq == MAINT_PPI) {
		maintenance(v);
	} else if (v == NULL) {
		sysreg_write(cntv_ctl_el0, 0);
	} else {
		irqc_disable_local_ppi(core, VTIMER_PPI);
		v->arch.vtimer_masked = 1;
		vgic_pend(v, VTIMER_PPI);
	}
}
