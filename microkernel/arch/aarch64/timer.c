// SPDX-License-Identifier: BSD-2-Clause
/*
 * The kernel's per-core timer: the EL2 physical timer (CNTHP_*_EL2), an
 * ARM generic timer compared against the system counter CNTPCT_EL0 (ARM
 * ARM D11, "The Generic Timer in AArch64 state"). It raises a level PPI,
 * INTID 26 on QEMU virt (the "non-secure EL2 physical timer" of the DTB).
 *
 * The user timer (IRQC_USER_TIMER_PPI, spec 4.30a) is the EL1 physical
 * timer (CNTP_*_EL0, the DTB's "non-secure EL1 physical timer", INTID 30),
 * which EL2 programs directly with HCR_EL2.E2H = 0. Nothing else on the
 * host uses it: guests' accesses trap (CNTHCTL_EL2.EL1PCEN clear, below) to
 * their VMM, and guests get the EL1 virtual timer (vgic.c).
 */
#include <kernel/arch.h>
#include <kernel/irq.h>

/* CNTHP_CTL_EL2 (D17.11.18) */
#define CNT_CTL_ENABLE (1U << 0)
#define CNT_CTL_IMASK  (1U << 1)

/* CNTHCTL_EL2 with HCR_EL2.E2H = 0 (D17.11.13): EL0/EL1 may read CNTPCT; a guest's
 * EL1 physical timer accesses (EL1PCEN clear) trap to EL2 and reach its VMM. */
#define CNTHCTL_EL1PCTEN (1U << 0)
/* CNTKCTL_EL1 (D17.11.15): EL0 may read CNTPCT and CNTVCT. */
#define CNTKCTL_EL0PCTEN (1U << 0)
#define CNTKCTL_EL0VCTEN (1U << 1)

void timer_init_cpu(void)
{
	sysreg_write(cnthp_ctl_el2, CNT_CTL_IMASK);
	sysreg_write(cntp_ctl_el0, 0); /* the user timer: off (its reset value is UNKNOWN) */
	sysreg_write(cnthctl_el2, CNTHCTL_EL1PCTEN);
	sysreg_write(cntkctl_el1, CNTKCTL_EL0PCTEN | CNTKCTL_EL0VCTEN);
	sysreg_write(cntvoff_el2, 0); /* CNTVCT == CNTPCT */
	isb();
	irqc_enable(IRQC_TIMER_PPI);
}

/* The ISB keeps the read from being taken early (D11.2.2). */
uint64_t timer_now(void)
{
	isb();
	return sysreg_read(cntpct_el0);
}

uint64_t timer_freq(void)
{
	return sysreg_read(cntfrq_el0);
}

/* The condition CNTPCT >= CVAL is checked continuously; a past deadline fires at once. */
void timer_set_deadline(uint64_t abs_ticks)
{
	sysreg_write(cnthp_cval_el2, abs_ticks);
	sysreg_write(cnthp_ctl_el2, CNT_CTL_ENABLE);
	isb();
}

void timer_stop(void)
{
	sysreg_write(cnthp_ctl_el2, 0);
	isb();
}

/* CNTP_CVAL_EL0, CNTP_CTL_EL0 (ARM ARM D11, "The Generic Timer"): the same
 * condition as above. */
void timer_user_set_deadline(uint64_t abs_ticks)
{
	sysreg_write(cntp_cval_el0, abs_ticks);
	sysreg_write(cntp_ctl_el0, CNT_CTL_ENABLE);
	isb();
}

/* Disabled, its level interrupt line falls. */
void timer_user_stop(void)
{
	sysreg_write(cntp_ctl_el0, 0);
	isb();
}
